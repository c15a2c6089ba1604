/**
 * An open-addressing hash table from 64-bit fingerprints to a fixed number of
 * uint32 values, held in typed arrays: at millions of entries a JS Map costs
 * ten times the memory and cannot be sent to a worker thread without copying
 * object by object.
 *
 * The all-zero key marks an empty slot, so keys have their low bit forced to 1
 * (63 significant bits remain).
 */
export class FingerprintTable {
  readonly valuesPerEntry: number;
  size = 0;
  keysHi: Uint32Array;
  keysLo: Uint32Array;
  values: Uint32Array;

  constructor(valuesPerEntry: number, capacity = 1024) {
    this.valuesPerEntry = valuesPerEntry;
    const slots = nextPowerOfTwo(capacity);
    this.keysHi = new Uint32Array(slots);
    this.keysLo = new Uint32Array(slots);
    this.values = new Uint32Array(slots * valuesPerEntry);
  }

  get capacity(): number {
    return this.keysHi.length;
  }

  get byteLength(): number {
    return this.keysHi.byteLength + this.keysLo.byteLength + this.values.byteLength;
  }

  /** The slot holding this key, or -1. */
  find(hi: number, lo: number): number {
    const keyLo = (lo | 1) >>> 0;
    const mask = this.capacity - 1;
    let slot = (hi ^ Math.imul(keyLo, 0x9e3779b1)) & mask;
    for (;;) {
      const storedLo = this.keysLo[slot]!;
      if (storedLo === 0) return -1;
      if (storedLo === keyLo && this.keysHi[slot] === hi >>> 0) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /** The slot of this key, created (values zero) when missing; grows at half load. */
  insert(hi: number, lo: number): number {
    if ((this.size + 1) * 2 > this.capacity) this.rehash(this.capacity * 2, () => true);
    const keyLo = (lo | 1) >>> 0;
    const mask = this.capacity - 1;
    let slot = (hi ^ Math.imul(keyLo, 0x9e3779b1)) & mask;
    for (;;) {
      const storedLo = this.keysLo[slot]!;
      if (storedLo === 0) {
        this.keysHi[slot] = hi >>> 0;
        this.keysLo[slot] = keyLo;
        this.size++;
        return slot;
      }
      if (storedLo === keyLo && this.keysHi[slot] === hi >>> 0) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /** Keeps the entries for which `keep(slot)` holds, shrinking the table to fit them. */
  prune(keep: (slot: number) => boolean): void {
    let kept = 0;
    for (let slot = 0; slot < this.capacity; slot++) if (this.keysLo[slot] !== 0 && keep(slot)) kept++;
    this.rehash(Math.max(nextPowerOfTwo(kept * 2 + 2), 1024), keep);
  }

  private rehash(slots: number, keep: (slot: number) => boolean): void {
    const { keysHi, keysLo, values, valuesPerEntry } = this;
    const kept = new Uint8Array(keysLo.length);
    for (let old = 0; old < keysLo.length; old++) if (keysLo[old] !== 0 && keep(old)) kept[old] = 1;
    this.keysHi = new Uint32Array(slots);
    this.keysLo = new Uint32Array(slots);
    this.values = new Uint32Array(slots * valuesPerEntry);
    this.size = 0;
    for (let old = 0; old < keysLo.length; old++) {
      if (kept[old] === 0) continue;
      const slot = this.insert(keysHi[old]!, keysLo[old]!);
      this.values.set(values.subarray(old * valuesPerEntry, (old + 1) * valuesPerEntry), slot * valuesPerEntry);
    }
  }

  /**
   * The entries alone, without empty slots, ordered by key so that equal
   * tables give equal bytes: how a table travels to worker threads.
   */
  toEntries(): { keysHi: Uint32Array; keysLo: Uint32Array; values: Uint32Array } {
    const slots: number[] = [];
    for (let slot = 0; slot < this.capacity; slot++) if (this.keysLo[slot] !== 0) slots.push(slot);
    slots.sort((a, b) => this.keysHi[a]! - this.keysHi[b]! || this.keysLo[a]! - this.keysLo[b]!);
    const width = this.valuesPerEntry;
    const values = new Uint32Array(slots.length * width);
    slots.forEach((slot, i) => values.set(this.values.subarray(slot * width, (slot + 1) * width), i * width));
    return { keysHi: Uint32Array.from(slots, (slot) => this.keysHi[slot]!), keysLo: Uint32Array.from(slots, (slot) => this.keysLo[slot]!), values };
  }

  /** Rebuilds a table from `toEntries()` arrays (after deserialisation). */
  static fromEntries(valuesPerEntry: number, keysHi: Uint32Array, keysLo: Uint32Array, values: Uint32Array): FingerprintTable {
    const table = new FingerprintTable(valuesPerEntry, Math.max(keysHi.length * 2 + 2, 1024));
    for (let i = 0; i < keysHi.length; i++) {
      const slot = table.insert(keysHi[i]!, keysLo[i]!);
      table.values.set(values.subarray(i * valuesPerEntry, (i + 1) * valuesPerEntry), slot * valuesPerEntry);
    }
    return table;
  }
}

function nextPowerOfTwo(value: number): number {
  let power = 1;
  while (power < value) power *= 2;
  return power;
}
