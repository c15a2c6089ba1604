/**
 * The package's root folder (package.json, README.md, rules/*.md), found
 * without reading anything so core code may link to rule docs: this module
 * is `<root>/src/core/package-root.ts` run from sources and
 * `<root>/dist/src/core/package-root.js` once built (tsconfig: rootDir `.`,
 * outDir `dist`), wherever the package is installed.
 */
export const PACKAGE_ROOT: URL = new URL(import.meta.url.endsWith('.ts') ? '../../' : '../../../', import.meta.url);
