/** corpuslint's own version (part of the cache key), from its package.json whether run from src/ or dist/. */
import fs from 'node:fs';

let version: string | undefined;

export function corpuslintVersion(): string {
  if (version !== undefined) return version;
  for (let dir = new URL('./', import.meta.url); ; dir = new URL('../', dir)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'corpuslint') return (version = manifest.version ?? '0.0.0');
    } catch {
      // Not here; look in the parent folder.
    }
    if (dir.pathname === '/') return (version = '0.0.0');
  }
}
