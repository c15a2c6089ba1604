/**
 * Template text counted per site: in a crawl stored as a folder per host,
 * one site's footer is in all of that site's pages but in too few of the
 * corpus's to count corpus-wide.
 */
import { describe, expect, it } from 'vitest';
import { siteOfDocument, siteOfUrl } from '../../src/core/site.js';
import { runCli, tempFolder } from './run-cli.js';

const SITES = ['www.alpha-news.com', 'beta.org', 'gamma.co.uk', 'delta.net'];

/** Four sites of five pages; each page is an article and its site's footer (5 of 20 pages: 25%, under the 30% corpus-wide share). */
function crawl(folderOf: (site: string, page: number) => string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const site of SITES) {
    for (let page = 1; page <= 5; page++) {
      files[folderOf(site, page)] =
        'The council voted on Tuesday to close the old bridge for repairs after engineers found cracks in its main span, officials said in a statement.\n' +
        `Residents of page ${page} will have to use a ferry for the next six months while the work goes on, the council added.\n\n` +
        `Footer of ${site}\n`;
    }
  }
  return files;
}

const chromeLines = (stdout: string) =>
  (JSON.parse(stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; message: string }> }>).flatMap((result) =>
    result.messages.filter((message) => message.ruleId === 'no-site-chrome').map((message) => `${message.line} ${message.message}`),
  );

describe('template text per site', () => {
  it('names a site by its folder, when the folder is named like a host', () => {
    expect(siteOfDocument('crawl/www.NYTimes.com/2019-11-19.txt')).toBe('nytimes.com');
    expect(siteOfDocument('crawl/bbc.co.uk/a.txt')).toBe('bbc.co.uk');
    expect(siteOfDocument('seeds/000.txt')).toBeUndefined();
    expect(siteOfDocument('page.txt')).toBeUndefined();
    expect(siteOfDocument(undefined)).toBeUndefined();
  });

  it('names a site by the host of a URL', () => {
    expect(siteOfUrl('https://www.NYTimes.com/2019/11/19/a.html')).toBe('nytimes.com');
    expect(siteOfUrl('http://user@bbc.co.uk:8080/news?x=1')).toBe('bbc.co.uk');
    expect(siteOfUrl('/relative/path')).toBeUndefined();
    expect(siteOfUrl('https://localhost/a')).toBeUndefined();
  });

  it("flags each site's footer in a JSON Lines shard whose records carry their URL (top-level, or Dolma's metadata.url)", () => {
    const pages = Object.entries(crawl((site, page) => `${site}/${page}`));
    const records = pages.map(([name, text], index) => {
      const url = `https://${name.split('/')[0]}/story-${index}.html`;
      return JSON.stringify(index % 2 === 0 ? { id: `r${index}`, text, url } : { id: `r${index}`, text, metadata: { url } });
    });
    const cwd = tempFolder({ 'crawl.jsonl': `${records.join('\n')}\n` });
    const run = runCli(['--rule-only', 'no-site-chrome', '-f', 'json', 'crawl.jsonl'], cwd);
    expect(run.status).toBe(1);
    expect(chromeLines(run.stdout)).toEqual(
      Array.from({ length: 20 }, () => '4 Site chrome (template text repeated across documents), not article text; remove the line'),
    );
  });

  it("flags each site's footer in a crawl with a folder per host", () => {
    const cwd = tempFolder(crawl((site, page) => `crawl/${site}/page-${page}.txt`));
    const run = runCli(['--rule-only', 'no-site-chrome', '-f', 'json', 'crawl'], cwd);
    expect(run.status).toBe(1);
    expect(chromeLines(run.stdout)).toEqual(
      Array.from({ length: 20 }, () => '4 Site chrome (template text repeated across documents), not article text; remove the line'),
    );
  });

  it('counts corpus-wide when the pages are not grouped by site, and 25% is no template', () => {
    const cwd = tempFolder(crawl((site, page) => `crawl/${site.replace(/\./g, '-')}-${page}.txt`));
    const run = runCli(['--rule-only', 'no-site-chrome', '-f', 'json', 'crawl'], cwd);
    expect(run.status).toBe(0);
    expect(chromeLines(run.stdout)).toEqual([]);
  });
});
