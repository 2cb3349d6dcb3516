// Business days must not move with the machine's time zone: the same hand-worked answers in
// zones west and east of UTC, with DST switches at midnight (São Paulo 2018-11-04), at odd
// offsets (St John's −3:30, Lord Howe's half-hour DST) and across the date line (UTC+14, −11).
import { afterAll, describe, expect, test } from '@jest/globals';
import { addDays, addMonths, addYears, daysBetween, formatShortDate, isValidLocalDate, weekdayIndex } from '../../src/domain/local-date.js';
import { periodContaining, periodLabel, shiftPeriod } from '../../src/domain/period.js';
import { compileDateFormat } from '../../src/domain/date-format.js';

const ZONES = ['UTC', 'America/Sao_Paulo', 'America/St_Johns', 'Australia/Lord_Howe', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Europe/Berlin'];
const original = process.env.TZ;
afterAll(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

describe.each(ZONES)('in %s', (zone) => {
  test('calendar arithmetic gives the same days', () => {
    process.env.TZ = zone;
    expect(addDays('2018-11-03', 1)).toBe('2018-11-04'); // São Paulo's clocks skipped that midnight
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09'); // US spring forward
    expect(addDays('2026-03-29', -1)).toBe('2026-03-28'); // EU spring forward
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
    expect(daysBetween('2026-10-20', '2026-11-10')).toBe(21);
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(weekdayIndex('2026-03-15')).toBe(0); // a Sunday
    expect(formatShortDate('2026-03-04', '2026-01-01')).toBe('Mar 4');
    expect(formatShortDate('2025-12-31', '2026-01-01')).toBe('Dec 31, 2025');
    expect(isValidLocalDate('2026-02-29')).toBe(false);
  });

  test('periods start and end on the same days', () => {
    process.env.TZ = zone;
    expect(periodContaining('week', '2026-03-18', 'sunday')).toEqual({ from: '2026-03-15', to: '2026-03-21' });
    expect(periodContaining('week', '2026-03-18', 'monday')).toEqual({ from: '2026-03-16', to: '2026-03-22' });
    expect(periodContaining('month', '2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodContaining('quarter', '2026-11-04')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodContaining('year', '2026-11-04')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(shiftPeriod('month', { from: '2026-01-01', to: '2026-01-31' }, 1)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodLabel('quarter', { from: '2026-10-01', to: '2026-12-31' })).toBe('2026-Q4');
    expect(periodLabel('month', { from: '2026-02-01', to: '2026-02-28' })).toBe('Feb 2026');
  });

  test('--date-format reads the same day', () => {
    process.env.TZ = zone;
    expect(compileDateFormat('MM/dd/yyyy')('11/04/2018')).toBe('2018-11-04');
    expect(compileDateFormat('d MMM yyyy')('1 Jan 2026 00:30')).toBe('2026-01-01');
  });
});
