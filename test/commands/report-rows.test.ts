// The report draws a section's rows on demand: the one-screen layout decides how many rows each
// section shows from counts alone and draws only those (a report with 50 goals showed one goal
// line and drew all 50). Laid out from counts, the text must be exactly what drawing every row
// first gives, and a goal list drawn part way must be the start of the whole list.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { followedBy, goalRows, layoutSections, type ReportSection, type RowSource } from '../../src/commands/report/render.js';
import { createTheme, loadColors } from '../../src/ui/theme.js';
import { seededRandom } from '../../src/domain/random.js';
import { GOAL_METRICS } from '../../src/domain/goal-pace.js';
import type { ReportGoal } from '../../src/domain/report.js';
import { visibleWidth } from '../../src/ui/fit.js';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** Sections of every shape the layout knows: heads, lists long and short, minimums, feet, priorities, lists read in part. */
function randomSections(random: () => number): ReportSection[] {
  return Array.from({ length: 2 + Math.floor(random() * 8) }, (_, s) => {
    const rows = Array.from({ length: pick(random, [0, 1, 2, 5, 12, 60]) }, (_, r) => `  row ${s}.${r} ${'x'.repeat(Math.floor(random() * 30))}`);
    return {
      title: `Section ${s}${random() < 0.3 ? ' · with a longer title' : ''}`,
      head: Array.from({ length: Math.floor(random() * 3) }, (_, h) => `  head ${s}.${h}`),
      rows: random() < 0.1 ? undefined : rows,
      ...(random() < 0.3 ? { rowCount: rows.length + Math.floor(random() * 100) } : {}),
      ...(random() < 0.3 ? { minRows: Math.floor(random() * 4) } : {}),
      ...(random() < 0.3 ? { foot: ['  a legend'] } : {}),
      ...(random() < 0.4 ? { priority: Math.floor(random() * 4) } : {}),
    };
  });
}

describe('layoutSections with rows drawn on demand', () => {
  test.each(SEEDS)('lays out exactly what the rows drawn first lay out, and draws only the rows it shows (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const theme = createTheme(0);
    let drawnLess = 0;
    for (let round = 0; round < 40; round++) {
      const eager = randomSections(random);
      const top = Array.from({ length: Math.floor(random() * 12) }, (_, i) => `top ${i}`);
      for (const maxLines of [8, 20, 40, Number.POSITIVE_INFINITY]) {
        for (const width of [40, 80]) {
          const asked: number[] = [];
          const lazy = eager.map((section): ReportSection => {
            const rows = section.rows;
            if (!Array.isArray(rows)) return section;
            const source: RowSource = { count: rows.length, draw: (n) => (asked.push(n), rows.slice(0, n)) };
            return { ...section, rows: source };
          });
          const lines = layoutSections(top, lazy, theme, maxLines, width);
          expect(lines).toEqual(layoutSections(top, eager, theme, maxLines, width));
          // Each section's rows are drawn at most once, and never more than the text shows.
          const shownRows = lines.filter((line) => line.startsWith('  row ')).length;
          expect(asked.reduce((a, b) => a + b, 0)).toBe(shownRows);
          if (shownRows < eager.reduce((n, s) => n + (Array.isArray(s.rows) ? s.rows.length : 0), 0)) drawnLess++;
        }
      }
    }
    expect(drawnLess).toBeGreaterThan(0);
  });
});

/** Goals of every kind a goal line shows: rates and money, no actual yet, long and wide names, forecasts. */
function randomGoals(random: () => number, count: number): ReportGoal[] {
  const names = ['Q1 revenue', 'Weekly check-ins', 'A goal with a name far too long for its column', '新規顧客の目標', 'x', 'Café ☕ visits'];
  const statuses = ['met', 'ahead', 'on-track', 'behind', 'missed'];
  return Array.from({ length: count }, (_, id) => {
    const metric = pick(random, GOAL_METRICS);
    const target = pick(random, [0, 5, 50, 1200, 250_000.5]);
    const actual = random() < 0.15 ? null : Math.round(random() * target * 1.5 * 100) / 100;
    return {
      id,
      name: `${pick(random, names)}${random() < 0.5 ? ` ${id}` : ''}`,
      metric,
      target,
      from: '2026-01-01',
      to: '2026-12-31',
      actual,
      percent: actual === null || target === 0 ? null : (actual / target) * 100,
      expected: random() < 0.2 ? null : random() * target,
      projected: null,
      neededPerDay: random() < 0.3 ? null : pick(random, [0, 0.5, 12, 3456.78]),
      status: pick(random, statuses),
      milestones: [],
      forecast: random() < 0.3 ? { value: random() * target * 2, chanceToHit: Math.floor(random() * 100), deals: 3 } : null,
    };
  });
}

describe('goalRows', () => {
  beforeAll(loadColors);

  test.each(SEEDS)('draws any first n lines as the start of every line, one per goal and one per forecast, within the width (seed %i)', (seed) => {
    const random = seededRandom(seed);
    for (const count of [0, 1, 3, 17, 50]) {
      const goals = randomGoals(random, count);
      for (const theme of [createTheme(0), createTheme(1)]) {
        for (const width of [30, 50, 64, 80, 100, 140]) {
          const rows = goalRows(goals, 'USD', theme, width);
          const all = rows.draw(rows.count);
          expect(all).toHaveLength(goals.length + goals.filter((g) => g.forecast).length);
          expect(rows.count).toBe(all.length);
          // (At 30 columns a goal's figures alone can be wider: figures are never cut.)
          if (width >= 50) for (const line of all) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
          for (let n = 0; n <= rows.count; n++) expect(rows.draw(n)).toEqual(all.slice(0, n));
          expect(rows.draw(rows.count + 5)).toEqual(all);
        }
      }
    }
  });
});

test('followedBy: the rows, then the lines after them, drawn part way as the start of both', () => {
  const goals = randomGoals(seededRandom(9), 6);
  const rows = goalRows(goals, 'EUR', createTheme(0), 80);
  const first = rows.draw(rows.count);
  for (const more of [[], ['  Weekly check-ins: 9 of 13 weeks hit'], ['  a: 1 of 2 weeks hit', '  b: 2 of 2 weeks hit']]) {
    const both = followedBy(rows, more);
    expect(both.count).toBe(first.length + more.length);
    for (let n = 0; n <= both.count + 2; n++) expect(both.draw(n)).toEqual([...first, ...more].slice(0, n));
  }
});
