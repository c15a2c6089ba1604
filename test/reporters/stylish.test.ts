import { VFileMessage } from 'vfile-message';
import { describe, expect, it } from 'vitest';
import noTrailingSpaces from '../../rules/no-trailing-spaces.js';
import { Linter } from '../../src/core/lint.js';
import { reporters } from '../../src/reporters/index.js';
import type { DocumentReport } from '../../src/reporters/reporter.js';
import { stylishReporter } from '../../src/reporters/stylish.js';
import { CWD, contextFor, sampleReports } from './sample-reports.js';

const linter = new Linter([{ rule: noTrailingSpaces, severity: 'warn', options: { skipBlankLines: false } }]);

const stylish = (reports: readonly DocumentReport[], color = false) => reporters.stylish(reports, contextFor({ color }));
/** The report's lines; it ends with a newline. */
const linesOf = (output: string) => output.slice(0, -1).split('\n');

describe('stylish reporter', () => {
  const output = stylish(sampleReports());
  const lines = linesOf(output);

  it.each([
    ['a warning with its span, severity, reason and rule', /^1:16-1:19 +warning +Unexpected white space at the end of the line; remove it +no-trailing-spaces$/],
    ['an error in a shard record', /^1:8-1:9 +error +Unexpected white space at the end of the line; remove it +no-trailing-spaces$/],
    ['a message over several lines', /^3:1-4:1 +warning +Caption repeated from line 2; remove the copy +no-duplicate-lines$/],
    ['an unreadable file, with no place', /^ +error +Cannot read corpus\/bad\.txt: it is not UTF-8 text; convert it or exclude it$/],
    ['a file-level warning', /^ +warning +Fixes kept undoing each other/],
    ['documents relative to cwd', /^corpus\/a\.txt$/],
    ['a record as shard#id', /^corpus\/shard\.jsonl#rec-7$/],
    ["vfile-reporter's summary", /^6 messages \(✖ 2 errors, ⚠ 4 warnings\)$/],
  ])('shows %s', (_, pattern) => {
    expect(lines.some((line) => pattern.test(line))).toBe(true);
  });

  it('ends with what --fix and --unsafe-fixes would fix', () => {
    expect(lines.at(-1)).toBe('  2 problems are fixable with `--fix`; 1 more with `--fix --unsafe-fixes`');
  });

  it('lists only documents with problems, without the redundant source column', () => {
    expect(output).not.toContain('clean.txt');
    expect(output).not.toContain('no issues found');
    expect(lines.some((line) => line.endsWith('corpuslint'))).toBe(false);
  });

  it('prints nothing when no document has a problem', () => {
    expect(stylish([{ filePath: `${CWD}/clean.txt`, messages: [] }])).toBe('');
    expect(stylish([])).toBe('');
  });

  it('prints one summary for the run, not one per document, and ends with a newline', () => {
    expect(lines.filter((line) => /^(\d+ messages \(|[✖⚠] \d)/.test(line))).toEqual(['6 messages (✖ 2 errors, ⚠ 4 warnings)']);
    expect(output.endsWith('\n')).toBe(true);
    expect(output).not.toContain('\n\n\n');
  });

  it("streams a document's table as it arrives, and nothing for a clean one", () => {
    const stream = stylishReporter(contextFor());
    const [a, shard, , , , clean] = sampleReports();
    expect(stream.header()).toBe('');
    expect(stream.document(clean!)).toBe('');
    expect(linesOf(stream.document(a!))).toEqual([
      'corpus/a.txt',
      '1:16-1:19 warning Unexpected white space at the end of the line; remove it no-trailing-spaces',
    ]);
    // The next document is set off by a blank line, as vfile-reporter does.
    expect(stream.document(shard!)).toMatch(/^\ncorpus\/shard\.jsonl#rec-7\n/);
  });

  it.each([
    ['one safe fix', 'a \n', false, '  1 problem is fixable with `--fix`'],
    ['only unsafe fixes', 'a \nb \n', true, '  2 problems are fixable with `--fix --unsafe-fixes`'],
  ])('words the fix hint for %s', (_, text, unsafe, hint) => {
    const messages = linter.lint(text).messages;
    if (unsafe) for (const message of messages) message.fixSafety = 'unsafe';
    expect(linesOf(stylish([{ filePath: `${CWD}/a.txt`, messages }])).at(-1)).toBe(hint);
  });

  it('counts a safe fix held back inside a pending unsafe removal with the unsafe fixes, where --fix applies it', () => {
    const text = 'Article.\nTail with a space \nMore tail.\n';
    const messages = linter.lint(text).messages;
    expect(messages).toHaveLength(1);
    const removal = new VFileMessage('Unrelated story appended from here to the end; remove it', { ruleId: 'no-appended-story' });
    removal.fix = { range: [8, text.length], text: '' };
    removal.fixSafety = 'unsafe';
    expect(linesOf(stylish([{ filePath: `${CWD}/a.txt`, messages: [...messages, removal] }])).at(-1)).toBe(
      '  2 problems are fixable with `--fix --unsafe-fixes`',
    );
  });

  it('has no fix hint when nothing is fixable', () => {
    const messages = linter.lint('a \n').messages;
    for (const message of messages) delete message.fix;
    expect(linesOf(stylish([{ filePath: `${CWD}/a.txt`, messages }])).at(-1)).toBe('⚠ 1 warning');
  });

  it('colours only when asked', () => {
    expect(output).not.toContain('\u001B[');
    const coloured = stylish(sampleReports(), true);
    expect(coloured).toContain('\u001B[31merror\u001B[39m');
    expect(coloured).toContain('6 messages (\u001B[31m✖\u001B[39m 2 errors, \u001B[33m⚠\u001B[39m 4 warnings)');
  });

  it('cuts messages just enough for every row to fit a terminal, and leaves them whole elsewhere', () => {
    const long = `${'A very long message about a line of site chrome that goes on '.repeat(2)}; remove it`;
    const message = new VFileMessage(long, { place: { line: 1, column: 1 }, ruleId: 'no-trailing-spaces' });
    message.fatal = false;
    const short = new VFileMessage('Short one', { place: { line: 2, column: 1 }, ruleId: 'no-duplicate-lines' });
    short.fatal = false;
    const report: DocumentReport = { filePath: `${CWD}/a.txt`, messages: [message, short] };
    const whole = linesOf(reporters.stylish([report], contextFor()));
    expect(whole[1]).toContain(long);
    expect(Math.max(...whole.map((line) => line.length))).toBeGreaterThan(100);
    const fitted = linesOf(reporters.stylish([report], contextFor({ columns: 100 })));
    expect(Math.max(...fitted.map((line) => line.length))).toBeLessThanOrEqual(100);
    expect(Math.max(...fitted.map((line) => line.length))).toBeGreaterThan(95);
    expect(fitted[1]).toMatch(/^1:1 +warning +A very long message .*… +no-trailing-spaces$/);
    expect(fitted[2]).toMatch(/^2:1 +warning +Short one +no-duplicate-lines$/);
    expect(linesOf(reporters.stylish([report], contextFor({ columns: 200 })))).toEqual(whole);
  });
});
