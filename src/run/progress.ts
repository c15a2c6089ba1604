/**
 * The progress bar on stderr: the phase (indexing the corpus, then linting),
 * files and bytes *finished* (not merely read ahead), the rate, and an ETA
 * from the bytes left at this phase's rate. Shown only when stderr is a
 * terminal; otherwise every call is a no-op, so logs and pipes get nothing.
 * The total is counted by a walk that runs alongside, so the bar starts at
 * once and the bar and ETA appear when the count is in.
 */
import type { WriteStream } from 'node:tty';

const REDRAW_MS = 200;
const BAR_WIDTH = 20;
const MB = 1024 * 1024;
/** Too little done to extrapolate from: the first second, or under 1% of the bytes. */
const ETA_AFTER_MS = 1000;
const ETA_AFTER_SHARE = 0.01;

export type ProgressPhase = 'indexing' | 'linting';

/** What the bar draws on: a terminal stream, or a stand-in in tests. */
export type ProgressStream = Pick<WriteStream, 'write' | 'clearLine' | 'cursorTo' | 'columns'>;

export class ProgressBar {
  private phase: ProgressPhase = 'linting';
  private files = 0;
  private bytes = 0;
  private totalFiles: number | undefined;
  private totalBytes: number | undefined;
  private started: number;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly stream: ProgressStream | undefined,
    private readonly now: () => number = Date.now,
    redraw = true,
  ) {
    this.started = now();
    if (!stream || !redraw) return;
    this.timer = setInterval(() => this.draw(), REDRAW_MS);
    this.timer.unref();
  }

  /** A bar on `stream` when it is a terminal, or a silent stand-in. */
  static forStream(stream: NodeJS.WriteStream, enabled: boolean): ProgressBar {
    return new ProgressBar(enabled && stream.isTTY ? (stream as WriteStream) : undefined);
  }

  get active(): boolean {
    return this.stream !== undefined;
  }

  /** Starts counting again from zero, with this phase's own clock. */
  startPhase(phase: ProgressPhase): void {
    this.phase = phase;
    this.files = 0;
    this.bytes = 0;
    this.started = this.now();
  }

  setTotal(files: number, bytes: number): void {
    this.totalFiles = files;
    this.totalBytes = bytes;
  }

  /** Bytes of documents finished (a file's whole size, or a shard record's share). */
  bytesDone(count: number): void {
    this.bytes += count;
  }

  /** A file (or a whole shard) finished. */
  fileDone(): void {
    this.files++;
  }

  stop(): void {
    if (!this.stream) return;
    clearInterval(this.timer);
    this.stream.clearLine(0);
    this.stream.cursorTo(0);
  }

  /** The line the bar shows now, cut to the terminal's width. */
  line(): string {
    const elapsedMs = Math.max(this.now() - this.started, 1);
    const rate = this.bytes / MB / (elapsedMs / 1000);
    const count = (value: number) => value.toLocaleString('en-US');
    const parts = [`${count(this.files)}${this.totalFiles === undefined ? '' : `/${count(this.totalFiles)}`} files`];
    parts.push(`${(this.bytes / MB).toFixed(1)}${this.totalBytes === undefined ? '' : `/${(this.totalBytes / MB).toFixed(1)}`} MB`);
    parts.push(`${rate.toFixed(1)} MB/s`);
    let bar = '';
    if (this.totalBytes !== undefined && this.totalBytes > 0) {
      const done = Math.min(this.bytes / this.totalBytes, 1);
      const filled = Math.floor(done * BAR_WIDTH);
      bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] `;
      const enough = elapsedMs >= ETA_AFTER_MS && done >= ETA_AFTER_SHARE;
      parts.push(`ETA ${enough && rate > 0 ? formatDuration((this.totalBytes - this.bytes) / MB / rate) : '…'}`);
    }
    const line = `corpuslint ${this.phase} ${bar}${parts.join('  ')}`;
    return line.slice(0, Math.max((this.stream?.columns || 80) - 1, 1));
  }

  private draw(): void {
    if (!this.stream) return;
    const line = this.line();
    this.stream.clearLine(0);
    this.stream.cursorTo(0);
    this.stream.write(line);
  }
}

export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}
