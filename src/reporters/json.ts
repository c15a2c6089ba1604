/**
 * ESLint's `--format json`: one compact JSON array of file results, so tools
 * written for ESLint (and the scorers in ../shared/tools) read corpuslint as
 * they read ESLint. Every document has a result, clean ones too, as in
 * ESLint; the array is written a result at a time.
 */
import type { VFileMessage } from 'vfile-message';
import type { ResolvedLocation } from '../core/message.js';
import type { Fix } from '../core/rule.js';
import { describeFix, fixesTakenByFix, isError, isFileLevel, safeFixOf, spanOf, unsafeFixOf } from './problems.js';
import type { DocumentReport, Reporter } from './reporter.js';

export interface JsonFix {
  /** UTF-16 offsets into the document's text, end exclusive, as ESLint's `range`. */
  range: [number, number];
  text: string;
}

export interface JsonMessage {
  /** null for a problem with the file itself (unreadable, fix loop), as ESLint. */
  ruleId: string | null;
  /** The rule's `meta.messages` key, when it reported by id (as ESLint writes it). */
  messageId?: string;
  severity: 1 | 2;
  message: string;
  /**
   * 1 (and column 1) for a file-level problem: ESLint's own fatal messages
   * always have a place, and formatters that look the line up in the source
   * (rdjson, codeframe) fail on line 0.
   */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fix?: JsonFix;
  suggestions?: Array<{ desc: string; fix: JsonFix }>;
  /** ESLint's meaning: the file could not be linted at all. */
  fatal?: true;
  relatedLocations?: ResolvedLocation[];
  /** Machine-readable detail, e.g. a near-duplicate cluster. */
  data?: Record<string, unknown>;
  url?: string;
}

export interface JsonFileResult {
  /** Absolute, as ESLint writes it. */
  filePath: string;
  recordId?: string;
  messages: JsonMessage[];
  /** Always empty (corpuslint has no inline disable comments); kept for ESLint 9 readers. */
  suppressedMessages: [];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  output?: string;
  source?: string;
  /** Always empty; kept for ESLint readers. */
  usedDeprecatedRules: [];
}

export const jsonReporter: Reporter = () => {
  let separator = '';
  return {
    header: () => '[',
    document(report) {
      // Byte for byte what JSON.stringify gives for the whole array.
      const chunk = separator + JSON.stringify(toFileResult(report));
      separator = ',';
      return chunk;
    },
    footer: () => ']\n',
  };
};

/** One document as ESLint's `LintResult`, which every ESLint-style format formats. */
export function toFileResult(report: DocumentReport): JsonFileResult {
  // A safe fix --fix holds back is not ESLint's `fix` (which its fixer and `fixable` counts take as
  // applied) until the removal it sits in is decided.
  const applied = fixesTakenByFix(report.messages);
  const messages = report.messages.map((message) => toJsonMessage(message, applied));
  const errors = messages.filter((message) => message.severity === 2);
  const warnings = messages.filter((message) => message.severity === 1);
  return {
    filePath: report.filePath,
    ...(report.recordId === undefined ? {} : { recordId: report.recordId }),
    messages,
    suppressedMessages: [],
    errorCount: errors.length,
    fatalErrorCount: messages.filter((message) => message.fatal).length,
    warningCount: warnings.length,
    fixableErrorCount: errors.filter((message) => message.fix).length,
    fixableWarningCount: warnings.filter((message) => message.fix).length,
    // ESLint's rule: the fixed output when --fix changed the text, else the source when there are problems.
    ...(report.output !== undefined
      ? { output: report.output }
      : report.source !== undefined && messages.length > 0
        ? { source: report.source }
        : {}),
    usedDeprecatedRules: [],
  };
}

/** `applied`: the fixes `--fix` takes, when some safe ones are held back; undefined when every safe fix is taken. */
function toJsonMessage(message: VFileMessage, applied: ReadonlySet<Fix> | undefined): JsonMessage {
  const span = spanOf(message);
  const json: JsonMessage = {
    ruleId: message.ruleId ?? null,
    severity: isError(message) ? 2 : 1,
    message: message.reason,
    ...(message.messageId !== undefined && { messageId: message.messageId }),
    line: span?.line ?? 1,
    column: span?.column ?? 1,
  };
  if (span?.endLine !== undefined) json.endLine = span.endLine;
  if (span?.endColumn !== undefined) json.endColumn = span.endColumn;
  const safe = safeFixOf(message);
  if (safe && (!applied || applied.has(safe))) json.fix = { range: [...safe.range], text: safe.text };
  // ESLint applies `fix` under --fix and never applies suggestions by itself, so a
  // fix that needs a person's review (unsafe, or held back with a pending removal) goes under `suggestions`.
  const suggested = unsafeFixOf(message) ?? (safe && !json.fix ? safe : undefined);
  if (suggested) json.suggestions = [{ desc: describeFix(message, suggested), fix: { range: [...suggested.range], text: suggested.text } }];
  if (isError(message) && isFileLevel(message) && !message.ruleId) json.fatal = true;
  if (message.related?.length) json.relatedLocations = message.related;
  if (message.data) json.data = message.data;
  if (message.url) json.url = message.url;
  return json;
}
