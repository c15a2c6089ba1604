/**
 * The HTML report in a real browser: Debian's headless Chromium, driven by
 * playwright-core. The seeds' report must draw its charts, show the numbers
 * `--stats-json` wrote, log no error and fetch nothing. Skipped, saying so,
 * where /usr/bin/chromium is not installed (`apt-get install chromium`).
 * CORPUSLINT_SCREENSHOT=1 also writes the README's docs/report.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CorpusStatsJson } from '../../src/run/corpus-stats.js';
import { statAt } from '../reporters/stats-shown.js';
import { projectRoot, runCli, tempCopyOfSeeds } from './run-cli.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.warn(`html-report-browser: skipped, ${CHROMIUM} is not installed (apt-get install -y chromium)`);

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

describe.skipIf(!hasChromium)('the seeds report in Chromium', () => {
  it('draws its charts, shows the --stats-json numbers, logs no error and fetches nothing', { timeout: 120_000 }, async () => {
    const { chromium } = await import('playwright-core');
    const cwd = tempCopyOfSeeds();
    folders.push(cwd);
    const run = runCli(['seeds/', '-f', 'html', '-o', 'report.html', '--stats-json', 'stats.json'], cwd);
    expect(run.status).toBe(1);
    const json = JSON.parse(fs.readFileSync(path.join(cwd, 'stats.json'), 'utf8')) as CorpusStatsJson;
    const reportUrl = pathToFileURL(path.join(cwd, 'report.html')).href;

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      const requests: string[] = [];
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url === reportUrl) return route.continue();
        requests.push(url);
        return route.abort();
      });
      const started = Date.now();
      await page.goto(reportUrl, { waitUntil: 'load' });
      const loadMilliseconds = Date.now() - started;

      const charts = await page.evaluate(() =>
        [...document.querySelectorAll('canvas')].map((canvas) => {
          const context = canvas.getContext('2d')!;
          const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
          let painted = 0;
          for (let index = 3; index < pixels.length; index += 4) if (pixels[index]! > 0) painted++;
          return { id: canvas.id, width: canvas.width, height: canvas.height, painted };
        }),
      );
      expect(charts.map(({ id }) => id)).toEqual(['chart-messages', 'chart-bytes', 'chart-lengths']);
      for (const chart of charts) {
        expect(chart.width).toBeGreaterThan(200);
        expect(chart.height).toBeGreaterThan(100);
        // Bars, axes and labels: far more than a blank canvas's nothing.
        expect(chart.painted).toBeGreaterThan(2_000);
      }

      const shown = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('[data-stat]')].map((element) => [element.dataset.stat!, element.dataset.value ?? element.textContent!] as const),
      );
      expect(shown.length).toBeGreaterThan(json.rules.length * 7);
      for (const [stat, text] of shown) expect([stat, Number(text.replace(/,/g, ''))]).toEqual([stat, statAt(json, stat)]);

      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
      expect(loadMilliseconds).toBeLessThan(5_000);
      if (process.env.CORPUSLINT_SCREENSHOT) {
        // Tall enough for the summary and all three charts.
        await page.setViewportSize({ width: 1280, height: 1320 });
        await page.screenshot({ path: path.join(projectRoot, 'docs', 'report.png') });
      }
    } finally {
      await browser.close();
    }
  });
});
