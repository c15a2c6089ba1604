#!/usr/bin/env node
/**
 * How long an HTML report takes to open in headless Chromium (Debian's
 * /usr/bin/chromium, through playwright-core): navigation to the charts drawn
 * (the page's own `corpuslint-charts-drawn` mark), and to the load event.
 *
 *   node scripts/time-report.mjs report.html [--runs 5]
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '5' } } });
const report = positionals[0];
if (!report || !fs.existsSync(report)) {
  console.error('time-report: give the report to open, e.g. node scripts/time-report.mjs report.html');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const url = pathToFileURL(path.resolve(report)).href;
console.log(`${report}: ${(fs.statSync(report).size / 1024).toFixed(0)} KB`);
for (let run = 0; run < Number(values.runs); run++) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url, { waitUntil: 'load' });
  const [drawn, load] = await page.evaluate(() => [
    performance.getEntriesByName('corpuslint-charts-drawn')[0]?.startTime,
    performance.getEntriesByType('navigation')[0]?.loadEventEnd,
  ]);
  console.log(`run ${run + 1}: charts drawn ${drawn?.toFixed(0)} ms, load event ${load?.toFixed(0)} ms`);
  await page.close();
}
await browser.close();
