/**
 * The one fix applier. As in ESLint, the engine (not the rule) combines fixes:
 * sort by range, skip a fix that overlaps one already taken, re-lint and repeat
 * until a pass changes nothing, for at most MAX_FIX_PASSES passes.
 *
 * One addition: text that an unsafe fix proposes to remove (an appended
 * story, say) waits for the user's decision, so fixes inside it are held
 * back too. Tidying that text first would erase the evidence the removal
 * rests on, and the report after `--fix` would no longer show it.
 */
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { LintTextOptions, Linter } from './lint.js';
import type { Fix } from './rule.js';

/** ESLint's limit: enough for fixes that expose further fixes, bounded against loops. */
export const MAX_FIX_PASSES = 10;

export interface AppliedFixes {
  text: string;
  applied: number;
}

/** Applies non-overlapping fixes in order of their start; an overlapping fix waits for the next pass. */
export function applyFixes(text: string, fixes: readonly Fix[]): AppliedFixes {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let output = '';
  let cursor = 0;
  let applied = 0;
  for (const fix of sorted) {
    const [start, end] = fix.range;
    if (start < cursor || start > end || end > text.length) continue;
    output += text.slice(cursor, start) + fix.text;
    cursor = end;
    applied++;
  }
  return { text: output + text.slice(cursor), applied };
}

export interface FixOptions extends LintTextOptions {
  /** Also apply fixes marked unsafe. */
  unsafe?: boolean;
}

export interface FixResult {
  /** The fixed text (the input when nothing applied). */
  output: string;
  /** How many fixes were applied over all passes. */
  applied: number;
  passes: number;
  /** True when the fixes kept undoing each other and the passes stopped early. */
  loop: boolean;
  /** The final lint of `output`, so reports and exit codes describe the fixed text. */
  file: VFile;
}

export function fixableBy(message: VFileMessage, unsafe: boolean): Fix | undefined {
  if (!message.fix) return undefined;
  return unsafe || message.fixSafety !== 'unsafe' ? message.fix : undefined;
}

/** The fixes of a pass: those allowed, less any inside a removal that is pending (not allowed). */
export function fixesToApply(messages: readonly VFileMessage[], unsafe: boolean): Fix[] {
  const pendingRemovals = messages.flatMap((message) =>
    message.fix && message.fix.text === '' && !fixableBy(message, unsafe) ? [message.fix.range] : [],
  );
  return messages.flatMap((message) => {
    const fix = fixableBy(message, unsafe);
    if (!fix) return [];
    const [start, end] = fix.range;
    return pendingRemovals.some(([from, to]) => from <= start && end <= to) ? [] : [fix];
  });
}

export function fixText(linter: Linter, text: string, options: FixOptions = {}): FixResult {
  const seen = new Set<string>([text]);
  let output = text;
  let applied = 0;
  let passes = 0;
  let loop = false;
  let file = linter.lint(output, options);
  while (passes < MAX_FIX_PASSES) {
    const fixes = fixesToApply(file.messages, options.unsafe ?? false);
    if (fixes.length === 0) break;
    const next = applyFixes(output, fixes);
    passes++;
    if (next.applied === 0 || next.text === output) break;
    applied += next.applied;
    output = next.text;
    file = linter.lint(output, options);
    if (seen.has(output)) {
      loop = true;
      break;
    }
    seen.add(output);
  }
  return { output, applied, passes, loop, file };
}
