// Smoke tests through the real binary: the relationship loop end to end, and the same
// commands under time zones on both sides of a DST switch moving no calendar date.
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();

function spm(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['bin/spm.js', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: temp.dir, NO_COLOR: '1', ...env }, encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`spm ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result;
}

/** One script of commands, each at its own SPM_NOW, returning every JSON document printed. */
function script(db: string, tz: string, steps: [string, string[]][]): unknown[] {
  return steps.map(([now, args]) => {
    const out = spm([...args, '--json'], { SPM_DB: db, SPM_NOW: now, TZ: tz }).stdout;
    return out === '' ? null : JSON.parse(out);
  });
}

describe('spm followups through the real binary', () => {
  test('sale → post-sale follow-up → daily view → done; --quiet silent afterwards', () => {
    const env = { SPM_DB: temp.dbPath, SPM_NOW: '2026-03-15' };
    spm(['customer', 'add', 'Acme Corp'], env);
    spm(['sale', 'add', 'acme', '1200', '--date', '2026-03-01'], env);
    const view = JSON.parse(spm(['followups', '--json'], env).stdout);
    expect(view.overdue).toEqual([expect.objectContaining({ id: 1, due: '2026-03-08', source: 'post-sale', daysOverdue: 7 })]);
    expect(spm(['followups'], env).stdout).toMatch(/Overdue \(1\)/);
    spm(['followup', 'done', '1', '--satisfaction', '5'], env);
    const quiet = spm(['followups', '--quiet'], env);
    expect(quiet.stdout).toBe('');
    expect(quiet.stderr).toBe('');
  });

  // Pacific/Auckland leaves daylight time on 2026-04-05 (03:00 → 02:00); America/Los_Angeles
  // enters it on 2026-03-08 (02:00 → 03:00). Instants with a zone name their local day; the
  // dates spm stores and compares must come out the same in every zone.
  test.each([
    ['America/Los_Angeles', ['2026-03-07T20:00:00-08:00', '2026-03-08T01:30', '2026-03-08T12:00:00-07:00', '2026-03-09T09:00', '2026-03-15']],
    ['Pacific/Auckland', ['2026-04-04T08:00:00+13:00', '2026-04-05T02:30', '2026-04-05T09:00:00+12:00', '2026-04-06T09:00', '2026-04-12']],
  ])('across the DST switch in %s no calendar date moves', (tz, nows) => {
    const steps = (days: string[]): [string, string[]][] => [
      [days[0], ['customer', 'add', 'Acme Corp', '--every', '2']],
      [days[0], ['config', 'set', 'post-sale-follow-up-days', '1']],
      [days[0], ['sale', 'add', 'acme', '500']],
      [days[1], ['checkin', 'add', 'acme', '--satisfaction', '4', '--next', '+1d']],
      [days[2], ['followup', 'snooze', '2', 'tomorrow']],
      [days[3], ['followups']],
      [days[4], ['followups']],
      [days[4], ['checkin', 'list']],
      [days[4], ['followup', 'list', '--status', 'all']],
    ];
    const local = script(join(temp.dir, 'local.db'), tz, steps(nows));
    // The same local days as plain dates, in UTC: what the user meant.
    const utc = script(join(temp.dir, 'utc.db'), 'UTC', steps(nows.map((n) => n.slice(0, 10))));
    expect(local).toEqual(utc);
    const dayOf = (n: string) => n.slice(0, 10);
    const [sale, checkin, snoozed, view] = [local[2], local[3], local[4], local[5]] as any[];
    expect(sale.date).toBe(dayOf(nows[0]));
    expect(checkin.date).toBe(dayOf(nows[1]));
    expect(checkin.completedFollowups.map((f: any) => f.due)).toEqual([dayOf(nows[1])]); // the post-sale one, due the next day
    expect(snoozed.due).toBe(dayOf(nows[3]));
    expect(view.date).toBe(dayOf(nows[3]));
    expect(view.dueToday.map((f: any) => f.id)).toEqual([2]);
    const later = local[6] as any;
    expect(later.overdue.map((f: any) => f.daysOverdue)).toEqual([6]);
  });
});
