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
  try {
    return fs.readFileSync(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (code ?? String(error));
    throw new UnreadableFileError(`Cannot read the file (${why}); check its permissions or exclude it`);
  }
}

export function decodeText(bytes: Uint8Array): TextDocument {
  if (bytes.includes(0)) {
    throw new UnreadableFileError('Binary file (it contains NUL bytes); corpuslint lints text: exclude it in .corpuslintignore');
  }
  const bom = bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
  try {
    return { text: strictUtf8.decode(bom ? bytes.subarray(3) : bytes), bom };
  } catch {
    const at = firstInvalidUtf8Byte(bytes);
    throw new UnreadableFileError(`Invalid UTF-8 at byte ${at}; re-encode the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)`);
  }
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
