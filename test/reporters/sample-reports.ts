/**
 * One small run every reporter test reads: documents linted by the real
 * Linter (no-trailing-spaces), plus messages made by the real message
 * constructor for what that rule cannot show (related places, unsafe fixes,
 * data), an unreadable file and a fix loop, as src/run/run.ts reports them.
 */
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import noTrailingSpaces from '../../rules/no-trailing-spaces.js';
import { fixText } from '../../src/core/fix.js';
import { Linter } from '../../src/core/lint.js';
import { MESSAGE_SOURCE, reportFinding } from '../../src/core/message.js';
import { splitLines } from '../../src/core/text/lines.js';
import type { DocumentReport, ReportContext } from '../../src/reporters/reporter.js';
import { defineRule, type AnyRule } from '../../src/core/rule.js';

export const CWD = '/work/project';

/** Stand-ins for rules other helpers write; only their meta matters to reporters. */
function stubRule(id: string, recommended: 'warn' | 'error' | 'off'): AnyRule {
  return defineRule({
    meta: {
      id,
      description: `Stub of ${id} for reporter tests`,
      version: 1,
      fixable: 'unsafe',
      recommended,
      defaultOptions: {},
      optionsSchema: { type: 'object' },
    },
    create() {
      return {
        check() {},
      };
    },
  });
}

export const duplicateLinesRule = stubRule('no-duplicate-lines', 'warn');
export const nearDuplicateRule = stubRule('no-near-duplicate-documents', 'off');

export const RULES: ReadonlyMap<string, AnyRule> = new Map(
  [noTrailingSpaces, duplicateLinesRule, nearDuplicateRule].map((rule) => [rule.meta.id, rule]),
);

export function contextFor(overrides: Partial<ReportContext> = {}): ReportContext {
  return { cwd: CWD, rules: RULES, color: false, ...overrides };
}

const warnLinter = new Linter([{ rule: noTrailingSpaces, severity: 'warn', options: { skipBlankLines: false } }]);
const errorLinter = new Linter([{ rule: noTrailingSpaces, severity: 'error', options: { skipBlankLines: false } }]);

export const TEXT_A = 'Leave a Comment   \nThe end.\n';
export const TEXT_C = 'Kim Jong Un met Putin.\nPhoto: Reuters\nPhoto: Reuters\nRead the full story.\n';
export const TEXT_E = 'The end. \n';

/** A document whose repeated caption (line 3) points at its first copy, and which nearly repeats a.txt. */
function documentC(): VFileMessage[] {
  const file = new VFile({ value: TEXT_C, path: 'corpus/c.txt' });
  const lines = splitLines(TEXT_C);
  reportFinding(
    file,
    lines,
    {
      message: 'Near-duplicate of corpus/a.txt (90% of lines shared); keep one of them',
      start: 0,
      end: 0,
      related: [{ message: 'The other copy', filePath: `${CWD}/corpus/a.txt`, line: 1, column: 1, endLine: 2, endColumn: 9 }],
      data: { cluster: ['corpus/a.txt', 'corpus/c.txt'], similarity: 0.9 },
    },
    { ruleId: 'no-near-duplicate-documents', severity: 'warn', fixable: 'unsafe' },
  );
  reportFinding(
    file,
    lines,
    {
      message: 'Caption repeated from line 2; remove the copy',
      start: 38,
      end: 53,
      fix: { range: [38, 53], text: '' },
      related: [{ message: 'First copy', offset: 23, endOffset: 37 }],
    },
    { ruleId: 'no-duplicate-lines', severity: 'warn', fixable: 'unsafe' },
  );
  return file.messages;
}

function unreadable(reason: string): VFileMessage {
  const message = new VFileMessage(reason, { source: MESSAGE_SOURCE });
  message.fatal = true;
  return message;
}

function fixLoop(): VFileMessage {
  const message = new VFileMessage('Fixes kept undoing each other; stopped after 10 passes. Check the rules\' settings and fix the rest by hand', {
    source: MESSAGE_SOURCE,
  });
  message.fatal = false;
  return message;
}

/**
 * a.txt: a warning with a safe fix; shard.jsonl#rec-7: an error in a record;
 * c.txt: related places, an unsafe fix, data; bad.txt: unreadable; e.txt:
 * fixed, with a fix-loop warning left; clean.txt: nothing.
 */
export function sampleReports(): DocumentReport[] {
  const fixedE = fixText(warnLinter, TEXT_E);
  return [
    { filePath: `${CWD}/corpus/a.txt`, messages: warnLinter.lint(TEXT_A).messages, source: TEXT_A },
    { filePath: `${CWD}/corpus/shard.jsonl`, recordId: 'rec-7', messages: errorLinter.lint('Caption \r\nNext\r\n').messages },
    { filePath: `${CWD}/corpus/c.txt`, messages: documentC() },
    { filePath: `${CWD}/corpus/bad.txt`, messages: [unreadable('Cannot read corpus/bad.txt: it is not UTF-8 text; convert it or exclude it')] },
    { filePath: `${CWD}/corpus/e.txt`, messages: [...fixedE.file.messages, fixLoop()], output: fixedE.output, source: TEXT_E },
    { filePath: `${CWD}/corpus/clean.txt`, messages: [] },
  ];
}
