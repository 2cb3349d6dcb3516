// Builds the benchmark database once: ten years of a busy rep's history (20k customers,
// 1M sales, 500k check-ins, 50k follow-ups, concerns, 50 goals), seeded so runs compare.
// The schema comes from spm itself (its first write creates and migrates the file).
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { spawnSync } from 'node:child_process';

export const BENCH_TODAY = '2026-11-28';
const DAY = 86_400_000;

/** Deterministic PRNG (mulberry32). */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function dayString(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

export const SIZES = { customers: 20_000, sales: 1_000_000, checkins: 500_000, followups: 50_000, concerns: 2_000, goals: 50 };

/** Builds the database at `path` unless it is there; `sizes` overrides SIZES (a 10k-sales twin, say). */
export function makeBenchDb(path, { force = false, ...override } = {}) {
  if (existsSync(path) && !force) return path;
  const size = { ...SIZES, ...override };
  rmSync(path, { force: true });
  mkdirSync(dirname(path), { recursive: true });
  const created = spawnSync(process.execPath, ['bin/spm.js', '--db', path, 'customer', 'add', 'Customer 00001', '--segment', 'smb'], {
    env: { ...process.env, SPM_NOW: '2016-11-28' }, encoding: 'utf8',
  });
  if (created.status !== 0) throw new Error(`could not create the bench database: ${created.stderr}`);
  const db = new Database(path);
  db.pragma('synchronous = OFF');
  const random = seededRandom(42);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const end = Date.parse(`${BENCH_TODAY}T00:00:00Z`);
  const start = end - 3652 * DAY;
  const randomDay = () => dayString(start + Math.floor(random() * 3653) * DAY);
  const segments = ['smb', 'enterprise', 'consumer'];
  const techniques = ['referral', 'cold-call', 'demo', 'email-campaign', 'trade-show', 'upsell', null];
  const products = ['consulting', 'license', 'support', 'training', 'hardware'];
  const stamp = `${BENCH_TODAY}T12:00:00.000Z`;

  db.transaction(() => {
    const customer = db.prepare(`INSERT INTO customers (name, name_key, segment, tags, cadence_days, added_date, created_at, updated_at) VALUES (?, ?, ?, '[]', ?, ?, ?, ?)`);
    for (let i = 2; i <= size.customers; i++) {
      const name = `Customer ${String(i).padStart(5, '0')}`;
      customer.run(name, name.toLowerCase(), pick(segments), random() < 0.3 ? pick([14, 30, 60, 90]) : null, dayString(start + Math.floor(random() * 3000) * DAY), stamp, stamp);
    }
    const sale = db.prepare(`INSERT INTO sales (date, customer_id, amount_cents, outcome, reason, technique, product, quantity, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (let i = 0; i < size.sales; i++) {
      const won = random() < 0.62;
      sale.run(randomDay(), 1 + Math.floor(random() * size.customers), 5_000 + Math.floor(random() * 500_000), won ? 'won' : 'lost',
        won ? null : pick(['price', 'timing', 'competitor']), pick(techniques), pick(products), 1 + Math.floor(random() * 5), stamp, stamp);
    }
    const checkin = db.prepare(`INSERT INTO checkins (date, customer_id, channel, satisfaction, created_at) VALUES (?, ?, ?, ?, ?)`);
    const channels = ['call', 'email', 'meeting', 'visit', 'message', 'other'];
    for (let i = 0; i < size.checkins; i++) {
      checkin.run(randomDay(), 1 + Math.floor(random() * size.customers), pick(channels), random() < 0.7 ? 1 + Math.floor(random() * 5) : null, stamp);
    }
    const concern = db.prepare(`INSERT INTO concerns (customer_id, opened_date, summary, severity, status, resolved_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    for (let i = 0; i < size.concerns; i++) {
      const opened = randomDay();
      const resolved = random() < 0.9 && opened < BENCH_TODAY ? opened : null;
      concern.run(1 + Math.floor(random() * size.customers), opened, 'Delivery was late', pick(['low', 'medium', 'high']), resolved ? 'resolved' : 'open', resolved, stamp, stamp);
    }
    const followup = db.prepare(`INSERT INTO followups (customer_id, due_date, reason, source, status, done_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    for (let i = 0; i < size.followups; i++) {
      const due = randomDay();
      // Most old follow-ups are done; the last months hold the open ones.
      const open = due > dayString(end - 120 * DAY) ? random() < 0.7 : random() < 0.01;
      followup.run(1 + Math.floor(random() * size.customers), due, 'Check in', pick(['manual', 'post-sale', 'cadence']), open ? 'open' : 'done', open ? null : due, stamp, stamp);
    }
    const goal = db.prepare(`INSERT INTO goals (name, name_key, metric, target_x100, period, from_date, to_date, recurring, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const metrics = ['revenue', 'sales', 'new-customers', 'checkins', 'win-rate', 'satisfaction', 'repeat-revenue'];
    const periods = [['year', '2026-01-01', '2026-12-31'], ['quarter', '2026-10-01', '2026-12-31'], ['month', '2026-11-01', '2026-11-30']];
    for (let i = 1; i <= size.goals; i++) {
      const metric = metrics[i % metrics.length];
      const [period, from, to] = periods[i % periods.length];
      const target = { revenue: 50_000_000_00, sales: 30_000_00, 'new-customers': 500_00, checkins: 20_000_00, 'win-rate': 60_00, satisfaction: 4_00, 'repeat-revenue': 40_000_000_00 }[metric];
      goal.run(`Goal ${i} ${metric}`, `goal ${i} ${metric}`, metric, target, period, from, to, i % 5 === 0 ? 1 : 0, stamp, stamp);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  db.close();
  return path;
}
