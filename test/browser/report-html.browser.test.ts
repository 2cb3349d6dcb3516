// The report page in a real browser: playwright-core drives the system's Chromium over the page
// `spm report --html` wrote from the demo database. No console errors, no network requests,
// every chart drawn at a non-zero size with the right number of marks, the headline figures
// equal to `spm report --json`, and a screenshot for a person to look at.
// Without a browser the test is skipped on a developer's machine and FAILS on CI (CI is set).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSpm } from '../helpers/spawn-spm.js';

/** Where the screenshot goes (ignored by git). */
export const OUTPUT_DIR = resolve('test-output', 'report-html');
const BROWSERS = [process.env.SPM_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
const browserPath = BROWSERS.find((p) => existsSync(p));
// The flags that run Debian's Chromium here: no sandbox (root in a container), no GPU, and none
// of its own traffic (updates, sync, QUIC probes), so any request the test sees is the page's.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

const NOW = '2026-03-15';
const ARGS = ['report', '--period', 'quarter'];

test('a browser is found when running on CI', () => {
  if (process.env.CI && !browserPath) throw new Error(`no Chromium found (looked for ${BROWSERS.join(', ')}); .ci/run installs it with apt-get install -y chromium`);
});

(browserPath ? describe : describe.skip)('spm report --html in Chromium', () => {
  let dir = '';
  let json: any;
  let page: import('playwright-core').Page;
  let browser: import('playwright-core').BrowserContext;
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  let pageUrl = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'spm-html-'));
    const env = { SPM_DB: join(dir, 'demo.db'), SPM_NOW: NOW };
    expect(spawnSpm(['demo', '--db', env.SPM_DB], env).code).toBe(0);
    const file = join(dir, 'report.html');
    const written = spawnSpm([...ARGS, '--html', file], env);
    expect(written).toMatchObject({ code: 0, stdout: '' });
    expect(written.stderr).toContain(`Wrote ${file}`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    json = JSON.parse(spawnSpm([...ARGS, '--json'], env).stdout);

    const { chromium } = await import('playwright-core');
    // A fresh profile folder each run (Playwright passes it as --user-data-dir).
    browser = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: browserPath, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 } });
    page = await browser.newPage();
    page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    pageUrl = pathToFileURL(file).href;
    await page.goto(pageUrl, { waitUntil: 'load' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('no console errors and no request but the page itself', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([pageUrl]);
  });

  test('every chart is drawn at a non-zero size with one mark per figure in the report', async () => {
    const charts = await page.$$eval('figure.chart', (figures) => figures.map((f) => {
      const svg = f.querySelector('svg');
      const box = svg?.getBoundingClientRect();
      return {
        id: f.getAttribute('data-chart'),
        declared: Number(f.getAttribute('data-marks')),
        width: box?.width ?? 0,
        height: box?.height ?? 0,
        marks: svg ? svg.querySelectorAll('g.role-mark > [role="graphics-symbol"]').length : -1,
        title: f.querySelector('figcaption')?.textContent ?? '',
        rows: f.querySelectorAll('details table tr').length - 1,
      };
    }));
    // What the report's JSON says each chart must hold.
    const learning = json.learning.techniques.filter((t: any) => t.winRate !== null);
    const expected: Record<string, number> = {
      revenue: 12,
      // Actual and even pace, and a dot for the forecast when open deals make one.
      ...Object.fromEntries(json.goals.map((g: any) => [`goal-${g.id}`, g.forecast ? 3 : 2])),
      techniques: learning.length * 2,
      satisfaction: 5,
      'top-customers': json.customers.top.length,
      'lost-reasons': json.lost.reasons.length,
    };
    expect(Object.fromEntries(charts.map((c) => [c.id, c.marks]))).toEqual(expected);
    for (const chart of charts) {
      expect(chart.declared).toBe(chart.marks);
      expect(chart.width).toBeGreaterThan(100);
      expect(chart.height).toBeGreaterThan(50);
      expect(chart.title.length).toBeGreaterThan(5);
      expect(chart.rows).toBeGreaterThan(0);
    }
    expect(charts.find((c) => c.id === 'satisfaction')!.rows).toBe(5);
    expect(charts.find((c) => c.id === 'lost-reasons')!.rows).toBe(json.lost.reasons.length);
  });

  test('the headline figures are the ones `spm report --json` prints', async () => {
    const figures = await page.$$eval('[data-figure]', (nodes) => nodes.map((n) => ({
      key: n.getAttribute('data-figure'), value: n.getAttribute('data-value'), shown: n.querySelector('.value')?.textContent ?? '',
    })));
    const byKey = Object.fromEntries(figures.map((f) => [f.key, f]));
    const fromJson: Record<string, number | null> = {
      revenue: json.sales.revenue, won: json.sales.won, lost: json.sales.lost, winRate: json.sales.winRate,
      averageDeal: json.sales.averageDeal, lostValue: json.lost.value,
    };
    for (const [key, value] of Object.entries(fromJson)) {
      expect(byKey[key]).toBeDefined();
      expect(byKey[key].value === '' ? null : Number(byKey[key].value)).toBe(value);
    }
    // What a person reads: whole dollars with separators, counts as they are.
    const dollars = (units: number) => `$${Math.round(units).toLocaleString('en-US')}`;
    expect(byKey.revenue.shown).toBe(dollars(json.sales.revenue));
    expect(byKey.won.shown).toBe(String(json.sales.won));
    expect(byKey.lostValue.shown).toBe(dollars(json.lost.value));
    expect(await page.locator('[data-panel="at-risk"] tr').count()).toBe(json.atRisk.length + 1);
    expect(await page.locator('[data-panel="learning"]').textContent()).toContain(json.learning.verdict);
  });

  test('a screenshot is saved for a person to look at', async () => {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    const path = join(OUTPUT_DIR, 'report-quarter.png');
    await page.screenshot({ path, fullPage: true });
    expect(statSync(path).size).toBeGreaterThan(10_000);
  });
});
