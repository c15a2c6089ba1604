/**
 * The progress bar on stderr: files, MB, MB/s and ETA. Shown only when
 * stderr is a terminal; otherwise every call is a no-op, so logs and pipes
 * get nothing. The total is counted by a walk that runs alongside the lint,
 * so the bar starts at once and the ETA appears when the count is in.
 */
import type { WriteStream } from 'node:tty';

const REDRAW_MS = 200;
const BAR_WIDTH = 20;
const MB = 1024 * 1024;

export class ProgressBar {
  private files = 0;
  private bytes = 0;
  private totalFiles: number | undefined;
  private totalBytes: number | undefined;
  private readonly started = Date.now();
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(private readonly stream: WriteStream | undefined) {
    if (!stream) return;
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

  setTotal(files: number, bytes: number): void {
    this.totalFiles = files;
    this.totalBytes = bytes;
  }

  addBytes(count: number): void {
    this.bytes += count;
  }

  fileDone(): void {
    this.files++;
  }

  stop(): void {
    if (!this.stream) return;
    clearInterval(this.timer);
    this.stream.clearLine(0);
    this.stream.cursorTo(0);
  }

  private draw(): void {
    if (!this.stream) return;
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    const rate = this.bytes / MB / seconds;
    const parts = [`${this.files}${this.totalFiles === undefined ? '' : `/${this.totalFiles}`} files`];
    parts.push(`${(this.bytes / MB).toFixed(1)}${this.totalBytes === undefined ? '' : `/${(this.totalBytes / MB).toFixed(1)}`} MB`);
    parts.push(`${rate.toFixed(1)} MB/s`);
    let bar = '';
    if (this.totalBytes !== undefined && this.totalBytes > 0) {
      const done = Math.min(this.bytes / this.totalBytes, 1);
      const filled = Math.round(done * BAR_WIDTH);
      bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] `;
      if (rate > 0) parts.push(`ETA ${formatDuration((this.totalBytes - this.bytes) / MB / rate)}`);
    }
    const line = `corpuslint ${bar}${parts.join('  ')}`;
    this.stream.clearLine(0);
    this.stream.cursorTo(0);
    this.stream.write(line.slice(0, (this.stream.columns || 80) - 1));
  }
}

function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(whole / 60);
  return `${minutes}:${String(whole % 60).padStart(2, '0')}`;
}
