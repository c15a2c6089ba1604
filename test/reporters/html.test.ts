/**
 * `-f html`: one self-contained page whose numbers are the `--stats-json`
 * aggregate's, whose examples are a bounded sample, and whose text is
 * escaped. The page in a real browser: test/e2e/html-report-browser.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { VFileMessage } from 'vfile-message';
import { afterAll, describe, expect, it } from 'vitest';
import { CorpusStats, type CorpusStatsJson } from '../../src/run/corpus-stats.js';
import { EXAMPLES_PER_RULE, ExampleSampler } from '../../src/reporters/html/examples.js';
import { renderPage } from '../../src/reporters/html/index.js';
import { runCli, tempCopyOfSeeds } from '../e2e/run-cli.js';
import { statAt, statsShown } from './stats-shown.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

describe('corpuslint -f html -o report.html seeds/', () => {
  const cwd = tempCopyOfSeeds();
  folders.push(cwd);
  const run = runCli(['seeds/', '-f', 'html', '-o', 'report.html', '--stats-json', 'stats.json', '--concurrency', 'off'], cwd);
  const html = fs.readFileSync(path.join(cwd, 'report.html'), 'utf8');
  const json = JSON.parse(fs.readFileSync(path.join(cwd, 'stats.json'), 'utf8')) as CorpusStatsJson;

  it('runs as any report: exit code of the lint, one line on stderr', () => {
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('corpuslint: 35 problems (20 errors, 15 warnings) in 5 documents; report written to report.html\n');
  });

  it('loads nothing from the network: no external script, style, image or font', () => {
    expect(html).not.toMatch(/<script[^>]+src=/i);
    // Links to the rule pages are the only URLs outside scripts, and only followed when clicked.
    const outside = html.replace(/<script[\s\S]*?<\/script>/g, '');
    expect(outside).not.toMatch(/<link\b|<img\b|<iframe\b|@import|url\(/i);
    const urls = [...outside.matchAll(/https?:\/\/[^"'\s<)]+/g)].map((match) => match[0]);
    expect(urls.every((url) => url.startsWith('https://github.com/corpuslint/corpuslint/blob/main/rules/'))).toBe(true);
    expect(html).toContain('<canvas id="chart-messages"');
    expect(html.length).toBeLessThan(400_000);
  });

  it('shows the numbers of --stats-json, figure by figure', () => {
    const shown = statsShown(html);
    expect(shown.size).toBeGreaterThan(json.rules.length * 7);
    for (const [stat, value] of shown) expect([stat, value]).toEqual([stat, statAt(json, stat)]);
  });

  it('says that its examples are a bounded sample', () => {
    expect(html).toContain(`a bounded sample of examples: the first ${EXAMPLES_PER_RULE} documents each rule flagged`);
  });

  it('shows each flagging rule with examples: the flagged lines marked, the fix as a diff', () => {
    for (const rule of json.rules.filter((entry) => entry.messages > 0)) {
      expect(html).toContain(`<h3><code>${rule.id}</code> <span class="muted">${rule.messages} messages in ${rule.documents} documents; ${Math.min(rule.documents, EXAMPLES_PER_RULE)} shown</span></h3>`);
    }
    expect(html).toContain('<div class="line flagged"><span class="ln">75</span><span class="tx">paiment methods</span></div>');
    expect(html).toContain('<div class="d removed"><span class="sign">−</span><span class="tx">paiment methods</span></div><div class="d added"><span class="sign">+</span><span class="tx">payment methods</span></div>');
  });
});

describe('the page, from the aggregate and the sampler', () => {
  const stats = () => new CorpusStats({ corpuslintVersion: '9.9.9', configHash: '0'.repeat(64), fix: 'off', ruleIds: ['no-trailing-spaces'] });

  it('escapes the corpus text it shows', () => {
    const aggregate = stats();
    const sampler = new ExampleSampler();
    const text = '<script>alert("x")</script>  \n';
    const message = new VFileMessage('Trailing spaces', { place: { start: { line: 1, column: 29 }, end: { line: 1, column: 31 } }, ruleId: 'no-trailing-spaces', source: 'corpuslint' });
    message.fix = { range: [28, 30], text: '' };
    message.fixSafety = 'safe';
    sampler.add({ filePath: '/corpus/<b>.txt', messages: [message], source: text }, '/corpus');
    aggregate.addDocument('<b>.txt', [{ reason: 'Trailing spaces', ruleId: 'no-trailing-spaces', source: 'corpuslint' }], { bytes: 31, bytesAfterFix: 29, rules: {} });
    const html = renderPage(aggregate.toJSON(), sampler);
    expect(html).toContain('<span class="tx">&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;  </span>');
    expect(html).toContain('<code>&#60;b&#62;.txt</code>');
    expect(html.match(/<script\b/g)).toHaveLength(3);
  });

  it('keeps the same size however many documents go by: aggregates and at most a few examples a rule', () => {
    const sizeAfter = (documents: number) => {
      const aggregate = stats();
      const sampler = new ExampleSampler();
      for (let index = 0; index < documents; index++) {
        const name = `doc-${String(index).padStart(6, '0')}.txt`;
        const message = new VFileMessage('Trailing spaces', { place: { start: { line: 2, column: 5 }, end: { line: 2, column: 7 } }, ruleId: 'no-trailing-spaces', source: 'corpuslint' });
        message.fix = { range: [10, 12], text: '' };
        sampler.add({ filePath: `/corpus/${name}`, messages: [message], source: 'line one\nline  \nline three\n' }, '/corpus');
        aggregate.addDocument(name, [{ reason: 'Trailing spaces', ruleId: 'no-trailing-spaces', source: 'corpuslint' }], {
          bytes: 30,
          bytesAfterFix: 28,
          rules: { 'no-trailing-spaces': { safeBytes: 2, safeLines: 0, unsafeBytes: 0, unsafeLines: 0 } },
        });
      }
      expect(sampler.examples('no-trailing-spaces')).toHaveLength(Math.min(documents, EXAMPLES_PER_RULE));
      return renderPage(aggregate.toJSON(), sampler).length;
    };
    const small = sizeAfter(10);
    const large = sizeAfter(20_000);
    // Only the figures' digits grow (a few hundred bytes), not a line a document.
    expect(large - small).toBeLessThan(2_000);
  });
});
