import { describe, expect, test } from '@jest/globals';
import { buildDailyView, daysOverdue, isQuietDay } from '../../src/domain/followup-rank.js';
import { isGoingCold, type CadenceCandidate } from '../../src/domain/rules/going-cold.js';
import { lastContactDate } from '../../src/domain/rules/last-contact.js';
import type { Concern, Followup } from '../../src/domain/records.js';

const TODAY = '2026-03-15';

function followup(id: number, dueDate: string, status: Followup['status'] = 'open'): Followup {
  return { id, customer: { id: 1, name: 'Acme' }, dueDate, reason: null, source: 'manual', status, saleId: null, concernId: null, doneDate: null, note: null, checkinId: null, dealId: null };
}

function concern(id: number, openedDate: string): Concern {
  return { id, customer: { id: 1, name: 'Acme' }, openedDate, summary: 'late', severity: 'medium', status: 'open', resolvedDate: null, resolution: null };
}

function view(followups: Followup[], days = 7, candidates: CadenceCandidate[] = [], concerns: Concern[] = []) {
  return buildDailyView({ today: TODAY, days, openFollowups: followups, cadenceCandidates: candidates, openConcerns: concerns });
}

describe('buildDailyView: overdue / today / upcoming boundaries', () => {
  test.each([
    ['2026-03-14', 'overdue', 1], // yesterday
    ['2026-02-28', 'overdue', 15],
    ['2026-03-15', 'dueToday', 0], // today
    ['2026-03-16', 'upcoming', 0], // tomorrow
    ['2026-03-22', 'upcoming', 0], // today + 7 (the last upcoming day)
    ['2026-03-23', 'none', 0], // today + 8: beyond the window
  ])('due %s is %s (days overdue %d)', (due, section, late) => {
    const v = view([followup(1, due)]);
    const sections = { overdue: v.overdue, dueToday: v.dueToday, upcoming: v.upcoming } as Record<string, { id: number; daysOverdue: number }[]>;
    for (const [name, list] of Object.entries(sections)) expect(list.map((f) => f.id)).toEqual(name === section ? [1] : []);
    if (section !== 'none') expect(sections[section][0].daysOverdue).toBe(late);
  });

  test.each([[0, ['2026-03-15'], []], [1, ['2026-03-15'], ['2026-03-16']], [14, ['2026-03-15'], ['2026-03-16', '2026-03-29']]])(
    '--days %d: upcoming up to and including today + N', (days, today, upcoming) => {
      const v = view([followup(1, '2026-03-15'), followup(2, '2026-03-16'), followup(3, '2026-03-29'), followup(4, '2026-03-30')], days);
      expect(v.dueToday.map((f) => f.dueDate)).toEqual(today);
      expect(v.upcoming.map((f) => f.dueDate)).toEqual(upcoming);
    });

  test('overdue oldest first, ties by id; closed follow-ups never show', () => {
    const v = view([followup(5, '2026-03-10'), followup(3, '2026-03-01'), followup(4, '2026-03-10'), followup(9, '2026-03-01', 'done')]);
    expect(v.overdue.map((f) => f.id)).toEqual([3, 4, 5]);
    expect(v.overdue.map((f) => f.daysOverdue)).toEqual([14, 5, 5]);
  });

  test('a later follow-up with a smaller id still comes after', () => {
    expect(view([followup(2, '2026-03-12'), followup(8, '2026-03-05')]).overdue.map((f) => f.id)).toEqual([8, 2]);
    expect(view([followup(8, '2026-03-05'), followup(2, '2026-03-12')]).overdue.map((f) => f.id)).toEqual([8, 2]);
    expect(view([followup(4, '2026-03-10'), followup(5, '2026-03-10')]).overdue.map((f) => f.id)).toEqual([4, 5]);
    expect(view([], 7, [], [concern(2, '2026-03-10'), concern(3, '2026-03-10')]).openConcerns.map((c) => c.id)).toEqual([2, 3]);
    expect(view([followup(2, '2026-03-20'), followup(8, '2026-03-17')]).upcoming.map((f) => f.id)).toEqual([8, 2]);
  });

  test('the totals handed in (lists cut to their first rows) are the ones shown and judged', () => {
    const totals = { overdue: 0, dueToday: 0, upcoming: 120, goingCold: 3, openConcerns: 0, dueToReorder: 0 };
    const v = buildDailyView({ today: TODAY, days: 7, openFollowups: [], cadenceCandidates: [], openConcerns: [], totals });
    expect(v.totals).toEqual(totals);
    expect(isQuietDay(v)).toBe(false);
    expect(view([followup(1, '2026-03-14'), followup(2, '2026-03-15'), followup(3, '2026-03-16')]).totals)
      .toEqual({ overdue: 1, dueToday: 1, upcoming: 1, goingCold: 0, openConcerns: 0, dueToReorder: 0 });
  });

  test('daysOverdue is null once done or cancelled, 0 when not late', () => {
    expect(daysOverdue(followup(1, '2026-03-01', 'done'), TODAY)).toBeNull();
    expect(daysOverdue(followup(1, '2026-03-20'), TODAY)).toBe(0);
    expect(daysOverdue(followup(1, '2026-03-12'), TODAY)).toBe(3);
  });
});

describe('going cold', () => {
  const candidate = (id: number, lastContact: string, cadenceDays: number): CadenceCandidate => ({ customer: { id, name: `C${id}` }, lastContact, cadenceDays });

  test.each([
    ['2026-02-13', 30, false], // exactly 30 days ago: not more than the cadence
    ['2026-02-14', 30, false], // 29 days ago
    ['2026-02-12', 30, true], // 31 days ago
    ['2026-03-15', 1, false], // contact today
    ['2026-03-14', 1, false], // yesterday, 1-day cadence
    ['2026-03-13', 1, true], // two days ago, 1-day cadence
    ['2025-03-15', 364, true], // across a year
  ])('last contact %s with a %d-day cadence: cold %s', (lastContact, cadence, cold) => {
    expect(isGoingCold(candidate(1, lastContact, cadence), TODAY)).toBe(cold);
    expect(view([], 7, [candidate(1, lastContact, cadence)]).goingCold).toHaveLength(cold ? 1 : 0);
  });

  test('exactly the cadence ago is not cold yet; one day more is', () => {
    expect(isGoingCold(candidate(1, '2026-02-13', 30), TODAY)).toBe(false); // 30 days
    expect(isGoingCold(candidate(1, '2026-02-12', 30), TODAY)).toBe(true); // 31 days
  });

  test('equally cold customers by id, whatever order they come in', () => {
    // #5: 14 days since contact on a 7-day cadence, #4: 12 days on a 5-day one: both 7 days past.
    const v = view([], 7, [candidate(9, '2026-03-10', 3), candidate(5, '2026-03-01', 7), candidate(4, '2026-03-03', 5)]);
    expect(v.goingCold.map((c) => [c.customer.id, c.daysSinceContact])).toEqual([[4, 12], [5, 14], [9, 5]]);
  });

  test('coldest (longest past the cadence) first, with days since contact', () => {
    const v = view([], 7, [candidate(1, '2026-03-01', 7), candidate(2, '2026-01-01', 30), candidate(3, '2026-03-10', 30)]);
    expect(v.goingCold.map((c) => [c.customer.id, c.daysSinceContact])).toEqual([[2, 73], [1, 14]]);
  });
});

describe('quiet day and concerns', () => {

  test('upcoming follow-ups and open concerns alone keep the day quiet', () => {
    expect(isQuietDay(view([followup(1, '2026-03-16')], 7, [], [concern(1, '2026-03-01')]))).toBe(true);
    expect(isQuietDay(view([followup(1, '2026-03-15')]))).toBe(false);
    expect(isQuietDay(view([followup(1, '2026-03-14')]))).toBe(false);
    expect(isQuietDay(view([], 7, [{ customer: { id: 1, name: 'A' }, lastContact: '2026-01-01', cadenceDays: 30 }]))).toBe(false);
  });

  test('open concerns: ties by id, a later one with a smaller id after, resolved ones left out', () => {
    const resolved = { ...concern(4, '2026-03-01'), status: 'resolved' as const };
    const v = view([], 7, [], [concern(3, '2026-03-10'), concern(1, '2026-03-12'), resolved, concern(2, '2026-03-10')]);
    expect(v.openConcerns.map((c) => [c.id, c.ageDays])).toEqual([[2, 5], [3, 5], [1, 3]]);
  });

  test('open concerns oldest first with their age in days', () => {
    const v = view([], 7, [], [concern(2, '2026-03-10'), concern(1, '2026-02-15')]);
    expect(v.openConcerns.map((c) => [c.id, c.ageDays])).toEqual([[1, 28], [2, 5]]);
  });
});

describe('lastContactDate', () => {
  test.each([
    [[], '2026-03-01'], // no touch: the day added
    [[null, undefined], '2026-03-01'],
    [['2026-01-10'], '2026-01-10'], // history before the day added counts as it is
    [['2026-01-10', '2026-04-02'], '2026-04-02'],
    [[null, '2026-02-01'], '2026-02-01'],
  ])('added 2026-03-01, touches %j: %s', (touches, expected) => {
    expect(lastContactDate('2026-03-01', touches as (string | null | undefined)[])).toBe(expected);
  });
});
