/**
 * `-f html`: one self-contained page about what cleaning would do to the
 * corpus. Its numbers are the run's corpus figures (the `--stats-json`
 * aggregate, handed over in the report context), its examples a bounded
 * sample kept while documents stream past, and its charts Chart.js inlined
 * into the file, so it opens anywhere with no network.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { UsageError } from '../../core/errors.js';
import { docsUrl } from '../../core/message.js';
import type { CorpusStatsJson } from '../../run/corpus-stats.js';
import type { Reporter } from '../reporter.js';
import { plural } from '../problems.js';
import { EXAMPLES_PER_RULE, ExampleSampler, type Example } from './examples.js';
import { CHART_SCRIPT, PAGE_STYLE } from './page-assets.js';

/** Sites and documents listed as the worst. */
const WORST_LISTED = 15;

export const htmlReporter: Reporter = (context) => {
  const sampler = new ExampleSampler();
  return {
    header: () => '',
    document(report) {
      sampler.add(report, context.cwd);
      return '';
    },
    footer() {
      if (!context.corpusStats) throw new Error('the html format needs the run to collect corpus figures (ReportContext.corpusStats)');
      return renderPage(context.corpusStats.toJSON(), sampler);
    },
  };
};

/** Chart.js's UMD build, read from its package (it is a dependency, so the page never fetches it). */
function chartLibrary(): string {
  const require = createRequire(import.meta.url);
  try {
    const main = require.resolve('chart.js');
    return fs.readFileSync(path.join(path.dirname(main), 'chart.umd.min.js'), 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read Chart.js for the HTML report (${(error as Error).message}); reinstall corpuslint's dependencies (npm ci)`);
  }
}

export function renderPage(stats: CorpusStatsJson, sampler: ExampleSampler): string {
  const { inputs, totals } = stats;
  const removedShare = inputs.bytes === 0 ? 0 : totals.safeFixes.bytes / inputs.bytes;
  const data = {
    rules: stats.rules.map((rule) => ({ id: rule.id, messages: rule.messages, safeBytes: rule.safeFixes.bytes, unsafeBytes: rule.unsafeFixes.bytes })),
    lengths: stats.lengths,
  };
  const sections = [
    summarySection(stats, removedShare),
    chartsSection(),
    rulesSection(stats),
    sitesSection(stats),
    worstDocumentsSection(stats),
    nearDuplicatesSection(stats),
    examplesSection(stats, sampler),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>corpuslint report: ${number(inputs.documents)} documents</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header><h1>corpuslint corpus report</h1>
<p class="meta">corpuslint ${escapeHtml(stats.corpuslint)} · config <code title="${escapeHtml(stats.configHash)}">${escapeHtml(stats.configHash.slice(0, 12))}</code> · fix mode <code>${stats.fix}</code></p></header>
<main>
${sections.join('\n')}
</main>
<footer><p>This page holds aggregates over all ${number(inputs.documents)} documents and a bounded sample of examples: the first ${EXAMPLES_PER_RULE} documents each rule flagged, in discovery order. Its size does not grow with the corpus. The same figures, in full, are what <code>--stats-json</code> writes.</p></footer>
<script type="application/json" id="corpus-data">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>
<script>${scriptSafe(chartLibrary())}</script>
<script>${CHART_SCRIPT}</script>
</body>
</html>
`;
}

function summarySection(stats: CorpusStatsJson, removedShare: number): string {
  const { inputs, totals } = stats;
  const exit = stats.exitCode === undefined ? '' : card('Exit status', String(stats.exitCode), EXIT_MEANINGS[stats.exitCode] ?? '', 'exitCode');
  const unsafeNote = totals.unsafeFixes.bytes > 0 ? `; <code>--unsafe-fixes</code> would remove ${bytes(totals.unsafeFixes.bytes)} more` : '';
  return `<section id="summary"><h2>Summary</h2><div class="cards">
${card('Documents', number(inputs.documents), `${number(inputs.documents - totals.flaggedDocuments)} with no message${inputs.shards > 0 ? `; in ${number(inputs.shards)} shards` : ''}${inputs.unreadable > 0 ? `; ${number(inputs.unreadable)} unreadable` : ''}`, 'inputs.documents')}
${card('Bytes', number(inputs.bytes), `of text linted (${bytes(inputs.bytes)})`, 'inputs.bytes')}
${card('Messages', number(totals.messages), `${number(totals.errors)} errors, ${number(totals.warnings)} warnings, in ${number(totals.flaggedDocuments)} documents`, 'totals.messages')}
${card('--fix removes', bytes(totals.safeFixes.bytes), `${percent(removedShare)} of the bytes, ${number(totals.safeFixes.lines)} lines${unsafeNote}`, 'totals.safeFixes.bytes', totals.safeFixes.bytes)}
${card('Documents emptied', number(totals.emptiedDocuments.unsafe), `by safe and unsafe fixes together (${number(totals.emptiedDocuments.safe)} by safe fixes alone)`, 'totals.emptiedDocuments.unsafe')}
${card('Near-duplicates to drop', number(stats.nearDuplicates.documentsToDrop), `in ${plural(stats.nearDuplicates.clusters, 'cluster')}`, 'nearDuplicates.documentsToDrop')}
${exit}
</div></section>`;
}

const EXIT_MEANINGS: Record<number, string> = {
  0: 'no errors, warnings within --max-warnings',
  1: 'a rule set to error reported, or too many warnings',
  2: 'the run failed for some documents (unreadable, not written)',
};

function chartsSection(): string {
  return `<section id="charts"><h2>Per rule, and document lengths</h2><div class="charts">
<figure><figcaption>Messages per rule</figcaption><div class="chart"><canvas id="chart-messages" role="img" aria-label="Messages per rule"></canvas></div></figure>
<figure><figcaption>Bytes fixes remove, per rule</figcaption><div class="chart"><canvas id="chart-bytes" role="img" aria-label="Bytes fixes remove per rule"></canvas></div></figure>
<figure class="wide"><figcaption>Document lengths before and after <code>--fix</code> (documents per length bucket)</figcaption><div class="chart"><canvas id="chart-lengths" role="img" aria-label="Document lengths before and after fixing"></canvas></div></figure>
</div></section>`;
}

function rulesSection(stats: CorpusStatsJson): string {
  const rows = stats.rules.map(
    (rule) => `<tr><td><a href="${escapeHtml(ruleUrl(rule.id))}"><code>${escapeHtml(rule.id)}</code></a></td>${cells(`rules.${rule.id}`, [
      ['messages', rule.messages],
      ['documents', rule.documents],
      ['safeFixes.bytes', rule.safeFixes.bytes],
      ['safeFixes.lines', rule.safeFixes.lines],
      ['unsafeFixes.bytes', rule.unsafeFixes.bytes],
      ['unsafeFixes.lines', rule.unsafeFixes.lines],
      ['emptiedDocuments.unsafe', rule.emptiedDocuments.unsafe],
    ])}<td class="num">${rule.milliseconds.toFixed(1)}</td></tr>`,
  );
  return `<section id="rules"><h2>Rules</h2><table>
<thead><tr><th>rule</th><th>messages</th><th>documents</th><th>bytes --fix removes</th><th>lines</th><th>bytes unsafe fixes would remove</th><th>lines</th><th>documents emptied</th><th>time (ms)</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></section>`;
}

function sitesSection(stats: CorpusStatsJson): string {
  if (stats.sites.count === 0) {
    return `<section id="sites"><h2>Worst sites</h2><p>No document names its site: sites come from a record's <code>url</code> (or <code>metadata.url</code>) field, or from folders named for hosts (<code>crawl/example.com/page.txt</code>).</p></section>`;
  }
  const worst = [...stats.sites.list].sort((a, b) => b.chromeShare - a.chromeShare || b.flaggedShare - a.flaggedShare || b.documents - a.documents).slice(0, WORST_LISTED);
  const rows = worst.map(
    (site) => `<tr><td>${escapeHtml(site.site)}</td><td class="num">${number(site.documents)}</td><td class="num">${bytes(site.bytes)}</td><td class="num">${percent(site.chromeShare)}</td><td class="num">${percent(site.flaggedShare)}</td></tr>`,
  );
  return `<section id="sites"><h2>Worst sites</h2><p>${number(stats.sites.count)} sites; the ${worst.length} with the largest share of site chrome (bytes no-site-chrome's fixes remove).</p><table>
<thead><tr><th>site</th><th>documents</th><th>text</th><th>chrome share</th><th>documents flagged</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></section>`;
}

function worstDocumentsSection(stats: CorpusStatsJson): string {
  if (stats.worstDocuments.length === 0) return `<section id="documents"><h2>Worst documents</h2><p>No fix removes anything.</p></section>`;
  const rows = stats.worstDocuments.slice(0, WORST_LISTED).map(
    (entry) => `<tr><td><code>${escapeHtml(entry.document)}</code></td><td class="num">${bytes(entry.bytes)}</td><td class="num">${bytes(entry.removableBytes)}</td><td class="num">${percent(entry.bytes === 0 ? 0 : entry.removableBytes / entry.bytes)}</td><td class="num">${number(entry.messages)}</td></tr>`,
  );
  return `<section id="documents"><h2>Worst documents</h2><p>Most bytes removed by safe and unsafe fixes together.</p><table>
<thead><tr><th>document</th><th>text</th><th>fixes remove</th><th>share</th><th>messages</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></section>`;
}

function nearDuplicatesSection(stats: CorpusStatsJson): string {
  const { nearDuplicates } = stats;
  if (nearDuplicates.clusters === 0 && nearDuplicates.documentsToDrop === 0) return `<section id="near-duplicates"><h2>Near-duplicates</h2><p>No near-duplicate documents found (or no-near-duplicate-docs is off).</p></section>`;
  const edges = nearDuplicates.clusterSizes;
  const rows = edges
    .map((bucket, index) => {
      const next = edges[index + 1]?.atLeast;
      const label = next === undefined ? `${bucket.atLeast} or more` : next === bucket.atLeast + 1 ? String(bucket.atLeast) : `${bucket.atLeast}–${next - 1}`;
      return bucket.clusters === 0 ? '' : `<tr><td>${label}</td><td class="num">${number(bucket.clusters)}</td></tr>`;
    })
    .filter(Boolean);
  return `<section id="near-duplicates"><h2>Near-duplicates</h2><p><span data-stat="nearDuplicates.clusters">${number(nearDuplicates.clusters)}</span> clusters; dropping every copy but the one each keeps removes <span data-stat="nearDuplicates.documentsToDrop">${number(nearDuplicates.documentsToDrop)}</span> documents.</p><table>
<thead><tr><th>cluster size</th><th>clusters</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></section>`;
}

function examplesSection(stats: CorpusStatsJson, sampler: ExampleSampler): string {
  const blocks = stats.rules
    .filter((rule) => sampler.examples(rule.id).length > 0)
    .map((rule) => `<section class="rule-examples"><h3><code>${escapeHtml(rule.id)}</code> <span class="muted">${number(rule.messages)} messages in ${number(rule.documents)} documents; ${sampler.examples(rule.id).length} shown</span></h3>
${sampler.examples(rule.id).map(renderExample).join('\n')}</section>`);
  return `<section id="examples"><h2>Examples</h2><p>For each rule, the first ${EXAMPLES_PER_RULE} documents it flagged: the flagged lines marked in their context, and the fix as a diff.</p>${blocks.join('\n') || '<p>No messages.</p>'}</section>`;
}

function renderExample(example: Example): string {
  const excerpt = example.excerpt
    .map((line) => `<div class="line${line.flagged ? ' flagged' : ''}"><span class="ln">${line.number}</span><span class="tx">${escapeHtml(line.text) || ' '}</span></div>`)
    .join('');
  const more = example.excerptOmitted > 0 ? `<div class="line more">… ${number(example.excerptOmitted)} more lines</div>` : '';
  const fix = example.fix
    ? `<div class="diff"><div class="diff-head">${example.fix.safety === 'safe' ? 'fix (applied by --fix)' : 'unsafe fix (only with --fix --unsafe-fixes)'}</div>${example.fix.lines
        .map((line) => `<div class="d ${line.kind}"><span class="sign">${line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : ' '}</span><span class="tx">${escapeHtml(line.text) || ' '}</span></div>`)
        .join('')}${example.fix.omitted > 0 ? `<div class="d more">… ${number(example.fix.omitted)} more lines</div>` : ''}</div>`
    : '<div class="diff none">no fix</div>';
  return `<article class="example"><p><code>${escapeHtml(example.document)}</code>:${example.line} <span class="sev ${example.severity}">${example.severity}</span> ${escapeHtml(example.reason)}</p><div class="excerpt">${excerpt}${more}</div>${fix}</article>`;
}

function card(title: string, value: string, detail: string, stat: string, raw?: number): string {
  return `<div class="card"><div class="card-title">${escapeHtml(title)}</div><div class="card-value" data-stat="${stat}"${raw === undefined ? '' : ` data-value="${raw}"`}>${value}</div><div class="card-detail">${detail}</div></div>`;
}

/** Number cells, each naming its figure in the JSON (`data-stat`), so a test can hold the page to `--stats-json`. */
function cells(prefix: string, values: Array<[string, number]>): string {
  return values.map(([key, value]) => `<td class="num" data-stat="${escapeHtml(`${prefix}.${key}`)}">${number(value)}</td>`).join('');
}

function ruleUrl(ruleId: string): string {
  return ruleId.includes('/') ? '#' : docsUrl(ruleId);
}

function number(value: number): string {
  return value.toLocaleString('en-US');
}

function bytes(value: number): string {
  if (value < 1024) return `${value} B`;
  if (value < 1024 * 1024) return `${(value / 1024).toFixed(1)} KB`;
  if (value < 1024 ** 3) return `${(value / 1024 ** 2).toFixed(1)} MB`;
  return `${(value / 1024 ** 3).toFixed(2)} GB`;
}

function percent(share: number): string {
  return `${(100 * share).toFixed(1)}%`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A script's text ends at the first `</script`: written `<\/script`, which means the same inside a JS string or regex. */
function scriptSafe(text: string): string {
  return text.replace(/<\/(script)/gi, '<\\/$1');
}
