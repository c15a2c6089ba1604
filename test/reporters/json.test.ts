import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { reportFinding } from '../../src/core/message.js';
import { splitLines } from '../../src/core/text/lines.js';
import { reporters } from '../../src/reporters/index.js';
import { jsonReporter } from '../../src/reporters/json.js';
import { countProblems } from '../../src/reporters/problems.js';
import type { DocumentReport } from '../../src/reporters/reporter.js';
import { CWD, contextFor, sampleReports, TEXT_A } from './sample-reports.js';

const TRAILING = 'Unexpected white space at the end of the line; remove it';
// Rule docs are the rules/<id>.md pages in the project's repository (package.json's `repository`).
const docs = (id: string) => `https://github.com/corpuslint/corpuslint/blob/main/rules/${id}.md`;
const counts = (errors: number, fatal: number, warnings: number, fixableErrors: number, fixableWarnings: number) => ({
  errorCount: errors,
  fatalErrorCount: fatal,
  warningCount: warnings,
  fixableErrorCount: fixableErrors,
  fixableWarningCount: fixableWarnings,
});

/** ESLint's key order, which the exact string comparison below checks too. */
const expected = [
  {
    filePath: `${CWD}/corpus/a.txt`,
    messages: [
      {
        ruleId: 'no-trailing-spaces',
        severity: 1,
        message: TRAILING,
        messageId: 'trailing',
        line: 1,
        column: 16,
        endLine: 1,
        endColumn: 19,
        fix: { range: [15, 18], text: '' },
        url: docs('no-trailing-spaces'),
      },
    ],
    suppressedMessages: [],
    ...counts(0, 0, 1, 0, 1),
    source: TEXT_A,
    usedDeprecatedRules: [],
  },
  {
    filePath: `${CWD}/corpus/shard.jsonl`,
    recordId: 'rec-7',
    messages: [
      {
        ruleId: 'no-trailing-spaces',
        severity: 2,
        message: TRAILING,
        messageId: 'trailing',
        line: 1,
        column: 8,
        endLine: 1,
        endColumn: 9,
        fix: { range: [7, 8], text: '' },
        url: docs('no-trailing-spaces'),
      },
    ],
    suppressedMessages: [],
    ...counts(1, 0, 0, 1, 0),
    usedDeprecatedRules: [],
  },
  {
    filePath: `${CWD}/corpus/c.txt`,
    messages: [
      {
        ruleId: 'no-near-duplicate-documents',
        severity: 1,
        message: 'Near-duplicate of corpus/a.txt (90% of lines shared); keep one of them',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        relatedLocations: [{ message: 'The other copy', filePath: `${CWD}/corpus/a.txt`, line: 1, column: 1, endLine: 2, endColumn: 9 }],
        data: { cluster: ['corpus/a.txt', 'corpus/c.txt'], similarity: 0.9 },
        url: docs('no-near-duplicate-documents'),
      },
      {
        ruleId: 'no-duplicate-lines',
        severity: 1,
        message: 'Caption repeated from line 2; remove the copy',
        line: 3,
        column: 1,
        endLine: 4,
        endColumn: 1,
        suggestions: [{ desc: 'Remove "Photo: Reuters\\n"', fix: { range: [38, 53], text: '' } }],
        relatedLocations: [{ message: 'First copy', line: 2, column: 1, endLine: 2, endColumn: 15 }],
        url: docs('no-duplicate-lines'),
      },
    ],
    suppressedMessages: [],
    // The unsafe fix is a suggestion, so it does not count as fixable (as in ESLint).
    ...counts(0, 0, 2, 0, 0),
    usedDeprecatedRules: [],
  },
  {
    filePath: `${CWD}/corpus/bad.txt`,
    messages: [
      {
        ruleId: null,
        severity: 2,
        message: 'Cannot read corpus/bad.txt: it is not UTF-8 text; convert it or exclude it',
        // File-level: line 1, column 1, as ESLint's own fatal messages have a place.
        line: 1,
        column: 1,
        fatal: true,
      },
    ],
    suppressedMessages: [],
    ...counts(1, 1, 0, 0, 0),
    usedDeprecatedRules: [],
  },
  {
    filePath: `${CWD}/corpus/e.txt`,
    messages: [
      {
        ruleId: null,
        severity: 1,
        message: "Fixes kept undoing each other; stopped after 10 passes. Check the rules' settings and fix the rest by hand",
        line: 1,
        column: 1,
      },
    ],
    suppressedMessages: [],
    ...counts(0, 0, 1, 0, 0),
    // With fixed output, ESLint leaves the source out.
    output: 'The end.\n',
    usedDeprecatedRules: [],
  },
  {
    filePath: `${CWD}/corpus/clean.txt`,
    messages: [],
    suppressedMessages: [],
    ...counts(0, 0, 0, 0, 0),
    usedDeprecatedRules: [],
  },
];

const json = (reports: readonly DocumentReport[]) => reporters.json(reports, contextFor());

describe('json reporter', () => {
  it('prints ESLint-compatible results, compact, in the order given', () => {
    expect(json(sampleReports())).toBe(`${JSON.stringify(expected)}\n`);
  });

  it('prints an empty array for no documents', () => {
    expect(json([])).toBe('[]\n');
  });

  it('streams one result per document, clean ones included, that together make the array', () => {
    const stream = jsonReporter(contextFor());
    const chunks = [stream.header(), ...sampleReports().map((report) => stream.document(report)), stream.footer(countProblems(sampleReports()))];
    expect(chunks.slice(1, -1).map((chunk) => JSON.parse(chunk.replace(/^,/, '')).filePath)).toEqual(expected.map((result) => result.filePath));
    expect(chunks.join('')).toBe(json(sampleReports()));
  });

  it('leaves the source out of results without problems', () => {
    const [result] = JSON.parse(json([{ filePath: `${CWD}/x.txt`, messages: [], source: 'clean\n' }]));
    expect(result).not.toHaveProperty('source');
  });

  it('gives what the shared scorers read: a basename, rule ids and integer line spans', () => {
    const results = JSON.parse(json(sampleReports())) as Array<{ filePath: string; messages: Array<Record<string, unknown>> }>;
    for (const result of results) {
      expect(result.filePath.startsWith('/')).toBe(true);
      for (const message of result.messages) {
        expect(Number.isInteger(message.line)).toBe(true);
        expect(Number.isInteger(message.column)).toBe(true);
        expect(message.ruleId === null || typeof message.ruleId === 'string').toBe(true);
      }
    }
  });

  it('gives a safe fix held back inside a pending unsafe removal as a suggestion, not a fix', () => {
    const text = 'Article.\nTeaser one \nTeaser two\n';
    const file = new VFile({ value: text, path: 'x.txt' });
    const lines = splitLines(text);
    reportFinding(file, lines, { message: 'Appended story; remove it', start: 9, end: text.length, fix: { range: [9, text.length], text: '' } }, { ruleId: 'no-duplicate-lines', severity: 'error', fixable: 'unsafe' });
    reportFinding(file, lines, { message: 'Trailing space', start: 19, end: 20, fix: { range: [19, 20], text: '' } }, { ruleId: 'no-trailing-spaces', severity: 'warn', fixable: 'safe' });
    const [result] = JSON.parse(json([{ filePath: `${CWD}/x.txt`, messages: file.messages }])) as Array<{ messages: Array<Record<string, unknown>>; fixableWarningCount: number; fixableErrorCount: number }>;
    expect(result!.messages.map((message) => [message.ruleId, message.fix, message.suggestions])).toEqual([
      ['no-duplicate-lines', undefined, [{ desc: 'Remove "Teaser one \\nTeaser two\\n"', fix: { range: [9, text.length], text: '' } }]],
      ['no-trailing-spaces', undefined, [{ desc: 'Remove " "', fix: { range: [19, 20], text: '' } }]],
    ]);
    expect([result!.fixableErrorCount, result!.fixableWarningCount]).toEqual([0, 0]);
    // Without the pending removal the same safe fix is ESLint's `fix`.
    const alone = JSON.parse(json([{ filePath: `${CWD}/x.txt`, messages: [file.messages[1]!] }])) as Array<{ messages: Array<Record<string, unknown>> }>;
    expect(alone[0]!.messages[0]!.fix).toEqual({ range: [19, 20], text: '' });
  });
});
