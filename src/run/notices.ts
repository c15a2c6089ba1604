/** Messages corpuslint itself attaches to a file or record (not a rule's findings). */
import { VFileMessage } from 'vfile-message';
import { MAX_FIX_PASSES } from '../core/fix.js';
import { MESSAGE_SOURCE } from '../core/message.js';
import type { PlainMessage } from '../core/plain-message.js';

/** The file (or record) could not be linted at all: `reason` says why and what to do. */
export function fileError(filePath: string, reason: string): VFileMessage {
  const message = new VFileMessage(reason, { source: MESSAGE_SOURCE });
  message.file = filePath;
  message.fatal = true;
  return message;
}

export function fixLoopWarning(filePath: string): VFileMessage {
  const message = new VFileMessage(
    `Fixes kept undoing each other; stopped after ${MAX_FIX_PASSES} passes. Check the rules' settings and fix the rest by hand`,
    { source: MESSAGE_SOURCE },
  );
  message.file = filePath;
  message.fatal = false;
  return message;
}

/** Goes through the plain-message path like every other message, so the cache can hold it too. */
export function emptiedRecordWarning(): PlainMessage {
  return {
    reason: 'Fixes removed all of this record\'s text; the record is kept with an empty text: review it, or drop it in your pipeline',
    source: MESSAGE_SOURCE,
    fatal: false,
    place: { line: 1, column: 1 },
  };
}

/** A text file that fixes (unsafe ones: the engine never lets safe fixes empty a document) left blank. */
export function emptiedFileWarning(): PlainMessage {
  return {
    reason: 'Fixes removed all of this file\'s text; the file is kept, empty: review it, or delete it if that is right',
    source: MESSAGE_SOURCE,
    fatal: false,
    place: { line: 1, column: 1 },
  };
}

/** A record that fixes emptied, moved out of its shard by `--exclusions` (datatrove's exclusion writer). */
export function excludedRecordNote(exclusionShard: string): PlainMessage {
  return {
    reason: `Fixes removed all of this record's text; the record is moved, as it was, to the exclusion shard ${exclusionShard}`,
    source: MESSAGE_SOURCE,
    fatal: false,
    place: { line: 1, column: 1 },
  };
}
