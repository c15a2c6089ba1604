import { describe, expect, it } from 'vitest';
import noTrailingSpaces from '../../rules/no-trailing-spaces.js';
import { Linter } from '../../src/lint.js';
import { stylishReporter } from '../../src/reporters/stylish.js';
import { CWD, contextFor, sampleReports } from './sample-reports.js';

const linter = new Linter([{ rule: noTrailingSpaces, severity: 'warn', options: { skipBlankLines: false } }]);

describe('stylish reporter', () => {
  const output = stylishReporter(sampleReports(), contextFor());
  const lines = output.split('\n');

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
    expect(stylishReporter([{ filePath: `${CWD}/clean.txt`, messages: [] }], contextFor())).toBe('');
    expect(stylishReporter([], contextFor())).toBe('');
  });

  it.each([
    ['one safe fix', 'a \n', false, '  1 problem is fixable with `--fix`'],
    ['only unsafe fixes', 'a \nb \n', true, '  2 problems are fixable with `--fix --unsafe-fixes`'],
  ])('words the fix hint for %s', (_, text, unsafe, hint) => {
    const messages = linter.lint(text).messages;
    if (unsafe) for (const message of messages) message.fixSafety = 'unsafe';
    expect(stylishReporter([{ filePath: `${CWD}/a.txt`, messages }], contextFor()).split('\n').at(-1)).toBe(hint);
  });

  it('has no fix hint when nothing is fixable', () => {
    const messages = linter.lint('a \n').messages;
    for (const message of messages) delete message.fix;
    expect(stylishReporter([{ filePath: `${CWD}/a.txt`, messages }], contextFor()).split('\n').at(-1)).toBe('⚠ 1 warning');
  });

  it('colours only when asked', () => {
    expect(output).not.toContain('\u001B[');
    expect(stylishReporter(sampleReports(), contextFor({ color: true }))).toContain('\u001B[31merror\u001B[39m');
  });
});
