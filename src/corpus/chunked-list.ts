/**
 * An append-only list of uint32s held in fixed-size chunks. The index keeps
 * a few hundred bytes per document for the whole index phase (MinHash
 * signatures, containment samples); a doubling array holds up to twice what
 * it needs and, while it grows, the old copy and the new one at once (at
 * 1 GB of text: 134 MB of signature capacity for 99 MB of signatures, and
 * 200 MB in the moment it grows). Chunks never move: the slack is at most
 * one chunk, and nothing is copied.
 */
export class ChunkedUint32List {
  private chunks: Uint32Array[] = [];
  private readonly shift: number;
  private readonly mask: number;
  length = 0;

  /** `chunkLength` is rounded up to a power of two (an index splits by shift and mask). */
  constructor(chunkLength: number) {
    this.shift = Math.ceil(Math.log2(Math.max(chunkLength, 2)));
    this.mask = (1 << this.shift) - 1;
  }

  get byteLength(): number {
    return this.chunks.length * (this.mask + 1) * 4;
  }

  get(index: number): number {
    return this.chunks[index >>> this.shift]![index & this.mask]!;
  }

  /**
   * The chunk that holds `index`; the value is at `index & chunkMask` in it.
   * For a loop over a run of values that lies in one chunk (a record whose
   * length divides the chunk's): one look-up for the run, not one a value.
   */
  chunkOf(index: number): Uint32Array {
    return this.chunks[index >>> this.shift]!;
  }

  get chunkMask(): number {
    return this.mask;
  }

  /** Appends `values`, filling the last chunk before starting the next. */
  append(values: Uint32Array): void {
    let from = 0;
    while (from < values.length) {
      const offset = this.length & this.mask;
      if (offset === 0 && this.length >>> this.shift === this.chunks.length) this.chunks.push(new Uint32Array(this.mask + 1));
      const count = Math.min(values.length - from, this.mask + 1 - offset);
      this.chunks[this.length >>> this.shift]!.set(values.subarray(from, from + count), offset);
      from += count;
      this.length += count;
    }
  }
}
