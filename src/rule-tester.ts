/**
 * The public RuleTester, after ESLint's: `valid` texts must stay silent;
 * `invalid` texts must give exactly the listed messages and, after fixing,
 * exactly `output`. It also checks what a rule author can get wrong without
 * noticing: options that do not match the rule's own schema, and fixes from
 * a rule whose meta says it has none, or of another safety than expected.
 *
 * Cases run inside the test framework's `describe` / `it` when there are
 * globals of those names (vitest with globals, mocha, jest, node:test's
 * when given), or straight away otherwise; a failing case throws an
 * AssertionError either way.
 */
import assert from 'node:assert/strict';
import type { VFileMessage } from 'vfile-message';
import { validateOptions } from './config/config.js';
import type { CorpusIndex } from './core/corpus-index.js';
import { fixText } from './core/fix.js';
import { Linter } from './core/lint.js';
import type { FixSafety, Rule } from './core/rule.js';

export interface ValidCase<Options> {
  name?: string;
  text: string;
  options?: Partial<Options>;
  /** For cross-document rules: the index the text is linted against. */
  corpus?: CorpusIndex;
}

export interface ExpectedMessage {
  message: string;
  line: number;
  column: number;
  /** Checked only when given. */
  endLine?: number;
  endColumn?: number;
  /** Checked only when given: the message's fix is this safe, or (`'none'`) it has none. */
  fix?: FixSafety | 'none';
  /** Checked only when given: the `meta.messages` key the message came from. */
  messageId?: string;
}

export interface InvalidCase<Options> extends ValidCase<Options> {
  messages: ExpectedMessage[];
  /** The text after fixing (with unsafe fixes too when `unsafe` is set); `null`: unchanged. */
  output: string | null;
  unsafe?: boolean;
}

export interface RuleTable<Options> {
  valid: Array<string | ValidCase<Options>>;
  invalid: Array<InvalidCase<Options>>;
}

type Suite = (name: string, body: () => void) => unknown;

export interface RuleTesterOptions {
  /** The framework's `describe` and `it`; default: the globals of those names, if any. */
  describe?: Suite;
  it?: Suite;
}

export class RuleTester {
  private readonly describe: Suite;
  private readonly it: Suite;

  constructor(options: RuleTesterOptions = {}) {
    const globals = globalThis as { describe?: Suite; it?: Suite };
    this.describe = options.describe ?? globals.describe ?? ((_name, body) => body());
    this.it = options.it ?? globals.it ?? ((_name, body) => body());
  }

  run<Options>(rule: Rule<Options>, table: RuleTable<Options>): void {
    this.describe(rule.meta.id, () => {
      this.describe('valid', () => {
        for (const [index, entry] of table.valid.entries()) {
          const testCase = typeof entry === 'string' ? { text: entry } : entry;
          this.it(testCase.name ?? `valid #${index + 1}: ${preview(testCase.text)}`, () => {
            const file = linterFor(rule, testCase.options).lint(testCase.text, { corpus: testCase.corpus });
            assert.deepEqual(
              file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`),
              [],
            );
          });
        }
      });
      this.describe('invalid', () => {
        for (const [index, testCase] of table.invalid.entries()) {
          this.it(testCase.name ?? `invalid #${index + 1}: ${preview(testCase.text)}`, () => runInvalid(rule, testCase));
        }
      });
    });
  }
}

function runInvalid<Options>(rule: Rule<Options>, testCase: InvalidCase<Options>): void {
  const linter = linterFor(rule, testCase.options);
  const file = linter.lint(testCase.text, { corpus: testCase.corpus });
  const actual = file.messages.map((message) => {
    const shape: ExpectedMessage = { message: message.reason, line: message.line ?? 0, column: message.column ?? 0 };
    const expected = testCase.messages.find((m) => m.line === shape.line && m.column === shape.column);
    const end = message.place && 'end' in message.place ? message.place.end : undefined;
    if (expected?.endLine !== undefined) shape.endLine = end?.line;
    if (expected?.endColumn !== undefined) shape.endColumn = end?.column;
    if (expected?.fix !== undefined) shape.fix = fixSafetyOf(message);
    if (expected?.messageId !== undefined) shape.messageId = message.messageId;
    return shape;
  });
  assert.deepEqual(actual, testCase.messages);
  for (const message of file.messages) {
    assert.equal(message.ruleId, rule.meta.id, `a message of another rule: ${message.reason}`);
    const fixable = rule.meta.fixable;
    if (message.fix && fixable === 'none') assert.fail(`${rule.meta.id} reported a fix but its meta.fixable is "none": ${message.reason}`);
    if (message.fix && (fixable === 'safe' || fixable === 'unsafe') && message.fixSafety !== fixable) {
      assert.fail(`${rule.meta.id} reported a ${message.fixSafety} fix but its meta.fixable is "${fixable}" (use "sometimes"): ${message.reason}`);
    }
  }
  const fixed = fixText(linter, testCase.text, { corpus: testCase.corpus, unsafe: testCase.unsafe, guardRemovals: false });
  assert.equal(fixed.output, testCase.output ?? testCase.text);
}

/** A Linter running only `rule`, as a config would set it up with these options. */
function linterFor<Options>(rule: Rule<Options>, options: Partial<Options> = {}): Linter {
  const merged = { ...rule.meta.defaultOptions, ...options } as Record<string, unknown>;
  validateOptions(rule, merged, 'the test case');
  return new Linter([{ rule, severity: 'warn', options: merged }]);
}

function fixSafetyOf(message: VFileMessage): FixSafety | 'none' {
  return message.fix ? (message.fixSafety ?? 'safe') : 'none';
}

function preview(text: string): string {
  const flat = JSON.stringify(text);
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
