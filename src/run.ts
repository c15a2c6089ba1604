/**
 * One corpuslint run over files on disk: discover, (index the corpus,) lint
 * or fix each document, write fixes atomically. Returns reports; printing and
 * exit codes are the CLI's business.
 */
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { VFileMessage } from 'vfile-message';
import type { CorpusIndex } from './corpus/corpus-index.js';
import { configuredRules, type ResolvedConfig } from './config.js';
import { checkPathsExist, createFileFilter, discoverFiles } from './files.js';
import { fixText, MAX_FIX_PASSES } from './fix.js';
import { Linter } from './lint.js';
import { MESSAGE_SOURCE } from './message.js';
import { readTextFile, UnreadableFileError, type TextDocument } from './read.js';
import type { DocumentReport } from './reporters/reporter.js';
import { writeTextFile } from './write.js';

export type FixMode = 'off' | 'safe' | 'unsafe';

export interface RunOptions {
  cwd: string;
  paths: readonly string[];
  config: ResolvedConfig;
  fix: FixMode;
  /** With a fix mode: compute fixes and return them as diffs, write nothing. */
  dryRun: boolean;
}

export interface RunResult {
  reports: DocumentReport[];
  /** Unified diffs of what `--fix` would write (dry run only). */
  diffs: string[];
  /** Files that could not be read as UTF-8 text. */
  unreadableCount: number;
  filesWritten: number;
}

export async function runCorpuslint(options: RunOptions): Promise<RunResult> {
  const { cwd, config } = options;
  checkPathsExist(options.paths, cwd);
  const rules = configuredRules(config);
  const linter = new Linter(rules);
  const filter = createFileFilter(config, cwd);
  const files = () => discoverFiles(options.paths, cwd, filter);

  const corpus = rules.some(({ rule }) => rule.meta.usesCorpus) ? await indexCorpus(files(), cwd) : undefined;

  const result: RunResult = { reports: [], diffs: [], unreadableCount: 0, filesWritten: 0 };
  for await (const filePath of files()) {
    let document: TextDocument;
    try {
      document = await readTextFile(filePath);
    } catch (error) {
      if (!(error instanceof UnreadableFileError)) throw error;
      result.unreadableCount++;
      result.reports.push({ filePath, messages: [fileError(filePath, error.message)] });
      continue;
    }
    const documentId = displayPath(filePath, cwd);
    if (options.fix === 'off') {
      result.reports.push({ filePath, messages: linter.lint(document.text, { filePath: documentId, corpus }).messages });
      continue;
    }
    const fixed = fixText(linter, document.text, { filePath: documentId, corpus, unsafe: options.fix === 'unsafe' });
    const messages = fixed.file.messages;
    if (fixed.loop) messages.push(fixLoopWarning(filePath));
    const report: DocumentReport = { filePath, messages };
    if (fixed.output !== document.text) {
      report.output = fixed.output;
      if (options.dryRun) {
        result.diffs.push(createTwoFilesPatch(`a/${documentId}`, `b/${documentId}`, document.text, fixed.output, '', '', { context: 2 }));
      } else {
        await writeTextFile(filePath, fixed.output, document.bom);
        result.filesWritten++;
      }
    }
    result.reports.push(report);
  }
  return result;
}

/** The first pass for cross-document rules: every document once, into compact structures. */
async function indexCorpus(files: AsyncIterable<string>, cwd: string): Promise<CorpusIndex> {
  const { CorpusIndexBuilder } = await import('./corpus/builder.js');
  const builder = new CorpusIndexBuilder();
  for await (const filePath of files) {
    try {
      builder.add(displayPath(filePath, cwd), (await readTextFile(filePath)).text);
    } catch (error) {
      // The lint pass reports unreadable files; the index simply goes without them.
      if (!(error instanceof UnreadableFileError)) throw error;
    }
  }
  return builder.build();
}

/** How documents are named in messages and to the corpus index: relative to where the user ran us. */
export function displayPath(filePath: string, cwd: string): string {
  const relative = path.relative(cwd, filePath);
  return (relative.startsWith('..') ? filePath : relative).split(path.sep).join('/');
}

function fileError(filePath: string, reason: string): VFileMessage {
  const message = new VFileMessage(reason, { source: MESSAGE_SOURCE });
  message.file = filePath;
  message.fatal = true;
  return message;
}

function fixLoopWarning(filePath: string): VFileMessage {
  const message = new VFileMessage(
    `Fixes kept undoing each other; stopped after ${MAX_FIX_PASSES} passes. Check the rules' settings and fix the rest by hand`,
    { source: MESSAGE_SOURCE },
  );
  message.file = filePath;
  message.fatal = false;
  return message;
}
