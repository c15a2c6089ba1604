/**
 * Keys of per-site counts. Template text (a site's menu, its footer) is
 * counted per site (src/core/site.ts says which) as well as corpus-wide,
 * because in a corpus of many sites one site's footer never reaches a
 * corpus-wide share.
 */
import { hashString, mix32, type Fingerprint } from '../core/text/tokens.js';

export function siteFingerprint(site: string): Fingerprint {
  return hashString(`site:${site}`);
}

/** The key a template line is counted under within one site. */
export function siteLineKey(line: Fingerprint, site: Fingerprint): Fingerprint {
  return { hi: mix32(line.hi ^ site.hi), lo: mix32(line.lo ^ mix32(site.lo ^ 0x9e3779b9)) };
}

/** The key that counts a site's documents, in the same table as its lines. */
export function siteDocumentsKey(site: Fingerprint): Fingerprint {
  return { hi: mix32(site.hi ^ 0x85ebca6b), lo: mix32(site.lo ^ 0xc2b2ae35) };
}
