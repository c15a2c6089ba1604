/**
 * The HTML report's style sheet and the script that draws its charts from
 * the figures embedded in the page (`#corpus-data`). Plain browser
 * JavaScript, run after the inlined Chart.js; no animation, so the page is
 * drawn once, at once.
 */

export const PAGE_STYLE = `
:root { --fg: #1d2330; --muted: #5b6475; --line: #d9dde5; --bg: #ffffff; --panel: #f5f7fa; --safe: #2f6fdb; --unsafe: #e0892b; --flag: #fff1b8; --del: #fde2e1; --add: #dcf5e3; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 18px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 8px; }
.meta, .muted, footer { color: var(--muted); }
footer { font-size: 13px; padding-bottom: 30px; margin-top: 30px; border-top: 1px solid var(--line); }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
.card-title { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
.card-value { font-size: 22px; font-weight: 600; margin: 2px 0; }
.card-detail { font-size: 12px; color: var(--muted); }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.charts figure { min-width: 0; margin: 0; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 10px; }
.charts figure.wide { grid-column: 1 / -1; }
figcaption { font-weight: 600; margin-bottom: 6px; }
.chart { position: relative; height: 280px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td code { word-break: break-all; }
.example { border: 1px solid var(--line); border-radius: 6px; margin: 10px 0; overflow: hidden; }
.example > p { margin: 0; padding: 6px 10px; background: var(--panel); border-bottom: 1px solid var(--line); }
.sev { font-size: 11px; padding: 1px 6px; border-radius: 8px; color: #fff; }
.sev.error { background: #c93c37; } .sev.warning { background: #b7791f; }
.excerpt, .diff { font: 12px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; word-break: break-word; }
.line, .d { display: flex; }
.ln, .sign { flex: 0 0 44px; color: var(--muted); text-align: right; padding-right: 10px; user-select: none; }
.sign { flex-basis: 24px; }
.tx { flex: 1; }
.line.flagged { background: var(--flag); }
.line.more, .d.more { color: var(--muted); padding-left: 54px; }
.diff { border-top: 1px dashed var(--line); }
.diff-head { color: var(--muted); padding: 2px 10px; font-family: system-ui, sans-serif; }
.d.removed { background: var(--del); } .d.added { background: var(--add); }
.diff.none { color: var(--muted); padding: 2px 10px; }
@media (max-width: 800px) { .charts { grid-template-columns: 1fr; } }
`;

export const CHART_SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById('corpus-data').textContent);
  var safe = getComputedStyle(document.documentElement).getPropertyValue('--safe').trim();
  var unsafe = getComputedStyle(document.documentElement).getPropertyValue('--unsafe').trim();
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.size = 11;
  var ids = data.rules.map(function (rule) { return rule.id; });
  var byBytes = { ticks: { callback: function (value) { return formatBytes(value); } } };
  function formatBytes(value) {
    if (value < 1024) return value + ' B';
    if (value < 1048576) return (value / 1024).toFixed(value < 10240 ? 1 : 0) + ' KB';
    return (value / 1048576).toFixed(1) + ' MB';
  }
  new Chart(document.getElementById('chart-messages'), {
    type: 'bar',
    data: { labels: ids, datasets: [{ label: 'messages', data: data.rules.map(function (rule) { return rule.messages; }), backgroundColor: safe }] },
    options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { ticks: { precision: 0 } } } }
  });
  new Chart(document.getElementById('chart-bytes'), {
    type: 'bar',
    data: { labels: ids, datasets: [
      { label: 'safe fixes (--fix)', data: data.rules.map(function (rule) { return rule.safeBytes; }), backgroundColor: safe },
      { label: 'unsafe fixes (--unsafe-fixes)', data: data.rules.map(function (rule) { return rule.unsafeBytes; }), backgroundColor: unsafe }
    ] },
    options: { indexAxis: 'y', scales: { x: Object.assign({ stacked: true }, byBytes), y: { stacked: true } } }
  });
  var edges = data.lengths.edges;
  var labels = edges.map(function (edge, index) {
    if (edge === 0) return 'empty';
    var next = edges[index + 1];
    return next === undefined ? '≥ ' + formatBytes(edge) : formatBytes(edge) + '–' + formatBytes(next);
  });
  new Chart(document.getElementById('chart-lengths'), {
    type: 'bar',
    data: { labels: labels, datasets: [
      { label: 'before fixing', data: data.lengths.beforeFix, backgroundColor: '#9aa5b8' },
      { label: 'after --fix', data: data.lengths.afterFix, backgroundColor: safe }
    ] },
    options: { scales: { y: { title: { display: true, text: 'documents' }, ticks: { precision: 0 } } } }
  });
  // For scripts/time-report.mjs: when the page has been drawn, as the browser's own timeline shows it.
  performance.mark('corpuslint-charts-drawn');
})();
`;
