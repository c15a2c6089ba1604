/**
 * Words found by their characters in place: the one string-to-number table
 * the rules' vocabularies are built on. A look-up reads the word where it
 * stands in the document, so a word seen before costs no string; only a new
 * word is copied, once, into a flat character pool.
 *
 * Open addressing: each slot holds the word's hash, its value (the owner's:
 * an id, an index), where its characters start in the pool, and its length
 * (0: a free slot). A look-up touches one slot and one run of the pool; with
 * strings in a Map it chased four objects per word and was half the cost of
 * the rules that used one.
 *
 * Words are compared with A–Z read as a–z, the case folding the scanners do
 * inline; keys are stored in that folded form.
 */
import { lowerAscii, lowerAsciiCode } from './characters.js';

const SLOT_SIZE = 4;
const HASH = 0;
const VALUE = 1;
const POOL_START = 2;
const LENGTH = 3;

export class SpanTable {
  private slots = new Int32Array(SLOT_SIZE << 12);
  private pool = new Uint16Array(1 << 16);
  private poolUsed = 0;
  /** Words in the table. */
  size = 0;

  /**
   * The value of `text.slice(start, end)` (A–Z as a–z), whose hash the caller
   * computed the way it inserts them; `missing` when the table has no such word.
   */
  get(text: string, start: number, end: number, hash: number, missing: number): number {
    // Slots hold hashes as signed 32-bit numbers; an unsigned one (a Uint32Array element) would never match.
    hash |= 0;
    const at = this.slotOf(text, start, end, hash);
    return this.slots[at + LENGTH] === 0 ? missing : this.slots[at + VALUE]!;
  }

  /**
   * Adds `text.slice(start, end)` with `value` unless it is there; returns the
   * value it has. `valueOf` makes the value of a new word from its folded form.
   */
  intern(text: string, start: number, end: number, hash: number, valueOf: (word: string) => number): number {
    hash |= 0;
    const at = this.slotOf(text, start, end, hash);
    const { slots } = this;
    if (slots[at + LENGTH] !== 0) return slots[at + VALUE]!;
    const word = lowerAscii(text.slice(start, end));
    const value = valueOf(word);
    this.store(at, word, hash, value);
    return value;
  }

  clear(): void {
    this.slots.fill(0);
    this.poolUsed = 0;
    this.size = 0;
  }

  /** The slot holding the word, or the free slot where it belongs. */
  private slotOf(text: string, start: number, end: number, hash: number): number {
    const { slots, pool } = this;
    const length = end - start;
    const mask = slots.length / SLOT_SIZE - 1;
    for (let slot = mixed(hash) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT_SIZE;
      const slotLength = slots[at + LENGTH]!;
      if (slotLength === 0) return at;
      if (slots[at + HASH] !== hash || slotLength !== length) continue;
      const from = slots[at + POOL_START]! - start;
      let same = true;
      for (let i = start; i < end; i++) {
        if (pool[from + i] !== lowerAsciiCode(text.charCodeAt(i))) {
          same = false;
          break;
        }
      }
      if (same) return at;
    }
  }

  private store(at: number, word: string, hash: number, value: number): void {
    if (this.poolUsed + word.length > this.pool.length) {
      const pool = new Uint16Array(Math.max(this.pool.length * 2, this.poolUsed + word.length));
      pool.set(this.pool);
      this.pool = pool;
    }
    for (let i = 0; i < word.length; i++) this.pool[this.poolUsed + i] = word.charCodeAt(i);
    const { slots } = this;
    slots[at + HASH] = hash;
    slots[at + VALUE] = value;
    slots[at + POOL_START] = this.poolUsed;
    slots[at + LENGTH] = word.length;
    this.poolUsed += word.length;
    this.size++;
    // At most half full, so probe runs stay short.
    if (this.size * 2 * SLOT_SIZE > slots.length) this.grow();
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = slots.length / SLOT_SIZE - 1;
    for (let at = 0; at < old.length; at += SLOT_SIZE) {
      if (old[at + LENGTH] === 0) continue;
      let slot = mixed(old[at + HASH]!) & mask;
      while (slots[slot * SLOT_SIZE + LENGTH] !== 0) slot = (slot + 1) & mask;
      slots.set(old.subarray(at, at + SLOT_SIZE), slot * SLOT_SIZE);
    }
    this.slots = slots;
  }
}

/** FNV-1a's low bits are weak for short words; folding the high half in spreads them over the slots. */
function mixed(hash: number): number {
  return hash ^ (hash >>> 15);
}
