/**
 * Whether fixing removes all of a document's text, and by whose fixes: for
 * the drop list (src/run/drop-list.ts). A worker answers it beside the lint,
 * where the text is.
 */
import type { VFile } from 'vfile';
import { fixableBy, fixesToApply, fixText, guardWholesaleRemoval } from '../core/fix.js';
import type { Linter, LintTextOptions } from '../core/lint.js';
import type { Fix, FixSafety } from '../core/rule.js';

export interface Emptied {
  /** This run's `--fix` emptied it; false: `--fix --unsafe-fixes` would. */
  applied: boolean;
  /** The fixes that empty it: `safe` (`--fix`) or `unsafe` (`--fix --unsafe-fixes`). */
  fixes: 'safe' | 'unsafe';
  /** Rules whose fixes remove text in the first pass, most characters first. */
  rules: string[];
}

/**
 * Whether a fix this run does not apply would delete text. The engine never
 * lets safe fixes empty a document (src/core/fix.ts), so without such a fix
 * `--fix --unsafe-fixes` takes the steps the run took and cannot empty it
 * either; only documents with one are fixed again to find out.
 */
export function hasPendingUnsafeRemoval(messages: ReadonlyArray<{ fix?: Fix; fixSafety?: FixSafety }>): boolean {
  return messages.some((message) => message.fix !== undefined && message.fixSafety === 'unsafe' && message.fix.text === '' && message.fix.range[1] > message.fix.range[0]);
}

/**
 * `output`: what this run's fix made of `text` (undefined: unchanged or not
 * fixing); `linted`: the messages the run reports (of `output` when fixing),
 * and when not fixing the first pass itself, which then is not linted again.
 */
export function findEmptied(
  linter: Linter,
  text: string,
  options: LintTextOptions,
  fix: 'off' | 'safe' | 'unsafe',
  output: string | undefined,
  linted: VFile,
): Emptied | undefined {
  if (text.trim() === '') return undefined;
  if (output !== undefined && output.trim() === '') {
    const unsafe = fix === 'unsafe';
    return { applied: true, fixes: unsafe ? 'unsafe' : 'safe', rules: removingRules(firstPass(linter, text, options), text, unsafe) };
  }
  if (fix === 'unsafe' || !hasPendingUnsafeRemoval(linted.messages)) return undefined;
  if (fixText(linter, text, { ...options, unsafe: true }).output.trim() !== '') return undefined;
  return { applied: false, fixes: 'unsafe', rules: removingRules(fix === 'off' ? linted : firstPass(linter, text, options), text, true) };
}

/** The first pass as fixing sees it: the lint, with the engine's guard over safe removals. */
function firstPass(linter: Linter, text: string, options: LintTextOptions): VFile {
  const file = linter.lint(text, options);
  guardWholesaleRemoval(file, text);
  return file;
}

/** The rules whose fixes of the first pass delete characters, most first (ties by rule id, so the order is stable). */
function removingRules(file: VFile, text: string, unsafe: boolean): string[] {
  const applied = new Set(fixesToApply(file.messages, unsafe));
  const removed = new Map<string, number>();
  for (const message of file.messages) {
    const fix = fixableBy(message, unsafe);
    if (!fix || !applied.has(fix) || !message.ruleId) continue;
    const characters = Math.min(fix.range[1], text.length) - fix.range[0] - fix.text.length;
    if (characters > 0) removed.set(message.ruleId, (removed.get(message.ruleId) ?? 0) + characters);
  }
  return [...removed].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([rule]) => rule);
}
