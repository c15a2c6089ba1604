/** Reading the HTML report's numbers back, to hold them to `--stats-json` (html.test.ts, and the browser test). */
import type { CorpusStatsJson } from '../../src/run/corpus-stats.js';

/** Every `data-stat="path"` of the page with the number it shows. */
export function statsShown(html: string): Map<string, number> {
  const shown = new Map<string, number>();
  for (const match of html.matchAll(/data-stat="([^"]+)"(?: data-value="(\d+)")?>([^<]*)</g)) {
    shown.set(match[1]!, Number(match[2] ?? match[3]!.replace(/,/g, '')));
  }
  return shown;
}

/** The figure at a `data-stat` path: `rules.<id>.<field>...` looks the rule up by id. */
export function statAt(json: CorpusStatsJson, stat: string): unknown {
  const rule = /^rules\.(.+?)\.(messages|documents|safeFixes|unsafeFixes|emptiedDocuments)(\..+)?$/.exec(stat);
  let value: unknown = json;
  let keys = stat.split('.');
  if (rule) {
    value = json.rules.find((entry) => entry.id === rule[1]);
    keys = [rule[2]!, ...(rule[3] ? rule[3].slice(1).split('.') : [])];
  }
  for (const key of keys) value = (value as Record<string, unknown>)[key];
  return value;
}
