/**
 * `--cache` with the cross-document rules, as a user runs it: an edit to one
 * file re-lints that file and the files whose questions to the corpus index
 * it answers differently (a line that becomes a template line, a new copy in
 * a near-duplicate cluster), not the whole corpus; and every report equals
 * a run without the cache, byte for byte. `--stats` says how many documents
 * the cache answered.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, temporaryFolders } from './run-cli.js';

const folder = temporaryFolders();

const WORDS = (
  'the council river market school garden bridge station library harbour museum village farmer teacher doctor ' +
  'visitor engineer season morning evening weekend summer winter report budget plan project road field hill forest ' +
  'water light stone window kitchen table letter story answer question family neighbour street corner square ' +
  'opened closed built painted repaired visited planted counted measured carried moved wrote found kept shared ' +
  'old new small large quiet busy early late green bright narrow wide local public careful simple'
).split(' ');

/** A deterministic generator (mulberry32), so the corpus is the same on every run of the test. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Five paragraphs of plain sentences of common words, different for every seed. */
function article(seed: number): string {
  const next = random(seed);
  const paragraphs: string[] = [];
  for (let p = 0; p < 5; p++) {
    const sentences: string[] = [];
    for (let s = 0; s < 4; s++) {
      const words = Array.from({ length: 9 + Math.floor(next() * 6) }, () => WORDS[Math.floor(next() * WORDS.length)]!);
      sentences.push(`${words[0]!.charAt(0).toUpperCase()}${words.join(' ').slice(1)}.`);
    }
    paragraphs.push(sentences.join(' '));
  }
  return paragraphs.join('\n\n');
}

const FOOTER = 'Subscribe to our newsletter for the latest stories';
/** In 9 of the 33 documents: under no-site-chrome's 30% share until a tenth carries it too. */
const FOLLOW = 'Follow us on social media for daily updates';
const PAGES = 30;

function corpus(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let page = 0; page < PAGES; page++) {
    const extra = page >= 20 && page < 29 ? `${FOLLOW}\n` : '';
    files[`pages/page-${String(page).padStart(2, '0')}.txt`] = `${article(page)}\n\n${extra}${FOOTER}\n`;
  }
  // Page 04 is a near-duplicate of page 03 (one sentence dropped).
  files['pages/page-04.txt'] = files['pages/page-03.txt']!.replace(/\. [^.]*\./, '.');
  files['records.jsonl'] = [0, 1, 2].map((record) => JSON.stringify({ id: `r${record}`, text: `${article(100 + record)}\n\n${FOOTER}\n` })).join('\n') + '\n';
  return files;
}

interface Run {
  report: string;
  /** Documents the cache answered, and all documents. */
  fromCache: number;
  documents: number;
}

function lint(cwd: string, cache: boolean): Run {
  const args = ['-f', 'json', '--no-progress', ...(cache ? ['--cache', '--stats'] : []), 'pages', 'records.jsonl'];
  const run = runCli(args, cwd);
  expect([0, 1], run.stderr).toContain(run.status);
  const figures = /Cache: ([\d,]+) of ([\d,]+) documents answered from the cache/.exec(run.stderr);
  if (cache) expect(figures, run.stderr).not.toBeNull();
  return { report: run.stdout, fromCache: Number(figures?.[1]?.replace(/,/g, '') ?? 0), documents: Number(figures?.[2]?.replace(/,/g, '') ?? 0) };
}

/** The cached run, checked against a run without the cache: how many documents it linted, and the report. */
function lintAgain(cwd: string): { linted: number; report: string } {
  const cached = lint(cwd, true);
  expect(cached.report).toBe(lint(cwd, false).report);
  return { linted: cached.documents - cached.fromCache, report: cached.report };
}

/** One file's messages, each as its rule id and its JSON (a near-duplicate's cluster is in its data). */
const messagesOf = (report: string, file: string) =>
  (JSON.parse(report) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>)
    .find((result) => result.filePath.endsWith(file))!
    .messages.map((message) => `${message.ruleId}: ${JSON.stringify(message)}`);

describe('--cache re-lints what an edit changes for the cross-document rules', () => {
  it('an unrelated edit re-lints one file; a new template line and a new near-duplicate re-lint the files they change', () => {
    const cwd = folder(corpus());
    const first = lint(cwd, true);
    expect([first.fromCache, first.documents]).toEqual([0, PAGES + 3]);
    // The corpus has what the test needs: a near-duplicate pair and a template footer.
    expect(messagesOf(first.report, 'page-04.txt').some((message) => message.startsWith('no-near-duplicate-docs'))).toBe(true);
    expect(messagesOf(first.report, 'page-10.txt').some((message) => message.startsWith('no-site-chrome'))).toBe(true);
    expect(lintAgain(cwd).linted).toBe(0);

    // An edit of one article's wording: nothing another page asks the index changes.
    const page10 = path.join(cwd, 'pages/page-10.txt');
    fs.writeFileSync(page10, fs.readFileSync(page10, 'utf8').replace('.', ', said the council.'));
    const unrelated = lintAgain(cwd);
    expect(unrelated.linted).toBe(1);

    // A tenth document with the follow line makes it a template line of the other nine as well.
    const page11 = path.join(cwd, 'pages/page-11.txt');
    fs.writeFileSync(page11, fs.readFileSync(page11, 'utf8').replace(FOOTER, `${FOLLOW}\n${FOOTER}`));
    const template = lintAgain(cwd);
    expect(template.linted).toBe(10);
    expect(messagesOf(template.report, 'page-20.txt')).not.toEqual(messagesOf(unrelated.report, 'page-20.txt'));

    // Page 12 becomes a copy of page 04: the cluster of 03 and 04 grows, and 04's finding lists it.
    fs.writeFileSync(path.join(cwd, 'pages/page-12.txt'), fs.readFileSync(path.join(cwd, 'pages/page-04.txt'), 'utf8'));
    // Page 12 and page 04 (page 03 keeps the copy's answer: it is the one to keep, so it has no finding).
    const copied = lintAgain(cwd);
    expect(copied.linted).toBe(2);
    expect(messagesOf(copied.report, 'page-04.txt')).not.toEqual(messagesOf(template.report, 'page-04.txt'));
    expect(lintAgain(cwd).linted).toBe(0);
  });
});
