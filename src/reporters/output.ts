/**
 * Writes a report stream to stdout or a file while the run goes on: each
 * document's chunk as it is finished, in batches, waiting whenever the
 * destination is behind, so neither reports nor output pile up in memory.
 */
import fs from 'node:fs';
import type { Writable } from 'node:stream';
import { UsageError } from '../core/errors.js';
import { addProblems, noProblems, type ProblemCounts } from './problems.js';
import type { DocumentReport, OutputStream } from './reporter.js';

/** Chunks are gathered up to this size before a write: a clean document's JSON is ~250 bytes, too small to write alone. */
const WRITE_BATCH_CHARS = 64 * 1024;

export class ReportOutput {
  /** The problems of every document written so far, for the footer. */
  readonly counts: ProblemCounts = noProblems();
  private destination: Writable | undefined;
  private pending = '';
  private started = false;
  private failure: Error | undefined;

  /** `filePath`: write there (created on the first write, so a run that fails early leaves no file); otherwise stdout. */
  /** `standardStream`: where the report goes without a file (stderr when stdout carries something else). */
  constructor(
    private readonly stream: OutputStream,
    private readonly filePath?: string,
    private readonly standardStream: Writable = process.stdout,
  ) {}

  async document(report: DocumentReport): Promise<void> {
    addProblems(this.counts, report);
    this.pending += this.start() + this.stream.document(report);
    if (this.pending.length >= WRITE_BATCH_CHARS) await this.flush();
  }

  /** Writes the footer and waits until everything has reached the destination. */
  async end(): Promise<void> {
    this.pending += this.start();
    this.pending += await this.stream.footer(this.counts);
    await this.flush();
    // An empty report still leaves the file, as `-o` promises one.
    const destination = this.open();
    if (this.filePath === undefined) return;
    // 'close', not end()'s callback: that fires on 'finish', before a failed last write's 'error' (-o /dev/full).
    await new Promise<void>((resolve, reject) => {
      if (this.failure) return reject(this.describe(this.failure));
      destination.once('error', (error: Error) => reject(this.describe(error)));
      destination.once('close', () => resolve());
      destination.end();
    });
    this.check();
  }

  private start(): string {
    if (this.started) return '';
    this.started = true;
    return this.stream.header();
  }

  private async flush(): Promise<void> {
    this.check();
    if (this.pending === '') return;
    const destination = this.open();
    const chunk = this.pending;
    this.pending = '';
    if (destination.write(chunk)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        destination.off('drain', done);
        destination.off('error', done);
        if (error) reject(this.describe(error));
        else resolve();
      };
      destination.on('drain', done);
      destination.on('error', done);
    });
  }

  private open(): Writable {
    if (!this.destination) {
      this.destination = this.filePath === undefined ? this.standardStream : fs.createWriteStream(this.filePath);
      this.destination.on('error', (error: Error) => {
        this.failure ??= error;
      });
    }
    return this.destination;
  }

  private check(): void {
    if (this.failure) throw this.describe(this.failure);
  }

  private describe(error: Error): UsageError {
    const where = this.filePath ?? (this.standardStream === process.stderr ? 'standard error' : 'standard output');
    return new UsageError(`Cannot write the report to ${where} (${error.message}); check that the path is writable and the disk has room`);
  }
}
