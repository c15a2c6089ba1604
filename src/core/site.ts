/**
 * Which site a document comes from, when the corpus says so: the host of its
 * URL (a shard record's \`url\` field), or the folder it sits in when files
 * are grouped in a folder per host ('crawl/www.nytimes.com/2019-11-19.txt'),
 * as crawls are often stored. Rules read it as \`context.site\`; the corpus
 * index counts template text per site with it.
 */

/** A host name: labels of letters, digits and hyphens, dot-separated, ending in a letter label. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** The host a document's folder is named for (lower case, without 'www.'), or undefined. */
export function siteOfDocument(documentId: string | undefined): string | undefined {
  if (documentId === undefined) return undefined;
  const parts = documentId.split(/[\\/]/);
  const folder = parts[parts.length - 2];
  if (folder === undefined || !HOST.test(folder)) return undefined;
  return siteOfHost(folder);
}

/** The host of a URL (lower case, without 'www.'), or undefined when it has none. */
export function siteOfUrl(url: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^:/?#]+)/i.exec(url.trim());
  return match && HOST.test(match[1]!) ? siteOfHost(match[1]!) : undefined;
}

function siteOfHost(host: string): string {
  return host.toLowerCase().replace(/^www\./, '');
}
