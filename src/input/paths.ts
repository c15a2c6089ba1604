/** How documents are named in messages, reports and the corpus index. */
import path from 'node:path';

/** Relative to where the user ran us (absolute when outside it), with `/` on every platform. */
export function displayPath(filePath: string, cwd: string): string {
  const relative = path.relative(cwd, filePath);
  return (relative.startsWith('..') ? filePath : relative).split(path.sep).join('/');
}

/** A shard's record as a document name: `shard.jsonl#<id>`. */
export function recordDocumentId(shardDisplayPath: string, recordId: string): string {
  return `${shardDisplayPath}#${recordId}`;
}

/**
 * A name safe to print to a terminal: control characters (an escape would
 * start a terminal sequence; a newline would forge a line) written as JSON
 * writes them, `\u001b`.
 */
export function printablePath(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f-\u009f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
