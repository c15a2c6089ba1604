/** What every reporter receives and returns. */
import type { VFileMessage } from 'vfile-message';
import type { AnyRule } from '../rule.js';

/**
 * One linted document. `messages` are vfile messages as src/message.ts stamps
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
}

/** Returns the report without a trailing newline; `''` means there is nothing to print. */
export type Reporter = (reports: readonly DocumentReport[], context: ReportContext) => string;
