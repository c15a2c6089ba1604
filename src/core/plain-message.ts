/**
 * The one conversion between vfile messages and plain data. VFileMessage
 * instances do not survive a worker thread's structured clone or JSON, so
 * workers send, and the cache stores, `PlainMessage`s; the main thread turns
 * them back into messages carrying every field src/core/message.ts sets (`actual`
 * abbreviated to its ends, as reports show it).
 */
import type { Point, Position } from 'unist';
import { VFileMessage } from 'vfile-message';
import { withoutStackTrace, type ResolvedLocation } from './message.js';
import type { Fix, FixSafety } from './rule.js';
import { abbreviateMiddle } from './text/abbreviate.js';

export interface PlainMessage {
  reason: string;
  ruleId?: string;
  source?: string;
  url?: string;
  /** true = error, false = warning, undefined = info (as vfile has it). */
  fatal?: boolean;
  place?: Point | Position;
  actual?: string;
  expected?: string[];
  note?: string;
  fix?: Fix;
  fixSafety?: FixSafety;
  messageId?: string;
  related?: ResolvedLocation[];
  data?: Record<string, unknown>;
}

/** The fields copied as they are, both ways. */
const COPIED_FIELDS = ['ruleId', 'source', 'url', 'place', 'expected', 'note', 'fix', 'fixSafety', 'messageId', 'related', 'data'] as const;

export function toPlainMessage(message: VFileMessage): PlainMessage {
  const plain: PlainMessage = { reason: message.reason };
  const target = plain as unknown as Record<string, unknown>;
  for (const field of COPIED_FIELDS) if (message[field] !== undefined && message[field] !== null) target[field] = message[field];
  if (message.fatal !== undefined && message.fatal !== null) plain.fatal = message.fatal;
  // Reports show only the ends of a long `actual` (describeFix); the plain form travels between
  // threads and into the cache, where a whole appended story per message made up most of the bytes.
  if (message.actual !== undefined && message.actual !== null) plain.actual = abbreviateMiddle(message.actual);
  return plain;
}

/** `file` is what vfile would have set: the name the document was linted under. */
export function fromPlainMessage(plain: PlainMessage, file: string): VFileMessage {
  const message = withoutStackTrace(() => new VFileMessage(plain.reason, { place: plain.place, ruleId: plain.ruleId, source: plain.source }));
  // As vfile's own file.message() names it.
  if (file) {
    message.name = `${file}:${message.name}`;
    message.file = file;
  }
  message.fatal = plain.fatal;
  const target = message as unknown as Record<string, unknown>;
  for (const field of COPIED_FIELDS) if (plain[field] !== undefined) target[field] = plain[field];
  if (plain.actual !== undefined) message.actual = plain.actual;
  return message;
}
