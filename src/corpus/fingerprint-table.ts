/**
 * An open-addressing hash table from 64-bit fingerprints to a fixed number of
 * uint32 values, held in one typed array: at millions of entries a JS Map
 * costs ten times the memory and cannot be shared with worker threads.
 *
 * Each slot is one cell of `stride` uint32s: key high half, key low half,
 * then the values, padded to a power of two so a cell never straddles more
 * cache lines than it must; a look-up reads its key and its values from the
 * same line. Built on a SharedArrayBuffer (`shared`), every worker thread
 * reads the one copy.
 *
 * The all-zero key marks an empty slot, so keys have their low bit forced to 1
 * (63 significant bits remain).
 */
export class FingerprintTable {
  readonly valuesPerEntry: number;
  readonly stride: number;
  readonly shared: boolean;
  size = 0;
  cells: Uint32Array;

  constructor(valuesPerEntry: number, capacity = 1024, shared = false) {
    this.valuesPerEntry = valuesPerEntry;
    this.stride = nextPowerOfTwo(2 + valuesPerEntry);
    this.shared = shared;
    this.cells = this.allocate(nextPowerOfTwo(capacity));
  }

  /** A table over cells another thread built (see `shareable`). */
  static over({ valuesPerEntry, size, cells }: ShareableTable): FingerprintTable {
    const table = new FingerprintTable(valuesPerEntry, 1);
    table.cells = cells;
    table.size = size;
    return table;
  }

  /** What a worker thread needs to rebuild the table over the same memory (when `shared`). */
  get shareable(): ShareableTable {
    return { valuesPerEntry: this.valuesPerEntry, size: this.size, cells: this.cells };
  }

  get capacity(): number {
    return this.cells.length / this.stride;
  }

  get byteLength(): number {
    return this.cells.byteLength;
  }

  /** Index into `cells` of the slot's first value. */
  valueIndex(slot: number): number {
    return slot * this.stride + 2;
  }

  keyHi(slot: number): number {
    return this.cells[slot * this.stride]!;
  }

  /** The slot holding this key, or -1. */
  find(hi: number, lo: number): number {
    const keyLo = (lo | 1) >>> 0;
    const keyHi = hi >>> 0;
    const { cells, stride } = this;
    const mask = this.capacity - 1;
    for (let slot = slotOf(keyHi, keyLo, mask); ; slot = (slot + 1) & mask) {
      const at = slot * stride;
      const storedLo = cells[at + 1]!;
      if (storedLo === 0) return -1;
      if (storedLo === keyLo && cells[at] === keyHi) return slot;
    }
  }

  /**
   * Reads the home cell of each key in `keys` (hi and lo at `hiAt`/`hiAt + 1`
   * of every `fieldsPerKey` values) and returns a value of no meaning. A
   * look-up waits for its cell; these loads do not depend on one another, so
   * the CPU overlaps their cache misses, and the look-ups that follow find
   * the cells in cache (JS has no prefetch instruction).
   */
  touch(keys: Uint32Array, fieldsPerKey: number, hiAt: number): number {
    const { cells, stride } = this;
    const mask = this.capacity - 1;
    let sink = 0;
    for (let at = hiAt; at < keys.length; at += fieldsPerKey) sink ^= cells[slotOf(keys[at]! >>> 0, (keys[at + 1]! | 1) >>> 0, mask) * stride + 1]!;
    return sink;
  }

  /** The slot of this key, created (values zero) when missing; grows at half load. */
  insert(hi: number, lo: number): number {
    if ((this.size + 1) * 2 > this.capacity) this.grow();
    const keyLo = (lo | 1) >>> 0;
    const keyHi = hi >>> 0;
    const { cells, stride } = this;
    const mask = this.capacity - 1;
    for (let slot = slotOf(keyHi, keyLo, mask); ; slot = (slot + 1) & mask) {
      const at = slot * stride;
      const storedLo = cells[at + 1]!;
      if (storedLo === 0) {
        cells[at] = keyHi;
        cells[at + 1] = keyLo;
        this.size++;
        return slot;
      }
      if (storedLo === keyLo && cells[at] === keyHi) return slot;
    }
  }

  /** Removes every entry, keeping the capacity. */
  clear(): void {
    this.cells.fill(0);
    this.size = 0;
  }

  /** Keeps the entries for which `keep(slot)` holds, shrinking the table to fit them. */
  prune(keep: (slot: number) => boolean): void {
    let kept = 0;
    for (let slot = 0; slot < this.capacity; slot++) if (this.cells[slot * this.stride + 1] !== 0 && keep(slot)) kept++;
    this.rehash(Math.max(nextPowerOfTwo(kept * 2 + 2), 1024), keep);
  }

  /**
   * The entries alone, without empty slots, ordered by key so that equal
   * tables give equal bytes: how a table is cached and hashed.
   */
  toEntries(): { keysHi: Uint32Array; keysLo: Uint32Array; values: Uint32Array } {
    const { cells, stride } = this;
    // Keys as 64-bit integers (high half, low half), sorted natively: no comparator calls and no
    // JS array of slots. The slot of each is then found again by its key.
    const keys = new BigUint64Array(this.size);
    const halves = new Uint32Array(keys.buffer);
    let n = 0;
    for (let slot = 0; slot < this.capacity; slot++) {
      const at = slot * stride;
      if (cells[at + 1] === 0) continue;
      halves[n * 2 + LOW_HALF] = cells[at + 1]!;
      halves[n * 2 + 1 - LOW_HALF] = cells[at]!;
      n++;
    }
    keys.sort();
    const width = this.valuesPerEntry;
    const keysHi = new Uint32Array(n);
    const keysLo = new Uint32Array(n);
    const values = new Uint32Array(n * width);
    for (let i = 0; i < n; i++) {
      const lo = halves[i * 2 + LOW_HALF]!;
      const hi = halves[i * 2 + 1 - LOW_HALF]!;
      keysHi[i] = hi;
      keysLo[i] = lo;
      const from = this.valueIndex(this.find(hi, lo));
      for (let v = 0; v < width; v++) values[i * width + v] = cells[from + v]!;
    }
    return { keysHi, keysLo, values };
  }

  /** Rebuilds a table from `toEntries()` arrays (after deserialisation). */
  static fromEntries(
    valuesPerEntry: number,
    { keysHi, keysLo, values }: { keysHi: Uint32Array; keysLo: Uint32Array; values: Uint32Array },
    shared = false,
  ): FingerprintTable {
    const table = new FingerprintTable(valuesPerEntry, Math.max(keysHi.length * 2 + 2, 1024), shared);
    for (let i = 0; i < keysHi.length; i++) {
      const at = table.valueIndex(table.insert(keysHi[i]!, keysLo[i]!));
      for (let v = 0; v < valuesPerEntry; v++) table.cells[at + v] = values[i * valuesPerEntry + v]!;
    }
    return table;
  }

  private allocate(slots: number): Uint32Array {
    const bytes = slots * this.stride * 4;
    return new Uint32Array(this.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  }

  /** Doubles the capacity, every entry kept: cells copied with no callback or look-up per entry. */
  private grow(): void {
    const { cells: old, stride } = this;
    this.cells = this.allocate(this.capacity * 2);
    const { cells } = this;
    const mask = this.capacity - 1;
    for (let from = 0; from < old.length; from += stride) {
      const keyLo = old[from + 1]!;
      if (keyLo === 0) continue;
      let slot = slotOf(old[from]!, keyLo, mask);
      while (cells[slot * stride + 1] !== 0) slot = (slot + 1) & mask;
      for (let v = 0; v < stride; v++) cells[slot * stride + v] = old[from + v]!;
    }
  }

  private rehash(slots: number, keep: (slot: number) => boolean): void {
    const { cells: old, stride, valuesPerEntry } = this;
    const oldSlots = this.capacity;
    const kept = new Uint8Array(oldSlots);
    for (let slot = 0; slot < oldSlots; slot++) if (old[slot * stride + 1] !== 0 && keep(slot)) kept[slot] = 1;
    this.cells = this.allocate(slots);
    this.size = 0;
    for (let slot = 0; slot < oldSlots; slot++) {
      if (kept[slot] === 0) continue;
      const at = this.valueIndex(this.insert(old[slot * stride]!, old[slot * stride + 1]!));
      for (let v = 0; v < valuesPerEntry; v++) this.cells[at + v] = old[slot * stride + 2 + v]!;
    }
  }
}

/** A table as plain data: sent to a worker thread, its cells (on a SharedArrayBuffer) are not copied. */
export interface ShareableTable {
  valuesPerEntry: number;
  size: number;
  cells: Uint32Array;
}

/** Which uint32 of a uint64 holds its low half: 0 on little-endian machines. */
const LOW_HALF = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 0 : 1;

function slotOf(keyHi: number, keyLo: number, mask: number): number {
  return (keyHi ^ Math.imul(keyLo, 0x9e3779b1)) & mask;
}

function nextPowerOfTwo(value: number): number {
  let power = 1;
  while (power < value) power *= 2;
  return power;
}
