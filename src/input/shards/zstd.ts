/**
 * zstd compression for fixed `.jsonl.zst` shards. Node 20's zlib has no
 * zstd; this is a WebAssembly build of the reference library (no native
 * binary). Reading uses fzstd (pure JS, streaming) instead, which also reads
 * multi-frame streams as datatrove and dolma write them.
 */
import { compress, init } from '@bokuweb/zstd-wasm';

/** zstd's own default level. */
export const ZSTD_LEVEL = 3;

let ready: Promise<void> | undefined;

export async function compressZstd(bytes: Uint8Array): Promise<Uint8Array> {
  ready ??= init();
  await ready;
  return compress(bytes, ZSTD_LEVEL);
}
