/**
 * The one string hash the scanners share: 32-bit FNV-1a over UTF-16 code
 * units. Cheap, and it spreads short words well; scanners that read a word
 * code by code call `fnvStep` as they go, so a word is hashed while it is cut
 * and never made into a string first.
 */
import { lowerAsciiCode } from './characters.js';

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** One FNV-1a step: `hash` with the code unit `code` folded in. */
export function fnvStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME);
}

/** FNV-1a of `text.slice(start, end)`. */
export function fnvHash(text: string, start = 0, end = text.length): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash;
}

/** FNV-1a of bytes (a data file's fingerprint, where the core takes no node:crypto). */
export function fnvHashBytes(bytes: Uint8Array): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i]!, FNV_PRIME);
  return hash;
}

/** FNV-1a of `text.slice(start, end)` with A–Z read as a–z (the only case the ASCII fast paths fold). */
export function fnvHashLowerAscii(text: string, start = 0, end = text.length): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ lowerAsciiCode(text.charCodeAt(i)), FNV_PRIME);
  return hash;
}

/** murmur3's finaliser: a cheap, well-mixed 32-bit permutation. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
