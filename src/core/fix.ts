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
import { countWords } from './text/tokens.js';
import type { LintTextOptions, Linter } from './lint.js';
import { MESSAGE_SOURCE } from './message.js';
import type { Fix } from './rule.js';

/** ESLint's limit: enough for fixes that expose further fixes, bounded against loops. */
export const MAX_FIX_PASSES = 10;

export interface AppliedFixes {
  text: string;
  applied: number;
  /** The fixes applied, in text order (an overlapping one left out waits for the next pass). */
  taken: Fix[];
}

/** Applies non-overlapping fixes in order of their start; an overlapping fix waits for the next pass. */
export function applyFixes(text: string, fixes: readonly Fix[]): AppliedFixes {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let output = '';
  let cursor = 0;
  const taken: Fix[] = [];
  for (const fix of sorted) {
    const [start, end] = fix.range;
    if (start < cursor || start > end || end > text.length) continue;
    output += text.slice(cursor, start) + fix.text;
    cursor = end;
    taken.push(fix);
  }
  return { text: output + text.slice(cursor), applied: taken.length, taken };
}

export interface FixOptions extends LintTextOptions {
  /** Also apply fixes marked unsafe. */
  unsafe?: boolean;
  /**
   * Apply guardWholesaleRemoval to every pass (default true). A rule tester
   * turns it off: it checks one rule's own fixes, and the engine's policy
   * over a whole document is tested on its own.
   */
  guardRemovals?: boolean;
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
  /** The lint of the text as given, before any fix (the same object as `file` when nothing applied). */
  initial: VFile;
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

/**
 * Safe fixes may together remove at most this share of a document's prose
 * (or of its words, when it has little prose; see `guardedWords`). Past it, or
 * when they would leave nothing but white space, they are unsafe: an article
 * laid out five words a line was deleted whole as a "related-content list", a
 * poem lost 80%, and `Hello world` was emptied, each by a fix that was right
 * line by line and wrong for the document.
 * Not half: appended stories are up to nine tenths of a document's prose (4 of
 * web-dev's 17 are more than half), and the rules that delete whole lines
 * guard the article themselves (no-site-chrome keeps half of a page's prose,
 * counting prose as it reads it).
 */
export const MAX_SAFE_REMOVED_WORD_SHARE = 0.8;

/**
 * A line of this many words is prose: a sentence, not a menu item, a button
 * or a headline in a list of links (headlines run to about nine words).
 */
export const PROSE_LINE_WORDS = 10;

/**
 * The guard counts prose when at least this share of a document's words is
 * prose, else all its words. Counting prose lets a page whose site text
 * outweighs its article 2.5 to 7 times be cleaned (its menus and link lists
 * are most of its words, not of its prose: on 2 of web-dev's 47 chrome pages
 * and 7 of web-dev-readability's 86 a guard on words held back every safe
 * fix); counting words keeps a poem or an article of short lines, which has
 * no prose to count, from being deleted as a list.
 */
const MIN_PROSE_SHARE = 0.2;

interface WordCounts {
  words: number;
  /** Words in lines of PROSE_LINE_WORDS words or more. */
  prose: number;
}

/** The words and prose of `text`, and of the lines that `fixes` (sorted, not overlapping) leave intact. */
function countProse(text: string, fixes: readonly Fix[] = []): { all: WordCounts; intact: WordCounts } {
  const all: WordCounts = { words: 0, prose: 0 };
  const intact: WordCounts = { words: 0, prose: 0 };
  let next = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const words = countWords(text, start, end);
    const prose = words >= PROSE_LINE_WORDS ? words : 0;
    all.words += words;
    all.prose += prose;
    // A line is intact when no fix reaches its newlines or anything between them; it is then a line of the result.
    while (next < fixes.length && fixes[next]!.range[1] < start) next++;
    if (next === fixes.length || fixes[next]!.range[0] > end) {
      intact.words += words;
      intact.prose += prose;
    }
    start = end + 1;
  }
  return { all, intact };
}

/** What the guard counts in a document and in what its safe fixes leave: prose, or words when it has little prose. */
function guardedWords(before: WordCounts, after: WordCounts): { base: number; left: number; unit: 'prose' | 'words' } {
  return before.prose >= before.words * MIN_PROSE_SHARE && before.prose > 0
    ? { base: before.prose, left: after.prose, unit: 'prose' }
    : { base: before.words, left: after.words, unit: 'words' };
}

export interface ExcessiveRemoval {
  /** Percent of the document's prose (or words) that would go. */
  share: number;
  unit: 'prose' | 'words';
  emptied: boolean;
}

/**
 * Whether going from `text` to `after` by safe fixes is more than the guard
 * allows: emptying the document, or taking more than four fifths of its prose
 * (of its words, when it has little prose). The chrome model's training script
 * scores its cross-validated `--fix` with this too. `fixes`, the fixes that
 * made `after` (applyFixes' `taken`), let the lines they leave intact answer
 * first: when those alone keep enough, `after` is not counted.
 */
export function excessiveRemoval(text: string, after: string, fixes?: readonly Fix[]): ExcessiveRemoval | undefined {
  const before = countProse(text, fixes ?? []);
  const threshold = (base: number) => base * (1 - MAX_SAFE_REMOVED_WORD_SHARE);
  if (fixes) {
    // The intact lines are lines of `after` too, so they are a lower bound of what is left, and a word in them means it is not empty.
    const { base, left } = guardedWords(before.all, before.intact);
    if (before.intact.words > 0 && left >= threshold(base)) return undefined;
  }
  const { base, left, unit } = guardedWords(before.all, countProse(after).all);
  const emptied = after.trim() === '' && text.trim() !== '';
  if (!emptied && left >= threshold(base)) return undefined;
  return { share: base === 0 ? 100 : Math.round((100 * (base - left)) / base), unit, emptied };
}

/**
 * The engine's guard over all of a document's safe fixes: when applying them
 * would remove most of its prose (of its words, when it has little prose) or
 * empty it, every safe fix that removes words becomes unsafe, and one message
 * says what they would do. It judges each pass's text on its own (not against
 * the text fixing started from), so fixing the output again changes nothing
 * more.
 */
export function guardWholesaleRemoval(file: VFile, text: string): void {
  const removing = file.messages.filter((message) => fixableBy(message, false) && removesWords(text, message.fix!));
  if (removing.length === 0) return;
  const fixed = applyFixes(text, fixesToApply(file.messages, false));
  const excess = excessiveRemoval(text, fixed.text, fixed.taken);
  if (!excess) return;
  for (const message of removing) message.fixSafety = 'unsafe';
  const { share, unit, emptied } = excess;
  const counted = unit === 'prose' ? "this document's prose" : "this document's words";
  const what = emptied ? `would empty this document (${share}% of its ${unit})` : `would remove ${share}% of ${counted}`;
  file.message(`Safe fixes ${what}; they are held back as unsafe: review them and apply them with --unsafe-fixes if they are right`, {
    source: MESSAGE_SOURCE,
  });
  // A message about the whole document comes first, as sorting by place puts it.
  file.messages.unshift(file.messages.pop()!);
}

function removesWords(text: string, fix: Fix): boolean {
  return countWords(text, fix.range[0], fix.range[1]) > countWords(fix.text);
}

export function fixText(linter: Linter, text: string, options: FixOptions = {}): FixResult {
  const seen = new Set<string>([text]);
  let output = text;
  let applied = 0;
  let passes = 0;
  let loop = false;
  const guard = options.guardRemovals ?? true;
  const lint = (current: string): VFile => {
    const linted = linter.lint(current, options);
    if (guard) guardWholesaleRemoval(linted, current);
    return linted;
  };
  let file = lint(output);
  const initial = file;
  while (passes < MAX_FIX_PASSES) {
    const fixes = fixesToApply(file.messages, options.unsafe ?? false);
    if (fixes.length === 0) break;
    const next = applyFixes(output, fixes);
    passes++;
    if (next.applied === 0 || next.text === output) break;
    applied += next.applied;
    output = next.text;
    file = lint(output);
    if (seen.has(output)) {
      loop = true;
      break;
    }
    seen.add(output);
  }
  return { output, applied, passes, loop, file, initial };
}
