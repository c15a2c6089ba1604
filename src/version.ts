/**
 * corpuslint's own version (part of the cache key, and `--version`), from
 * its package.json wherever it is installed, never the host project's.
 */
import fs from 'node:fs';
import { PACKAGE_ROOT } from './core/package-root.js';

let version: string | undefined;

export function corpuslintVersion(): string {
  version ??= (JSON.parse(fs.readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as { version?: string }).version ?? '0.0.0';
  return version;
}

/** The package's root folder (where package.json, README.md and rules/ are). */
export function packageRoot(): URL {
  return PACKAGE_ROOT;
}
