/**
 * "Has this n-gram been seen in an earlier document?" for the index phase,
 * at about two bytes per n-gram: a blocked Bloom filter (4 bits in one 64-bit
 * block, so one cache line per look-up) in layers that double in size as the
 * corpus grows, since the number of documents is not known in advance.
 *
 * False positives: at 16 bits per n-gram a full layer answers "seen" for
 * about 0.4% of new n-grams, and the layers add up (≈ 0.4% × layers); such an
 * n-gram gets a table entry with a count one too high. No false negatives.
 */

/** Filter bits per n-gram a layer holds before the next layer is made. */
export const SEEN_FILTER_BITS_PER_ITEM = 16;
const FIRST_LAYER_WORDS = 1 << 19;

export class SeenFilter {
  private layers: Uint32Array[] = [];
  private current = new Uint32Array(0);
  private itemsInCurrent = 0;
  private capacityOfCurrent = 0;
  private bytes = 0;
  /** True once the next layer would exceed the budget; the owner then clears the filter. */
  full = false;

  constructor(private readonly maxBytes: number) {
    this.clear();
  }

  get byteLength(): number {
    return this.bytes;
  }

  clear(): void {
    this.layers = [];
    this.bytes = 0;
    this.full = false;
    this.addLayer(Math.max(2, Math.min(FIRST_LAYER_WORDS, floorPowerOfTwo(this.maxBytes / 4))));
  }

  /** True when the key was (probably) added before; adds it otherwise. */
  testAndAdd(hi: number, lo: number): boolean {
    const bits = mixBits(hi, lo);
    const low = (1 << (bits & 31)) | (1 << ((bits >>> 5) & 31));
    const high = (1 << ((bits >>> 10) & 31)) | (1 << ((bits >>> 15) & 31));
    for (let l = 0; l < this.layers.length; l++) {
      const layer = this.layers[l]!;
      const at = (lo & ((layer.length >>> 1) - 1)) << 1;
      if ((layer[at]! & low) === low && (layer[at + 1]! & high) === high) return true;
    }
    const layer = this.current;
    const at = (lo & ((layer.length >>> 1) - 1)) << 1;
    layer[at] = layer[at]! | low;
    layer[at + 1] = layer[at + 1]! | high;
    if (++this.itemsInCurrent >= this.capacityOfCurrent) {
      const words = layer.length * 2;
      if (this.bytes + words * 4 <= this.maxBytes) this.addLayer(words);
      else this.full = true;
    }
    return false;
  }

  private addLayer(words: number): void {
    this.current = new Uint32Array(words);
    this.layers.push(this.current);
    this.itemsInCurrent = 0;
    this.capacityOfCurrent = (words * 32) / SEEN_FILTER_BITS_PER_ITEM;
    this.bytes += words * 4;
  }
}

function mixBits(hi: number, lo: number): number {
  let h = (hi ^ Math.imul(lo, 0x9e3779b1)) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

function floorPowerOfTwo(value: number): number {
  let power = 1;
  while (power * 2 <= value) power *= 2;
  return power;
}
