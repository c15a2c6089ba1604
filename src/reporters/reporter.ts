/**
 * What every reporter receives and returns. A reporter formats a run as a
 * stream: a header, one chunk per document as it is finished, and a footer,
 * so a corpus of any size is written out without holding its reports.
 */
import type { VFileMessage } from 'vfile-message';
import type { AnyRule } from '../core/rule.js';
import type { CorpusStatsJson } from '../run/corpus-stats.js';

/**
 * One linted document. `messages` are vfile messages as src/core/message.ts stamps
 * them (ruleId, source, url, fatal = error, place, fix, fixSafety, related).
 * A document that could not be read has one message with no ruleId and
 * `fatal: true` saying why.
 */
export interface DocumentReport {
  /** Absolute path of the file (or shard). */
  filePath: string;
  /** Set for a record inside a JSONL / Parquet shard. */
  recordId?: string;
  messages: VFileMessage[];
  /** The fixed text, when `--fix` changed it (ESLint's `output`). */
  output?: string;
  /**
   * The linted text, if the caller keeps it (ESLint's `source`: the json
   * format prints it when there are problems and no `output`). Optional, as
   * holding every text of a large corpus costs memory.
   */
  source?: string;
}

export interface ReportContext {
  /** Paths in human formats are shown relative to this. */
  cwd: string;
  /** Every rule that ran, for rule descriptors (SARIF) and help links. */
  rules: ReadonlyMap<string, AnyRule>;
  /** Whether stdout is a colour terminal (stylish only). */
  color: boolean;
  /**
   * The folder SARIF URIs are relative to (`%SRCROOT%`): code-scanning
   * services resolve them against the repository's root. Default: the git
   * work tree that holds `cwd`, else `cwd`.
   */
  sourceRoot?: string;
  /** At most this many SARIF results, errors kept first (0 or undefined: no cap). */
  maxResults?: number;
  /** Where a format tells the user something about the report itself (the CLI writes it to stderr). */
  notice?: (text: string) => void;
  /** Terminal width for formats that wrap (stylish); undefined: no wrapping. */
  columns?: number;
  /** The run's corpus figures, complete when the footer is written (formats in FORMATS_WITH_CORPUS_STATS). */
  corpusStats?: { toJSON(): CorpusStatsJson };
}

/**
 * One report being written. The chunks, concatenated in call order, are the
 * whole output, final newline included; `''` means nothing to write. A stream
 * keeps only what its footer needs (SARIF's artifact list and notifications),
 * never the documents themselves.
 */
export interface ReportStream {
  header(): string;
  /** Documents arrive in discovery order; each is formatted once and may then be dropped. */
  document(report: DocumentReport): string;
  /** `counts` covers every document passed to `document()`. */
  footer(counts: ProblemCounts): string;
}

/** A stream whose end may wait: an ESLint formatter package may be async. */
export interface OutputStream extends Omit<ReportStream, 'footer'> {
  footer(counts: ProblemCounts): string | Promise<string>;
}

/** A report format: starts one stream per run. */
export type Reporter = (context: ReportContext) => ReportStream;

/** A format applied to reports already held in memory: the stream's chunks, concatenated. */
export type WholeReporter = (reports: readonly DocumentReport[], context: ReportContext) => string;

/** What a run found, in sum: the footer's numbers and the exit code's. */
export interface ProblemCounts {
  errors: number;
  warnings: number;
  /** Problems `--fix` fixes. */
  fixable: number;
  /** Further problems only `--fix --unsafe-fixes` fixes (safe fixes held back inside a pending removal included). */
  unsafeFixable: number;
  /** Documents with at least one problem. */
  documents: number;
}
