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
