/**
 * What a worker does with a batch of documents, and what the main thread does
 * itself when a run is too small to be worth threads: one code path, so a
 * serial run and a parallel one give identical results.
 */
import { performance } from 'node:perf_hooks';
import { configuredRules, type ResolvedConfig } from '../config/config.js';
import type { CorpusIndex } from '../core/corpus-index.js';
import { fixText, guardWholesaleRemoval } from '../core/fix.js';
import { measureFixEffects, utf8Length, type DocumentFigures } from '../core/fix-effects.js';
import { siteOfDocument } from '../core/site.js';
import { Linter, type ConfiguredRule, type LintTextOptions, type RuleEntry } from '../core/lint.js';
import type { ContentLimits } from '../core/limits.js';
import { CorpusReadRecorder, type CorpusRead } from '../cache/corpus-reads.js';
import type { RuleRegistry } from '../config/plugins.js';
import { toPlainMessage, type PlainMessage } from '../core/plain-message.js';
import { decodeText, UnreadableFileError } from '../input/read.js';
import { findEmptied, type Emptied } from './emptied.js';

export type FixMode = 'off' | 'safe' | 'unsafe';

export interface LintSetup {
  config: ResolvedConfig;
  fix: FixMode;
  /** Time each rule (for `--stats`). */
  timeRules: boolean;
  /** Find the documents fixing empties (`--drop-list`). */
  findEmptied?: boolean;
  /** Measure what fixing does to each document (for `--stats-json` and the HTML report). */
  measureFixes?: boolean;
  /** Record what each document asks the corpus index (`--cache`: the entry is served again only while the answers hold). */
  recordCorpusReads?: boolean;
}

export interface DocumentJob {
  /** The name the document is linted under: a display path, or `shard#record`. */
  documentId: string;
  /** A file's raw bytes, decoded here (off the main thread), or a shard record's text. */
  bytes?: Uint8Array;
  text?: string;
  /** The document's site, when its shard record names one by URL (src/core/site.ts); else from its path. */
  site?: string;
}

export interface DocumentOutcome {
  /** Why the bytes are not UTF-8 text; nothing was linted. */
  unreadable?: string;
  /** The file started with a byte-order mark (kept when writing the fix). */
  bom?: boolean;
  /** Messages on the text as it ends up (the fixed text when fixing). */
  messages: PlainMessage[];
  /** The fixed text, when fixing changed it. */
  output?: string;
  /** Fixes kept undoing each other. */
  fixLoop?: boolean;
  /** Fixing removes all of its text (asked for with `findEmptied`). */
  emptied?: Emptied;
  /** What fixing does to the document, when the setup asks (of the text as given, before any fix). */
  figures?: DocumentFigures;
  /** What the rules asked the corpus index of the text the messages describe, when the setup records it. */
  corpusReads?: CorpusRead[];
}

export interface BatchOutcome {
  outcomes: DocumentOutcome[];
  /** Milliseconds per rule id; `""` is the engine's share (parsing, lines, messages). */
  times?: Record<string, number>;
}

export class DocumentLinter {
  private readonly linter: Linter;
  private readonly times: Record<string, number> | undefined;
  /** Stands in for the index while a document is linted, when the setup records reads. */
  private readonly recorder: CorpusReadRecorder | undefined;

  constructor(
    private readonly setup: LintSetup,
    private readonly corpus: CorpusIndex | undefined,
    registry: RuleRegistry,
  ) {
    const configured = configuredRules(setup.config, registry);
    this.times = setup.timeRules ? {} : undefined;
    const rules = this.times ? configured.map((entry) => timed(entry, this.times!)) : configured;
    this.recorder = corpus && setup.recordCorpusReads ? new CorpusReadRecorder(corpus, setup.config.limits) : undefined;
    this.linter = this.recorder ? new PassRecordingLinter(rules, setup.config.limits, this.recorder) : new Linter(rules, setup.config.limits);
  }

  lintBatch(jobs: readonly DocumentJob[]): BatchOutcome {
    const started = performance.now();
    const outcomes = jobs.map((job) => this.lintDocument(job));
    if (!this.times) return { outcomes };
    const times = { ...this.times };
    let ruleTotal = 0;
    for (const value of Object.values(times)) ruleTotal += value;
    times[''] = performance.now() - started - ruleTotal;
    for (const id of Object.keys(this.times)) this.times[id] = 0;
    return { outcomes, times };
  }

  private lintDocument(job: DocumentJob): DocumentOutcome {
    let text: string;
    let bom: boolean | undefined;
    if (job.bytes) {
      try {
        ({ text, bom } = decodeText(job.bytes));
      } catch (error) {
        if (!(error instanceof UnreadableFileError)) throw error;
        return { unreadable: error.message, messages: [] };
      }
    } else {
      text = job.text ?? '';
    }
    const options = { filePath: job.documentId, corpus: this.corpus, site: job.site };
    // The drop list's extra passes (findEmptied) ask the index itself: what they find is not cached.
    const recorded = this.recorder ? { ...options, corpus: this.recorder } : options;
    if (this.setup.fix === 'off') {
      const file = this.linter.lint(text, recorded);
      // The report says what --fix would do, so it shows the same held-back fixes as a fixing run.
      guardWholesaleRemoval(file, text);
      const outcome: DocumentOutcome = { messages: file.messages.map(toPlainMessage) };
      this.takeReads(outcome);
      const emptied = this.setup.findEmptied ? findEmptied(this.linter, text, options, 'off', undefined, file) : undefined;
      if (emptied) outcome.emptied = emptied;
      if (this.setup.measureFixes) outcome.figures = figuresOf(text, file.messages, job);
      return withBom(outcome, bom);
    }
    const fixed = fixText(this.linter, text, { ...recorded, unsafe: this.setup.fix === 'unsafe' });
    const outcome: DocumentOutcome = { messages: fixed.file.messages.map(toPlainMessage) };
    this.takeReads(outcome);
    if (fixed.output !== text) outcome.output = fixed.output;
    if (fixed.loop) outcome.fixLoop = true;
    const emptied = this.setup.findEmptied ? findEmptied(this.linter, text, options, this.setup.fix, outcome.output, fixed.file) : undefined;
    if (emptied) outcome.emptied = emptied;
    if (this.setup.measureFixes) {
      // Per rule, the first pass (its messages name the rules); the length after, that of the text written.
      outcome.figures = figuresOf(text, fixed.initial.messages, job);
      outcome.figures.bytesAfterFix = utf8Length(fixed.output);
    }
    return withBom(outcome, bom);
  }

  private takeReads(outcome: DocumentOutcome): void {
    const reads = this.recorder?.take();
    if (reads) outcome.corpusReads = reads;
  }
}

/**
 * Begins a fresh read record at each lint pass over the recorder, so a fixed
 * document keeps the reads of its last pass, the one its messages (and the
 * cache entry of the written text) come from.
 */
class PassRecordingLinter extends Linter {
  constructor(
    rules: readonly RuleEntry[],
    limits: ContentLimits,
    private readonly recorder: CorpusReadRecorder,
  ) {
    super(rules, limits);
  }

  override lint(text: string, options: LintTextOptions = {}) {
    if (options.corpus === this.recorder) this.recorder.start(text);
    return super.lint(text, options);
  }
}

/** `site`: as the lint sees it, from a record's URL or else the document's per-host folder. */
function figuresOf(text: string, messages: Parameters<typeof measureFixEffects>[1], job: DocumentJob): DocumentFigures {
  const figures = measureFixEffects(text, messages);
  const site = job.site ?? siteOfDocument(job.documentId);
  if (site !== undefined) figures.site = site;
  return figures;
}

function withBom(outcome: DocumentOutcome, bom: boolean | undefined): DocumentOutcome {
  if (bom !== undefined) outcome.bom = bom;
  return outcome;
}

/** The same rule, adding the time its check takes to `times[ruleId]`. */
function timed(configured: ConfiguredRule, times: Record<string, number>): ConfiguredRule {
  const { rule } = configured;
  const id = rule.meta.id;
  times[id] = 0;
  return {
    ...configured,
    rule: {
      ...rule,
      create(options) {
        const instance = rule.create(options);
        return {
          check(context) {
            const started = performance.now();
            try {
              instance.check(context);
            } finally {
              times[id]! += performance.now() - started;
            }
          },
        };
      },
    },
  };
}
