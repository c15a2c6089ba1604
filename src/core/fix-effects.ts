/**
 * What fixing does to one document, per rule: the bytes and lines its safe
 * fixes remove and its unsafe fixes would, and whether fixing empties the
 * document. The fixes are chosen exactly as a fixing pass chooses them
 * (fixesToApply, then applyFixes dropping overlaps), so the figures describe
 * `--fix`'s first pass rather than the sum of every message's fix, which
 * would count overlapping removals twice. Computed where the text is (the
 * worker), so only these few numbers travel and the corpus is never held.
 */
import type { VFileMessage } from 'vfile-message';
import { applyFixes, fixesToApply } from './fix.js';
import { countedRuleId } from './message.js';
import type { Fix } from './rule.js';

export interface RuleFixEffect {
  safeBytes: number;
  safeLines: number;
  unsafeBytes: number;
  unsafeLines: number;
}

export interface DocumentFigures {
  /** UTF-8 bytes of the text linted. */
  bytes: number;
  /** UTF-8 bytes left once the safe fixes are applied (what `--fix` writes). */
  bytesAfterFix: number;
  /** Rules whose fixes remove something here, by counted rule id. */
  rules: Record<string, RuleFixEffect>;
  /** Safe fixes leave nothing but white space: the rule that removed most of it. */
  emptiedBySafe?: string;
  /** Safe and unsafe fixes together leave nothing but white space: the rule that removed most of it. */
  emptiedByUnsafe?: string;
  /** The site the document comes from (a record's URL host, or its per-host folder). */
  site?: string;
}

/**
 * The figures of `text` linted into `messages` (the messages of the text as
 * it is, not of a fixed text). `bytesAfterFix` is the first pass's result;
 * a fixing run replaces it with the length of the text it wrote.
 */
export function measureFixEffects(text: string, messages: readonly VFileMessage[]): DocumentFigures {
  const ruleOf = new Map<Fix, string>();
  for (const message of messages) {
    const id = countedRuleId(message);
    if (message.fix && id !== undefined) ruleOf.set(message.fix, id);
  }
  const unsafeFixes = new Set(messages.flatMap((message) => (message.fix && message.fixSafety === 'unsafe' ? [message.fix] : [])));
  const rules: Record<string, RuleFixEffect> = {};
  const effectOf = (id: string): RuleFixEffect => (rules[id] ??= { safeBytes: 0, safeLines: 0, unsafeBytes: 0, unsafeLines: 0 });

  const bytes = utf8Length(text);
  const safe = applyFixes(text, fixesToApply(messages, false));
  const safeRemoved = new Map<string, number>();
  let bytesAfterFix = bytes;
  for (const fix of safe.taken) {
    const removed = removedBy(text, fix);
    bytesAfterFix -= removed.netBytes;
    const id = ruleOf.get(fix);
    if (id === undefined) continue;
    const effect = effectOf(id);
    effect.safeBytes += removed.bytes;
    effect.safeLines += removed.lines;
    safeRemoved.set(id, (safeRemoved.get(id) ?? 0) + removed.bytes);
  }
  const all = applyFixes(text, fixesToApply(messages, true));
  const allRemoved = new Map<string, number>();
  for (const fix of all.taken) {
    const id = ruleOf.get(fix);
    if (id === undefined) continue;
    const removed = removedBy(text, fix);
    allRemoved.set(id, (allRemoved.get(id) ?? 0) + removed.bytes);
    if (!unsafeFixes.has(fix)) continue;
    const effect = effectOf(id);
    effect.unsafeBytes += removed.bytes;
    effect.unsafeLines += removed.lines;
  }
  for (const [id, effect] of Object.entries(rules)) {
    if (effect.safeBytes + effect.safeLines + effect.unsafeBytes + effect.unsafeLines === 0) delete rules[id];
  }
  const figures: DocumentFigures = { bytes, bytesAfterFix, rules };
  const hadText = NOT_WHITE_SPACE.test(text);
  if (hadText && !NOT_WHITE_SPACE.test(safe.text)) figures.emptiedBySafe = largest(safeRemoved);
  if (hadText && !NOT_WHITE_SPACE.test(all.text)) figures.emptiedByUnsafe = largest(allRemoved);
  return figures;
}

/**
 * What one fix takes out: bytes, and line breaks (so a deleted line counts one, a
 * truncated story its lines), net of what it puts in and never below zero: a fix
 * that adds the final newline removes nothing.
 */
function removedBy(text: string, fix: Fix): { bytes: number; lines: number; netBytes: number } {
  const replaced = text.slice(fix.range[0], fix.range[1]);
  const netBytes = utf8Length(replaced) - utf8Length(fix.text);
  return { bytes: Math.max(0, netBytes), lines: Math.max(0, countLineBreaks(replaced) - countLineBreaks(fix.text)), netBytes };
}

/** As `text.trim() !== ''`, without copying a whole document to find out. */
const NOT_WHITE_SPACE = /\S/;

function countLineBreaks(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

const NON_ASCII_RUN = /[^\x00-\x7f]+/g;

/**
 * The length of `text` in UTF-8, without encoding it (the core runs where
 * Buffer may not exist). Scraped text is mostly ASCII: the regex skips it
 * natively and only non-ASCII runs are counted a unit at a time (a loop over
 * every character ran at 45 MB/s, a quarter of the measuring).
 */
export function utf8Length(text: string): number {
  let bytes = text.length;
  NON_ASCII_RUN.lastIndex = 0;
  for (let run = NON_ASCII_RUN.exec(text); run !== null; run = NON_ASCII_RUN.exec(text)) {
    const units = run[0];
    for (let index = 0; index < units.length; index++) {
      const code = units.charCodeAt(index);
      if (code < 0x800) bytes += 1;
      else if (code >= 0xd800 && code < 0xdc00 && (units.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
        // A surrogate pair: two units, four bytes.
        bytes += 2;
        index++;
      } else bytes += 2;
    }
  }
  return bytes;
}

function largest(removed: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let bestBytes = -1;
  for (const [id, bytes] of removed) {
    if (bytes > bestBytes) {
      best = id;
      bestBytes = bytes;
    }
  }
  return best;
}
