// The one-screen report reads only the first REPORT_LINES low ratings and late reorders and
// their counts (not the thousands a long history has): what it draws must be exactly what the full facts draw,
// at every width, whether the at-risk list is short or runs past a screen.
import { expect, test } from '@jest/globals';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';
import { Store } from '../../src/store/store.js';
import { loadReport } from '../../src/commands/report/report.js';
import { renderReport, REPORT_LINES } from '../../src/commands/report/render.js';
import { createTheme } from '../../src/ui/theme.js';
import { addDays } from '../../src/domain/local-date.js';

const temp = useTempDb();
const TODAY = '2026-03-15';

/**
 * 130 customers who bought every 10 days (3 times, ending between Oct 2025 and Mar 2026: late
 * ones from Jan on), every fifth archived; two thirds rated 1 or 2 after their last purchase, with
 * no contact since; 3 open high concerns, two opened on one day; and high concerns of every
 * other customer opened on two days in January (every tenth customer two of them), added in
 * falling customer order (ids do not follow customers), half of them resolved on Mar 1: more
 * than a screen open in early February, fewer today.
 */
function seed(dbPath: string): void {
  const db = openRaw(dbPath);
  const stamp = '2026-01-01T00:00:00Z';
  db.transaction(() => {
    for (let c = 0; c < 130; c++) {
      const id = Number(db.prepare("INSERT INTO customers (name, name_key, added_date, archived, created_at, updated_at) VALUES (?, ?, '2025-01-01', ?, ?, ?)")
        .run(`Customer ${c}`, `customer ${c}`, c % 5 === 4 ? 1 : 0, stamp, stamp).lastInsertRowid);
      const last = addDays('2025-10-01', c + (c % 7));
      for (const back of [20, 10, 0]) {
        db.prepare("INSERT INTO sales (date, customer_id, amount_cents, outcome, created_at, updated_at) VALUES (?, ?, 100, 'won', ?, ?)").run(addDays(last, -back), id, stamp, stamp);
      }
      if (c % 3 !== 1) db.prepare("INSERT INTO checkins (date, customer_id, channel, satisfaction, created_at) VALUES (?, ?, 'call', ?, ?)").run(addDays(last, 2), id, 1 + (c % 2), stamp);
      if (c % 50 === 7) {
        db.prepare("INSERT INTO concerns (customer_id, opened_date, summary, severity, created_at, updated_at) VALUES (?, ?, 'late deliveries', 'high', ?, ?)")
          .run(id, c < 100 ? '2026-01-10' : '2026-02-01', stamp, stamp);
      }
    }
    const concern = db.prepare("INSERT INTO concerns (customer_id, opened_date, summary, severity, status, resolved_date, created_at, updated_at) VALUES (?, ?, 'slow support', 'high', ?, ?, ?, ?)");
    const ids = db.prepare("SELECT id FROM customers WHERE name LIKE 'Customer %' ORDER BY id").pluck().all() as number[];
    for (let c = 128; c >= 0; c -= 2) {
      const resolved = c % 4 === 2;
      for (let n = c % 10 === 0 ? 2 : 1; n > 0; n--) concern.run(ids[c], `2026-01-1${c % 4}`, resolved ? 'resolved' : 'open', resolved ? '2026-03-01' : null, stamp, stamp);
    }
  })();
  db.close();
}

test('the one-screen report from the first low ratings and late reorders and their counts draws what the full facts draw', async () => {
  expect((await runSpm(['customer', 'add', 'Seed'], { db: temp.dbPath })).code).toBe(0);
  seed(temp.dbPath);
  const store = Store.open(temp.dbPath, 'read', () => `${TODAY}T12:00:00.000Z`);
  try {
    let cut = 0;
    let cutRatings = 0;
    let cutConcerns = 0;
    let mixed = 0;
    // A day with few at risk, one with more than a screen, and a past period.
    for (const request of [{ from: '2025-10-01', to: '2025-12-20' }, {}, { period: 'month' as const }, { from: '2026-01-01', to: '2026-02-10' }]) {
      const full = store.readMapped(() => loadReport(store, request, TODAY));
      const first = store.readMapped(() => loadReport(store, request, TODAY, REPORT_LINES));
      expect(first.atRiskTotal).toBe(full.report.atRisk.length);
      // The one-screen list is the first REPORT_LINES entries of the whole list, commands alike
      // (the commands name the concern: one customer's two on one day keep their order).
      expect(first.report.atRisk).toEqual(full.report.atRisk.slice(0, REPORT_LINES));
      expect(first.atRiskCommands).toEqual(full.atRiskCommands.slice(0, REPORT_LINES));
      if (full.report.atRisk.length > first.report.atRisk.length) cut++;
      const count = (loaded: typeof full, why: string) => loaded.report.atRisk.filter((a) => a.why.startsWith(why)).length;
      if (count(full, 'rated') > REPORT_LINES) cutRatings++;
      if (count(full, 'high concern') > REPORT_LINES) cutConcerns++;
      if (count(first, 'high concern') > 0 && count(first, 'rated') > 0) mixed++;
      for (const width of [40, 64, 80, 120]) {
        const render = (loaded: typeof full) => renderReport(loaded.report, {
          theme: createTheme(0), previousRange: loaded.spec.previous, trendUnit: 'weeks', asOf: loaded.spec.asOf, width,
          kind: loaded.spec.kind, weekStart: loaded.settings.weekStart, atRiskCommands: loaded.atRiskCommands, atRiskTotal: loaded.atRiskTotal,
        });
        expect(render(first)).toBe(render(full));
      }
    }
    expect(cut).toBeGreaterThan(1);
    expect(cutRatings).toBeGreaterThan(0);
    expect(cutConcerns).toBeGreaterThan(0);
    expect(mixed).toBeGreaterThan(0);
  } finally {
    store.close();
  }
  // Through the command: the title counts every entry of the JSON's list.
  const json = (await runSpm(['report', '--json'], { db: temp.dbPath, now: TODAY })).json();
  const text = (await runSpm(['report'], { db: temp.dbPath, now: TODAY })).stdout;
  expect(json.atRisk.length).toBeGreaterThan(REPORT_LINES);
  expect(text).toContain(`At risk (${json.atRisk.length})`);
});
