/**
 * Where corpuslint is installed, and its version (part of the cache key),
 * from its package.json whether it runs from src/ or dist/.
 */
import fs from 'node:fs';

interface Installation {
  root: URL;
  version: string;
}

let installation: Installation | undefined;

function findInstallation(): Installation {
  for (let dir = new URL('./', import.meta.url); ; dir = new URL('../', dir)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'corpuslint') return { root: dir, version: manifest.version ?? '0.0.0' };
    } catch {
      // Not here; look in the parent folder.
    }
    if (dir.pathname === '/') return { root: new URL('../', import.meta.url), version: '0.0.0' };
  }
}

export function corpuslintVersion(): string {
  installation ??= findInstallation();
  return installation.version;
}

/** The package's root folder (where package.json, README.md and rules/ are). */
export function packageRoot(): URL {
  installation ??= findInstallation();
  return installation.root;
}
