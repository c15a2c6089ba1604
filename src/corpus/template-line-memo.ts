/**
 * Template-line fingerprints remembered by the raw line: the index phase
 * fingerprints every short line of the corpus, and template lines are by
 * definition the ones that recur (a site's menu and footer in each of its
 * pages), so most of a crawl's short lines have been fingerprinted before.
 * Hashing the raw line is one cheap pass; `templateLineFingerprint` (folding
 * case, quotes, numbers, month and weekday names) is several times that.
 *
 * The memo is keyed by a 64-bit hash of the trimmed line's code units, so a
 * collision between two different lines would give one the other's
 * fingerprint: at 10^8 distinct lines that happens with probability about
 * 3 × 10^-4, the same exposure the 64-bit line fingerprints themselves have.
 * Bounded: when full it is emptied and fills again with what recurs.
 */
import { isSpaceCode } from '../core/text/characters.js';
import { hashString, type Fingerprint } from '../core/text/tokens.js';
import { FingerprintTable } from './fingerprint-table.js';
import { MAX_TEMPLATE_LINE_LENGTH, templateLineFingerprint } from './template-lines.js';

/** Lines remembered (a 16-byte cell each, at most half the slots full: 2 MB). */
const MEMO_LINES = 1 << 16;

export class TemplateLineMemo {
  private readonly memo = new FingerprintTable(2, MEMO_LINES * 2);

  /**
   * `templateLineFingerprint(text.slice(from, to))`, written into `out` at
   * `at` (hi, lo); false when the line is blank or too long to be template text.
   */
  fingerprint(text: string, from: number, to: number, out: Uint32Array, at: number): boolean {
    // Trimmed here as templateLineFingerprint trims, so neither a long paragraph nor a blank line is sliced or hashed.
    while (from < to && isSpaceCode(text.charCodeAt(from))) from++;
    while (to > from && isSpaceCode(text.charCodeAt(to - 1))) to--;
    if (from === to || to - from > MAX_TEMPLATE_LINE_LENGTH) return false;
    const raw = hashString(text, from, to);
    const memo = this.memo;
    let slot = memo.find(raw.hi, raw.lo);
    if (slot < 0) {
      const fingerprint = templateLineFingerprint(text.slice(from, to))!;
      if (memo.size >= MEMO_LINES) memo.clear();
      slot = memo.insert(raw.hi, raw.lo);
      memo.cells[memo.valueIndex(slot)] = fingerprint.hi;
      memo.cells[memo.valueIndex(slot) + 1] = fingerprint.lo;
    }
    out[at] = memo.cells[memo.valueIndex(slot)]!;
    out[at + 1] = memo.cells[memo.valueIndex(slot) + 1]!;
    return true;
  }
}
