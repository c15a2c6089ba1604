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
  related?: ResolvedLocation[];
  data?: Record<string, unknown>;
}

export function toPlainMessage(message: VFileMessage): PlainMessage {
  const plain: PlainMessage = { reason: message.reason };
  if (message.ruleId !== undefined) plain.ruleId = message.ruleId;
  if (message.source !== undefined) plain.source = message.source;
  if (message.url !== undefined) plain.url = message.url;
  if (message.fatal !== undefined && message.fatal !== null) plain.fatal = message.fatal;
  if (message.place) plain.place = message.place;
  // Reports show only the ends of a long `actual` (describeFix); the plain form travels between
  // threads and into the cache, where a whole appended story per message made up most of the bytes.
  if (message.actual !== undefined) plain.actual = abbreviateMiddle(message.actual);
  if (message.expected !== undefined) plain.expected = message.expected;
  if (message.note !== undefined) plain.note = message.note;
  if (message.fix !== undefined) plain.fix = message.fix;
  if (message.fixSafety !== undefined) plain.fixSafety = message.fixSafety;
  if (message.related !== undefined) plain.related = message.related;
  if (message.data !== undefined) plain.data = message.data;
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
  if (plain.url !== undefined) message.url = plain.url;
  if (plain.actual !== undefined) message.actual = plain.actual;
  if (plain.expected !== undefined) message.expected = plain.expected;
  if (plain.note !== undefined) message.note = plain.note;
  if (plain.fix !== undefined) message.fix = plain.fix;
  if (plain.fixSafety !== undefined) message.fixSafety = plain.fixSafety;
  if (plain.related !== undefined) message.related = plain.related;
  if (plain.data !== undefined) message.data = plain.data;
  return message;
}
