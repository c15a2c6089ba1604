/**
 * The one place a finding becomes a message: vfile-message's well-known
 * fields (`ruleId`, `source`, `url`, `place`, `actual`, `expected`, `fatal`)
 * plus the fix and related locations that reporters and `--fix` read.
 */
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { Finding, Fix, Fixable, FixSafety, RelatedLocation } from './rule.js';
import { pointAt, type Line } from './text/lines.js';
import { projectFileUrl } from './project-links.js';

/** A related location resolved to line / column (1-based, end exclusive). */
export interface ResolvedLocation {
  message: string;
  filePath?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

declare module 'vfile-message' {
  interface VFileMessage {
    fix?: Fix;
    fixSafety?: FixSafety;
    /** The key of the rule's `meta.messages` the message came from. */
    messageId?: string;
    related?: ResolvedLocation[];
    data?: Record<string, unknown>;
  }
}

export const MESSAGE_SOURCE = 'corpuslint';

/**
 * The rule a message is counted under in figures (`--stats`, `--stats-json`):
 * its ruleId, except that a retext plugin's messages carry ruleIds of their
 * own (retext-repeated-words names the word), so they count under the plugin.
 */
export function countedRuleId(message: { ruleId?: string | null; source?: string | null }): string | undefined {
  if (message.source !== undefined && message.source !== null && message.source !== MESSAGE_SOURCE) return message.source;
  return message.ruleId ?? undefined;
}

/**
 * A rule's documentation: its page `rules/<id>.md` in the project's
 * repository. A `file://` link into node_modules opens nowhere but on the
 * machine that ran the lint (GitHub's code scanning shows it as a dead link).
 */
export function docsUrl(ruleId: string): string {
  return projectFileUrl(`rules/${ruleId}.md`);
}

export interface MessageStamp {
  ruleId: string;
  severity: 'warn' | 'error';
  fixable: Fixable;
  messages?: Readonly<Record<string, string>>;
  /** The rule's documentation; the built-in page when unset. */
  url?: string;
}

export function reportFinding(file: VFile, lines: readonly Line[], finding: Finding, stamp: MessageStamp): VFileMessage {
  const text = String(file.value);
  const start = pointAt(lines, clamp(finding.start, text.length));
  const end = pointAt(lines, clamp(Math.max(finding.end, finding.start), text.length));
  const message = withoutStackTrace(() =>
    file.message(reasonOf(finding, stamp), {
      place: { start, end },
      ruleId: finding.origin ? finding.origin.ruleId : stamp.ruleId,
      source: finding.origin ? finding.origin.source : MESSAGE_SOURCE,
    }),
  );
  message.url = finding.origin ? finding.origin.url : (stamp.url ?? docsUrl(stamp.ruleId));
  // vfile's convention: `fatal` unset is an info message.
  message.fatal = finding.severity === 'info' ? undefined : stamp.severity === 'error';
  if (finding.fix) {
    const [from, to] = finding.fix.range;
    message.fix = finding.fix;
    message.fixSafety = finding.fixSafety ?? (stamp.fixable === 'safe' ? 'safe' : 'unsafe');
    message.actual = text.slice(from, to);
    message.expected = [finding.fix.text];
  }
  if (finding.related?.length) message.related = finding.related.map((related) => resolveRelated(related, lines));
  if (finding.data) message.data = finding.data;
  if (finding.messageId !== undefined) message.messageId = finding.messageId;
  return message;
}

/** The finding's own message, or its `messageId`'s template with `{{name}}` filled from `data` (as ESLint does). */
function reasonOf(finding: Finding, stamp: MessageStamp): string {
  if (finding.messageId === undefined) {
    if (finding.message === undefined) throw new Error(`${stamp.ruleId} reported a finding with neither message nor messageId`);
    return finding.message;
  }
  const template = stamp.messages?.[finding.messageId];
  if (template === undefined) throw new Error(`${stamp.ruleId} reported messageId "${finding.messageId}", which its meta.messages does not have`);
  return template.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (placeholder, name: string) =>
    finding.data && name in finding.data ? String(finding.data[name]) : placeholder,
  );
}

/**
 * Builds messages without capturing a stack trace. VFileMessage extends
 * Error, whose constructor records the call stack, and then sets `stack` to
 * '' anyway: at hundreds of thousands of messages that capture is wasted work.
 */
export function withoutStackTrace<T>(construct: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return construct();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function resolveRelated(related: RelatedLocation, lines: readonly Line[]): ResolvedLocation {
  if (related.filePath !== undefined || related.offset === undefined) {
    return {
      message: related.message,
      filePath: related.filePath,
      line: related.line ?? 1,
      column: related.column ?? 1,
      endLine: related.endLine,
      endColumn: related.endColumn,
    };
  }
  const start = pointAt(lines, related.offset);
  const end = related.endOffset === undefined ? undefined : pointAt(lines, related.endOffset);
  return { message: related.message, line: start.line, column: start.column, endLine: end?.line, endColumn: end?.column };
}

function clamp(offset: number, length: number): number {
  return Math.min(Math.max(offset, 0), length);
}
