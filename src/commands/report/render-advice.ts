// The report's advice blocks as text: lost value and reasons, the learning window with its
// verdict, recurring goals hit, and who is at risk with the command to act on. Compact: each
// block is a few lines, every line cut to the width (free text shrinks, figures never do).
import type { Theme } from '../../ui/theme.js';
import type { Report, TechniqueRow } from '../../domain/report.js';
import { periodsHitText } from '../../domain/report-advice.js';
import { rangeLabel } from '../../domain/period.js';
import { percentRange, sanitizeLine } from '../../domain/text.js';
import { fitLine, truncate, visibleWidth } from '../../ui/fit.js';

/** Rows of the learning window shown (the most revenue first); --json has all. */
export const LEARNING_ROWS = 4;

export interface AdviceRenderOptions {
  theme: Theme;
  width: number;
  money: (units: number | null) => string;
  /** The command to act on each at-risk entry (same order as report.atRisk). */
  atRiskCommands: string[];
  /** Rows of the learning window (default LEARNING_ROWS); the report's one-screen layout passes Infinity and cuts itself. */
  limit?: number;
}

const pct = (value: number | null) => (value === null ? '—' : `${Math.round(value)}%`);

/** `Lost $4,200 in 3 · price 2 ($3,000), timing 1 ($1,200)`: one line under the headline. */
export function lostLines(report: Report, o: AdviceRenderOptions): string[] {
  const { lost } = report;
  if (lost.count === 0) return [];
  const head = `  Lost value ${o.money(lost.value)} in ${lost.count}`;
  // Whole reasons, as many as fit: a cut must never fall inside an amount. Only a lone reason
  // too long for the line has its text (never its count or amount) shortened.
  const items = lost.reasons.map((r) => ({ text: sanitizeLine(r.reason), tail: ` ${r.count} (${o.money(r.value)})` }));
  for (let n = items.length; n > 0; n--) {
    const more = n < items.length ? ', …' : '';
    const tail = ` · top reasons: ${items.slice(0, n).map((item) => item.text + item.tail).join(', ')}${more}`;
    if (visibleWidth(head + tail) <= o.width) return [head + o.theme.dim(tail)];
  }
  const first = items[0];
  if (first === undefined) return [head];
  const room = o.width - visibleWidth(`${head} · top reasons: ${first.tail}${items.length > 1 ? ', …' : ''}`);
  if (room < 4) return [head];
  return [head + o.theme.dim(` · top reasons: ${truncate(first.text, room)}${first.tail}${items.length > 1 ? ', …' : ''}`)];
}

/** The learning window's technique rows (won, lost, win rate, 95% range) and the verdict. */
export function learningLines(report: Report, o: AdviceRenderOptions): string[] {
  const { learning } = report;
  const { theme } = o;
  const lines = [fitLine([theme.bold('Learning window'), { text: ` · ${rangeLabel(learning)}`, min: 0, style: theme.dim }], o.width)];
  const rows = learning.techniques.filter((t) => t.won + t.lost > 0);
  const limit = o.limit ?? LEARNING_ROWS;
  for (const t of rows.slice(0, limit)) lines.push(learningRow(t, o));
  if (rows.length > limit) lines.push(theme.dim(`  … ${rows.length - limit} more (--json has all)`));
  lines.push(fitLine(['  ', { text: `→ ${sanitizeLine(learning.verdict)}`, min: 10 }], o.width));
  return lines;
}

function learningRow(t: TechniqueRow, o: AdviceRenderOptions): string {
  const range = percentRange(t.winRateLow, t.winRateHigh);
  const figures = `${String(t.won).padStart(5)} won ${String(t.lost).padStart(4)} lost ${pct(t.winRate).padStart(5)}  ${range.padStart(8)}`;
  return fitLine(['  ', { text: sanitizeLine(t.technique).padEnd(18), min: 6 }, ' ', figures], o.width);
}

/** `Weekly check-ins: 9 of 13 weeks hit`, one line per recurring goal. */
export function goalsHitLines(report: Report, o: AdviceRenderOptions): string[] {
  return report.goalsHit.map((g) => fitLine(['  ', { text: sanitizeLine(g.name), min: 8 }, `: ${periodsHitText(g.hit, g.periods, g.period)}`], o.width));
}

/** `At risk (3)`, for `total` customers. */
export function atRiskTitle(total: number, theme: Theme): string {
  return `${theme.bold(`At risk (${total})`)}`;
}

/** The line of each of the first `count` at-risk entries: who, why, and what to type. */
export function atRiskEntryLines(report: Report, o: AdviceRenderOptions, count: number): string[] {
  const { theme } = o;
  return report.atRisk.slice(0, count).map((entry, i) => fitLine([
    '  ',
    { text: sanitizeLine(entry.customer.name), min: 8, shrinkFirst: 1 },
    ' — ',
    { text: sanitizeLine(entry.why), min: 12, shrinkFirst: 2 },
    theme.dim(`  ${o.atRiskCommands[i] ?? ''}`),
  ], o.width));
}
