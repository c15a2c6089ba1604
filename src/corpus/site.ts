/**
 * Which site a document comes from, when the corpus says so: files grouped
 * in a folder per host ('crawl/www.nytimes.com/2019-11-19.txt'), as crawls
 * are often stored. Template text (a site's menu, its footer) is counted per
 * site as well as corpus-wide, because in a corpus of many sites one site's
 * footer never reaches a corpus-wide share.
 */
import { hashString, mix32, type Fingerprint } from '../core/text/tokens.js';

/** A host name: labels of letters, digits and hyphens, dot-separated, ending in a letter label. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** The host a document's folder is named for (lower case, without 'www.'), or undefined. */
export function siteOfDocument(documentId: string | undefined): string | undefined {
  if (documentId === undefined) return undefined;
  const parts = documentId.split(/[\\/]/);
  const folder = parts[parts.length - 2];
  if (folder === undefined || !HOST.test(folder)) return undefined;
  return folder.toLowerCase().replace(/^www\./, '');
}

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
