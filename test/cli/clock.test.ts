// The real clock's "today" in the process's time zone (Date's local getters) against the
// definition: Intl's calendar day of the instant in that zone. The process zone is fixed when a
// process starts (Jest's process.env is not the process's), so each zone runs in a child
// process given processZoneDay's own code.
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { calendarDayOf, processZoneDay } from '../../src/cli/clock.js';
import { localDateOf } from '../../src/domain/local-date.js';

const ZONES = [
  'UTC', 'America/Los_Angeles', 'America/St_Johns', 'Europe/London', 'Europe/Berlin', 'Asia/Kolkata',
  'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Auckland', 'Pacific/Chatham', 'Pacific/Kiritimati', 'Pacific/Pago_Pago',
];

/**
 * Runs in a child with TZ set: every quarter hour of 2026 (each zone's DST switches and
 * midnights), a seeded spread over 1900-2199 and instants either side of 1900 and 9999; prints
 * the instants where processZoneDay differs from Intl's day in the process zone (with no zone
 * given, and with it named), and the values of the hand-checked instants.
 */
function childScript(zoneDay: string, zone: string, probes: string[]): string {
  return `
const processZoneDay = (${zoneDay});
const named = new Intl.DateTimeFormat('en-CA', { timeZone: ${JSON.stringify(zone)}, year: 'numeric', month: '2-digit', day: '2-digit' });
const unnamed = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });
const instants = [];
for (let t = Date.UTC(2025, 11, 31); t < Date.UTC(2027, 0, 2); t += 900000) instants.push(new Date(t));
let seed = 20261202;
const from = Date.UTC(1900, 0, 1), to = Date.UTC(2199, 11, 31);
for (let i = 0; i < 20000; i++) { seed = (seed * 1103515245 + 12345) % 2147483648; instants.push(new Date(from + Math.floor((seed / 2147483648) * (to - from)))); }
const edges = [Date.UTC(1899, 11, 31, 12), Date.UTC(1900, 0, 1, 0, 1), Date.UTC(1900, 0, 1, 13), Date.UTC(9999, 11, 31, 12), Date.UTC(10000, 0, 1, 12)].map((t) => new Date(t));
const differing = instants.filter((d) => processZoneDay(d) !== named.format(d) || processZoneDay(d) !== unnamed.format(d)).map((d) => d.toISOString());
const outside = edges.filter((d) => processZoneDay(d) !== undefined && processZoneDay(d) !== named.format(d)).map((d) => d.toISOString());
const answers = edges.map((d) => processZoneDay(d) ?? null);
// Left to Intl exactly when the zone's year is not 1900-9999.
const leftToIntl = edges.filter((d) => (processZoneDay(d) === undefined) !== !/^(19\\d\\d|[2-9]\\d{3})-/.test(named.format(d))).map((d) => d.toISOString());
const probes = ${JSON.stringify(probes)}.map((iso) => processZoneDay(new Date(iso)));
console.log(JSON.stringify({ zone: Intl.DateTimeFormat().resolvedOptions().timeZone, asked: named.resolvedOptions().timeZone, checked: instants.length, differing, outside, leftToIntl, answers, probes }));
`;
}

function inZone(zone: string, probes: string[] = []) {
  const run = spawnSync(process.execPath, ['-e', childScript(processZoneDay.toString(), zone, probes)], { env: { ...process.env, TZ: zone }, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as { zone: string; asked: string; checked: number; differing: string[]; outside: string[]; leftToIntl: string[]; answers: (string | null)[]; probes: (string | undefined)[] };
}

describe('the real clock\'s today (the process time zone)', () => {
  test.each(ZONES)('equals Intl\'s calendar day in %s at every quarter hour of 2026 and across 1900-2199', (zone) => {
    const result = inZone(zone);
    // The child's own zone is the one asked for (under ICU's canonical name: Asia/Calcutta).
    expect(result.zone).toBe(result.asked);
    expect(result.checked).toBeGreaterThan(55_000);
    expect(result.differing).toEqual([]);
    expect(result.outside).toEqual([]);
    expect(result.leftToIntl).toEqual([]);
    if (zone === 'UTC') expect(result.answers).toEqual([null, '1900-01-01', '1900-01-01', '9999-12-31', null]);
  });

  test.each([
    ['America/Los_Angeles', '2026-03-15T05:00:00Z', '2026-03-14'], // UTC-7 since Mar 8: 22:00 the day before
    ['America/Los_Angeles', '2026-01-15T07:59:00Z', '2026-01-14'], // UTC-8 in winter: 23:59
    ['America/Los_Angeles', '2026-01-15T08:00:00Z', '2026-01-15'],
    ['Asia/Kolkata', '2026-01-01T18:29:59Z', '2026-01-01'], // UTC+5:30: 23:59:59
    ['Asia/Kolkata', '2026-01-01T18:30:00Z', '2026-01-02'],
    ['Pacific/Kiritimati', '2026-03-15T10:00:00Z', '2026-03-16'], // UTC+14: midnight
    ['Pacific/Pago_Pago', '2026-03-15T10:59:00Z', '2026-03-14'], // UTC-11: 23:59
    ['UTC', '2026-12-31T23:59:59Z', '2026-12-31'],
  ])('%s: %s is %s', (zone, iso, day) => {
    expect(inZone(zone, [iso]).probes).toEqual([day]);
  });

  test('in this process too, and a named zone is Intl\'s answer there', () => {
    const instant = new Date('2026-03-15T05:00:00Z');
    expect(calendarDayOf(instant)).toBe(localDateOf(instant));
    expect(calendarDayOf(instant, 'America/Los_Angeles')).toBe('2026-03-14');
    expect(calendarDayOf(instant, 'Pacific/Kiritimati')).toBe('2026-03-15');
  });

  test('an invalid instant is refused as Intl refuses it', () => {
    expect(processZoneDay(new Date(Number.NaN))).toBeUndefined();
    expect(() => calendarDayOf(new Date(Number.NaN))).toThrow(RangeError);
  });
});
