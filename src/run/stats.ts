/**
 * `--stats`: per rule, how many messages, how many documents they fall in,
 * and the time its check took (summed over worker threads, so on several
 * threads the total exceeds the wall time).
 */
import { countedRuleId } from '../core/message.js';
import type { PlainMessage } from '../core/plain-message.js';

/** The row for time spent outside rules' checks: parsing, splitting lines, stamping messages. */
export const ENGINE_ROW = '(engine)';
/** The row for the corpus phase (reading every document into the cross-document index), wall time. */
export const CORPUS_INDEX_ROW = '(corpus index)';

export interface RuleFigures {
  messages: number;
  documents: number;
  milliseconds: number;
}

/** How much of a `--cache` run the cache answered. */
export interface CacheUse {
  /** Documents answered from the cache, of all documents linted or answered. */
  hits: number;
  documents: number;
  /** Time spent checking cached documents' corpus reads against this run's index. */
  checkMilliseconds: number;
}

export class RunStats {
  private readonly rows = new Map<string, RuleFigures>();
  private cacheUse: CacheUse | undefined;

  constructor(ruleIds: readonly string[]) {
    for (const id of ruleIds) this.rows.set(id, { messages: 0, documents: 0, milliseconds: 0 });
  }

  addDocument(messages: readonly PlainMessage[]): void {
    const seen = new Set<string>();
    for (const message of messages) {
      const id = countedRuleId(message);
      if (!id) continue;
      const row = this.row(id);
      row.messages++;
      if (!seen.has(id)) {
        seen.add(id);
        row.documents++;
      }
    }
  }

  /** `times` as a batch reports them: rule id → ms, `""` for the engine. */
  addTimes(times: Readonly<Record<string, number>>): void {
    for (const [id, milliseconds] of Object.entries(times)) this.row(id || ENGINE_ROW).milliseconds += milliseconds;
  }

  setCacheUse(use: CacheUse): void {
    this.cacheUse = use;
  }

  /** Every row, rules in configuration order, then the engine's and the corpus phase's when timed. */
  figures(): ReadonlyMap<string, Readonly<RuleFigures>> {
    return this.rows;
  }

  format(): string {
    const entries = [...this.rows.entries()];
    const totalTime = entries.reduce((sum, [, row]) => sum + row.milliseconds, 0);
    const header = ['Rule', 'Messages', 'Documents', 'Time (ms)', 'Time %'];
    const body = entries.map(([id, row]) => [
      id,
      String(row.messages),
      String(row.documents),
      row.milliseconds.toFixed(1),
      totalTime > 0 ? `${((100 * row.milliseconds) / totalTime).toFixed(1)}%` : '-',
    ]);
    const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column]!.length)));
    const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
    const table = [line(header), ...body.map(line)].join('\n').concat('\n');
    return this.cacheUse ? table + formatCacheUse(this.cacheUse) : table;
  }

  private row(id: string): RuleFigures {
    let row = this.rows.get(id);
    if (!row) {
      row = { messages: 0, documents: 0, milliseconds: 0 };
      this.rows.set(id, row);
    }
    return row;
  }
}

/** One line under the table: `--cache` users want to know how much of the run was linted at all. */
function formatCacheUse({ hits, documents, checkMilliseconds }: CacheUse): string {
  const count = (value: number) => value.toLocaleString('en-US');
  const checked = checkMilliseconds > 0 ? ` (corpus reads checked in ${checkMilliseconds.toFixed(1)} ms)` : '';
  return `Cache: ${count(hits)} of ${count(documents)} documents answered from the cache, ${count(documents - hits)} linted${checked}\n`;
}
