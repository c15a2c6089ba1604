/**
 * ESLint's `--format json`: one compact JSON array of file results, so tools
 * written for ESLint (and the scorers in ../shared/tools) read corpuslint as
 * they read ESLint. Every document has a result, clean ones too, as in
 * ESLint; the array is written a result at a time.
 */
import type { VFileMessage } from 'vfile-message';
import type { ResolvedLocation } from '../message.js';
import { describeFix, isError, isFileLevel, safeFixOf, spanOf, unsafeFixOf } from './problems.js';
import type { DocumentReport, Reporter } from './reporter.js';

export interface JsonFix {
  /** UTF-16 offsets into the document's text, end exclusive, as ESLint's `range`. */
  range: [number, number];
  text: string;
}

export interface JsonMessage {
  /** null for a problem with the file itself (unreadable, fix loop), as ESLint. */
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  /** 0 (and column 0) for a file-level problem, as ESLint's formatters print it. */
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

function toFileResult(report: DocumentReport): JsonFileResult {
  const messages = report.messages.map(toJsonMessage);
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

function toJsonMessage(message: VFileMessage): JsonMessage {
  const span = spanOf(message);
  const json: JsonMessage = {
    ruleId: message.ruleId ?? null,
    severity: isError(message) ? 2 : 1,
    message: message.reason,
    line: span?.line ?? 0,
    column: span?.column ?? 0,
  };
  if (span?.endLine !== undefined) json.endLine = span.endLine;
  if (span?.endColumn !== undefined) json.endColumn = span.endColumn;
  const safe = safeFixOf(message);
  if (safe) json.fix = { range: [...safe.range], text: safe.text };
  // ESLint applies `fix` under --fix and never applies suggestions by itself, so a
  // fix that needs a person's review (unsafe) goes under `suggestions`, as ESLint's do.
  const unsafe = unsafeFixOf(message);
  if (unsafe) json.suggestions = [{ desc: describeFix(message, unsafe), fix: { range: [...unsafe.range], text: unsafe.text } }];
  if (isError(message) && isFileLevel(message) && !message.ruleId) json.fatal = true;
  if (message.related?.length) json.relatedLocations = message.related;
  if (message.data) json.data = message.data;
  if (message.url) json.url = message.url;
  return json;
}
