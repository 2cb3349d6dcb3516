// The report as one self-contained HTML page: inline CSS and SVG, nothing fetched when it is
// viewed (a Content-Security-Policy forbids it). Headline figures carry their exact value in
// data-value, so a test can hold them equal to `spm report --json`.
import type { Report, SalesBlock } from '../domain/report.js';
import { formatShortDate, type LocalDate } from '../domain/local-date.js';
import { rangeLabel, type DateRange } from '../domain/period.js';
import { formatMoneySummary } from '../domain/money.js';
import { sanitizeLine } from '../domain/text.js';
import type { Chart } from './report-charts.js';

export interface PageOptions {
  previousRange: DateRange;
  /** The command to act on each at-risk entry (same order as report.atRisk). */
  atRiskCommands: string[];
  generatedOn: LocalDate;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text for HTML content and attribute values, control characters removed. */
export function escapeHtml(text: string): string {
  return sanitizeLine(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const CSS = `
:root { color-scheme: light; --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --up: #1f7a4d; --down: #b42318; --accent: #3b6ea8; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f5f7fa; }
main { max-width: 1240px; margin: 0 auto; padding: 28px 24px 48px; }
header h1 { margin: 0; font-size: 26px; }
header p { margin: 4px 0 0; color: var(--muted); }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin: 22px 0; }
.figure { background: white; border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; }
.figure .name { color: var(--muted); font-size: 13px; }
.figure .value { font-size: 24px; font-weight: 650; margin: 2px 0; }
.figure .change { font-size: 13px; color: var(--muted); }
.up { color: var(--up); } .down { color: var(--down); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(540px, 1fr)); gap: 16px; }
figure.chart, section.panel { margin: 0; background: white; border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; overflow-x: auto; }
figure.chart figcaption, section.panel h2 { font-weight: 650; font-size: 16px; margin: 0 0 8px; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
details { margin-top: 8px; color: var(--muted); font-size: 13px; }
summary { cursor: pointer; }
table { border-collapse: collapse; margin-top: 6px; font-size: 13px; color: var(--ink); }
th, td { text-align: left; padding: 3px 10px 3px 0; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; }
section.wide { grid-column: 1 / -1; }
td.nowrap, code { white-space: nowrap; }
.verdict { margin: 8px 0 0; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f0f2f5; padding: 1px 4px; border-radius: 4px; }
footer { margin-top: 28px; color: var(--muted); font-size: 12px; }
`;

/** The whole page. `svgs` are the charts' SVG, in the same order as `charts`. */
export function reportPageHtml(report: Report, charts: Chart[], svgs: string[], options: PageOptions): string {
  const money = (units: number | null) => (units === null ? '—' : formatMoneySummary(Math.round(units * 100), report.currency));
  const { from, to, label } = report.period;
  const range = rangeLabel({ from, to });
  const title = `Report · ${label}`;
  const figures = headlineFigures(report, money);
  const parts = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Nothing may be fetched when the page is viewed: styles and pictures are inline.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body><main>',
    `<header><h1>${escapeHtml(title)}</h1><p>${escapeHtml(range)} · compared with ${escapeHtml(rangeLabel(options.previousRange))}</p></header>`,
    `<section class="figures" aria-label="Headline figures">${figures.join('')}</section>`,
    '<div class="charts">',
    ...charts.map((chart, i) => chartFigure(chart, svgs[i] ?? '')),
    learningPanel(report),
    atRiskPanel(report, options.atRiskCommands),
    '</div>',
    `<footer>Made by spm on ${escapeHtml(formatShortDate(options.generatedOn))}. Every chart's numbers are in the table under it.</footer>`,
    '</main></body>',
    '</html>',
    '',
  ];
  return parts.join('\n');
}

function headlineFigures(report: Report, money: (units: number | null) => string): string[] {
  const s = report.sales;
  const p = report.previous;
  const pct = (v: number | null) => (v === null ? '—' : `${Number(v.toFixed(1))}%`);
  const figure = (key: string, name: string, value: number | null, shown: string, change: string) =>
    `<div class="figure" data-figure="${key}" data-value="${value === null ? '' : value}"><div class="name">${name}</div><div class="value">${escapeHtml(shown)}</div><div class="change">${change}</div></div>`;
  const was = (text: string) => `was ${escapeHtml(text)}`;
  return [
    figure('revenue', 'Revenue', s.revenue, money(s.revenue), `${relative(s.revenue, p.revenue, true)} ${was(money(p.revenue))}`),
    figure('won', 'Won', s.won, String(s.won), `${difference(s.won, p.won, true)} ${was(String(p.won))}`),
    figure('lost', 'Lost', s.lost, String(s.lost), `${difference(s.lost, p.lost, false)} ${was(String(p.lost))}`),
    figure('winRate', 'Win rate', s.winRate, pct(s.winRate), `${points(s, p)} ${was(pct(p.winRate))}`),
    figure('averageDeal', 'Average deal', s.averageDeal, money(s.averageDeal),
      `${s.averageDeal !== null && p.averageDeal !== null ? relative(s.averageDeal, p.averageDeal, true) : ''} ${was(money(p.averageDeal))}`),
    figure('lostValue', 'Lost value', report.lost.value, money(report.lost.value), `${report.lost.count} lost`),
  ];
}

const arrow = (up: boolean, good: boolean, text: string) => `<span class="${up === good ? 'up' : 'down'}">${up ? '▲' : '▼'} ${text}</span>`;

function relative(now: number, before: number, upIsGood: boolean): string {
  if (now === before) return '= same';
  if (before === 0) return arrow(now > 0, upIsGood, 'new');
  const change = ((now - before) / before) * 100;
  return arrow(change > 0, upIsGood, `${Math.abs(change) >= 10 ? Math.round(Math.abs(change)) : Math.abs(change).toFixed(1)}%`);
}

function difference(now: number, before: number, upIsGood: boolean): string {
  return now === before ? '= same' : arrow(now > before, upIsGood, String(Math.abs(now - before)));
}

function points(now: SalesBlock, before: SalesBlock): string {
  if (now.winRate === null || before.winRate === null) return '';
  const change = now.winRate - before.winRate;
  return Math.abs(change) < 0.05 ? '= same' : arrow(change > 0, true, `${Math.abs(change).toFixed(1)} pts`);
}

function chartFigure(chart: Chart, svg: string): string {
  const head = `<tr>${chart.table.columns.map((c, i) => `<th${i > 0 ? ' class="num"' : ''}>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const rows = chart.table.rows.map((row) => `<tr>${row.map((cell, i) => `<td${i > 0 ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('');
  // The SVG comes from vega's renderer, which escapes the data it draws.
  const labelled = svg.replace(/^<svg /, `<svg role="img" aria-label="${escapeHtml(chart.title)}" `);
  return `<figure class="chart" data-chart="${escapeHtml(chart.id)}" data-marks="${chart.marks}"><figcaption>${escapeHtml(chart.title)}</figcaption>${labelled}`
    + `<details><summary>The numbers</summary><table>${head}${rows}</table></details></figure>`;
}

function learningPanel(report: Report): string {
  const { learning } = report;
  return `<section class="panel" data-panel="learning"><h2>Learning window: ${escapeHtml(rangeLabel(learning))}</h2>`
    + `<p class="verdict">${escapeHtml(learning.verdict)}</p></section>`;
}

function atRiskPanel(report: Report, commands: string[]): string {
  const rows = report.atRisk.map((a, i) => `<tr><td>${escapeHtml(a.customer.name)}</td><td>${escapeHtml(a.why)}</td><td class="nowrap">${escapeHtml(a.since)}</td><td><code>${escapeHtml(commands[i] ?? '')}</code></td></tr>`);
  const body = rows.length === 0 ? '<p>Nobody is at risk.</p>'
    : `<table><tr><th>customer</th><th>why</th><th>since</th><th>to act</th></tr>${rows.join('')}</table>`;
  return `<section class="panel wide" data-panel="at-risk"><h2>At risk (${report.atRisk.length})</h2>${body}</section>`;
}
