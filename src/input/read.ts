/**
 * Reads a document from disk as text, refusing what is not UTF-8 text with a
 * one-line reason. Remembers the byte-order mark so a fixed file keeps it.
 */
import fs from 'node:fs';

export interface TextDocument {
  text: string;
  /** The file started with a UTF-8 byte-order mark (stripped from `text`). */
  bom: boolean;
}

export class UnreadableFileError extends Error {
  override name = 'UnreadableFileError';
}

const BOM = [0xef, 0xbb, 0xbf];
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export async function readTextFile(filePath: string): Promise<TextDocument> {
  return decodeText(await readFileBytes(filePath));
}

/**
 * The raw bytes, for callers that hash them or decode them elsewhere (a worker
 * thread). Read synchronously: corpus files are mostly a few KB, and
 * `fs.promises.readFile` makes four trips through the thread pool (open,
 * stat, read, close) for each, which left the main thread idle and the
 * workers waiting for text (a third of a 2-thread run's main thread was
 * idle). The main thread only reads and dispatches, so blocking it for one
 * small read costs nothing.
 */
export async function readFileBytes(filePath: string): Promise<Buffer> {
  // A copy: the caller may hand the bytes to a worker, which detaches them.
  const held = heldInputs.get(filePath);
  if (held) return Buffer.from(held);
  try {
    return fs.readFileSync(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (code ?? String(error));
    throw new UnreadableFileError(`Cannot read the file (${why}); check its permissions or exclude it`);
  }
}

/**
 * Inputs that can be read only once (a pipe, `/dev/stdin`, `--stdin`), held
 * in memory so that every phase (the corpus index, then the lint) reads the
 * same bytes: read twice, a pipe gives its text to the first reader and
 * nothing to the second.
 */
const heldInputs = new Map<string, Buffer>();

/** Serves `bytes` as the content of `filePath` (absolute) for the rest of the process. */
export function holdInput(filePath: string, bytes: Buffer): void {
  heldInputs.set(filePath, bytes);
}

/** Reads and holds each path given that is neither a regular file nor a folder (a FIFO, a character device); returns them. */
export function holdUnrereadableInputs(absolutePaths: readonly string[]): string[] {
  const held: string[] = [];
  for (const filePath of absolutePaths) {
    if (heldInputs.has(filePath)) continue;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(filePath);
    } catch {
      continue;
    }
    if (stat.isFile() || stat.isDirectory()) continue;
    try {
      // /dev/stdin cannot be opened by name when standard input is a socket (as Node's child processes get): read the descriptor.
      heldInputs.set(filePath, fs.readFileSync(filePath === '/dev/stdin' ? 0 : filePath));
      held.push(filePath);
    } catch {
      // Reported as unreadable when the lint phase reads it.
    }
  }
  return held;
}

export function decodeText(bytes: Uint8Array): TextDocument {
  const utf16 = utf16ByteOrder(bytes);
  if (utf16) {
    throw new UnreadableFileError(`UTF-16 text (${utf16}); corpuslint reads UTF-8: convert it (e.g. iconv -f UTF-16 -t UTF-8)`);
  }
  if (looksBinary(bytes)) throw binaryFileError();
  const bom = bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
  try {
    // Stray NULs in valid UTF-8 are text (no-control-characters reports and removes them).
    return { text: strictUtf8.decode(bom ? bytes.subarray(3) : bytes), bom };
  } catch {
    // NULs and invalid sequences together: a binary file, not mis-encoded text.
    if (bytes.includes(0)) throw binaryFileError();
    const at = firstInvalidUtf8Byte(bytes);
    throw new UnreadableFileError(`Invalid UTF-8 at byte ${at}; re-encode the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)`);
  }
}

/**
 * How much of the start a binary check reads, and the share of NUL bytes in
 * it past which the file is binary even if it decodes. git calls a file
 * binary on any NUL in its first 8,000 bytes, which refuses scraped pages
 * with a stray NUL (one benchmark page of about 1,000 had one). Here a file
 * that is valid UTF-8 is text unless NULs are more than a tenth of its start
 * (ASCII in UTF-16 is half NULs, executables and images a third or more);
 * one that is not valid UTF-8 is binary at any NUL.
 */
const BINARY_SAMPLE_BYTES = 64 * 1024;
const BINARY_NUL_SHARE = 0.1;

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, BINARY_SAMPLE_BYTES);
  let nuls = 0;
  for (let at = sample.indexOf(0); at !== -1; at = sample.indexOf(0, at + 1)) nuls++;
  return nuls > 0 && nuls > sample.length * BINARY_NUL_SHARE;
}

function binaryFileError(): UnreadableFileError {
  return new UnreadableFileError('Binary file (it contains NUL bytes); corpuslint lints text: exclude it in .corpuslintignore');
}

/**
 * UTF-16 by its byte-order mark, or (without one) by NUL bytes in every other
 * place of the first bytes, as ASCII text encoded in UTF-16 has: otherwise it
 * would be called binary, which sends the user the wrong way.
 */
function utf16ByteOrder(bytes: Uint8Array): 'little-endian' | 'big-endian' | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'little-endian';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'big-endian';
  const sample = Math.min(bytes.length & ~1, 512);
  if (sample < 8) return undefined;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let index = 0; index < sample; index += 2) {
    if (bytes[index] === 0) evenNuls++;
    if (bytes[index + 1] === 0) oddNuls++;
  }
  const pairs = sample / 2;
  if (oddNuls === pairs && evenNuls === 0) return 'little-endian';
  if (evenNuls === pairs && oddNuls === 0) return 'big-endian';
  return undefined;
}

/** Only called on failure, to tell the user where to look: the offset of the first byte that starts no valid sequence. */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || index + length > bytes.length) return index;
    try {
      strictUtf8.decode(bytes.subarray(index, index + length));
    } catch {
      return index;
    }
    index += length;
  }
  return index;
}
