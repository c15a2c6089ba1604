/** The progress bar's line: phase, finished files and bytes, rate, and an ETA only once there is something to extrapolate. */
import { describe, expect, it } from 'vitest';
import { formatDuration, ProgressBar, type ProgressStream } from '../../src/run/progress.js';

const MB = 1024 * 1024;

function bar(columns = 200) {
  let clock = 0;
  const stream: ProgressStream = { columns, write: () => true, clearLine: () => true, cursorTo: () => true };
  const progress = new ProgressBar(stream, () => clock, false);
  return { progress, advance: (ms: number) => (clock += ms) };
}

describe('progress bar', () => {
  it.each([
    {
      name: 'before the total is counted: no bar, no ETA',
      steps: (p: ProgressBar) => {
        p.bytesDone(2 * MB);
        p.fileDone();
      },
      ms: 2000,
      line: 'corpuslint linting 1 files  2.0 MB  1.0 MB/s',
    },
    {
      name: 'nothing finished yet: an empty bar and no ETA (read-ahead does not count)',
      steps: (p: ProgressBar) => p.setTotal(1989, 100 * MB),
      ms: 5000,
      line: 'corpuslint linting [--------------------] 0/1,989 files  0.0/100.0 MB  0.0 MB/s  ETA …',
    },
    {
      name: 'a quarter finished in 10 s: 30 s left',
      steps: (p: ProgressBar) => {
        p.setTotal(1989, 100 * MB);
        p.bytesDone(25 * MB);
        for (let i = 0; i < 500; i++) p.fileDone();
      },
      ms: 10_000,
      line: 'corpuslint linting [#####---------------] 500/1,989 files  25.0/100.0 MB  2.5 MB/s  ETA 0:30',
    },
    {
      name: 'the indexing phase names itself',
      steps: (p: ProgressBar) => {
        p.startPhase('indexing');
        p.setTotal(10, 10 * MB);
        p.bytesDone(9 * MB);
      },
      ms: 3000,
      line: 'corpuslint indexing [##################--] 0/10 files  9.0/10.0 MB  3.0 MB/s  ETA 0:00',
    },
  ])('$name', ({ steps, ms, line }) => {
    const { progress, advance } = bar();
    steps(progress);
    advance(ms);
    expect(progress.line()).toBe(line);
  });

  it('starts each phase from zero, on its own clock', () => {
    const { progress, advance } = bar();
    progress.setTotal(4, 4 * MB);
    progress.startPhase('indexing');
    progress.bytesDone(4 * MB);
    advance(60_000);
    progress.startPhase('linting');
    advance(2000);
    progress.bytesDone(1 * MB);
    expect(progress.line()).toBe('corpuslint linting [#####---------------] 0/4 files  1.0/4.0 MB  0.5 MB/s  ETA 0:06');
  });

  it('fits the terminal', () => {
    const { progress } = bar(30);
    progress.setTotal(4, 4 * MB);
    expect(progress.line()).toBe('corpuslint linting [---------');
  });

  it.each([
    [0, '0:00'],
    [59.6, '1:00'],
    [3599, '59:59'],
    [3661, '1:01:01'],
  ])('formats %s s as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
