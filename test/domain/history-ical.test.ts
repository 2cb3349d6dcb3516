import { describe, expect, test } from '@jest/globals';
import { describeGroup, describeTouched, formatCommandLine, type TouchedGroup } from '../../src/domain/history.js';
import { buildCalendar, escapeText, foldLine } from '../../src/domain/ical.js';

const group = (table: string, op: TouchedGroup['op'], count: number, keys: (number | string)[]): TouchedGroup => ({ table, op, count, keys });

describe('what a change touched, in words', () => {
  test.each([
    [group('sales', 'insert', 1, [52]), 'sale #52 added'],
    [group('followups', 'update', 10, [3, 4, 5, 6]), 'follow-ups #3, #4, #5 and 7 more changed'],
    [group('followups', 'update', 3, [3, 4, 5]), 'follow-ups #3, #4, #5 changed'],
    [group('checkins', 'delete', 2, [8, 9]), 'check-ins #8, #9 deleted'],
    [group('sales', 'range', 1000, [10, 1009]), '1000 sales imported (#10–#1009)'],
    [group('customers', 'range', 1, [10, 10]), 'customer #10 imported'],
    [group('settings', 'delete', 1, ['currency']), 'setting currency deleted'],
    [group('concerns', 'insert', 1, [2]), 'concern #2 added'],
    [group('goals', 'insert', 2, [1, 2]), 'goals #1, #2 added'],
    [group('goal_milestones', 'insert', 1, [4]), 'goal milestone #4 added'],
    [group('goal_logs', 'insert', 2, [1, 2]), 'goal entries #1, #2 added'],
    [group('deals', 'update', 1, [7]), 'deal #7 changed'],
    [group('deal_stage_history', 'insert', 2, [4, 5]), 'deal stage moves #4, #5 added'],
    [group('widgets', 'update', 2, [1, 2]), 'widgets #1, #2 changed'],
    [group('widgets', 'update', 1, [1]), 'widgets #1 changed'],
  ])('%j', (touched, text) => expect(describeGroup(touched)).toBe(text));

  test('a row added and then changed by the same command reads as added', () => {
    expect(describeTouched([])).toBe('nothing');
    expect(describeTouched([group('followups', 'insert', 1, [98]), group('followups', 'update', 1, [98]), group('sales', 'insert', 1, [52])]))
      .toBe('follow-up #98 added; sale #52 added');
  });

  test.each([
    [[group('followups', 'insert', 1, [98]), group('followups', 'update', 1, [97])], 'follow-up #98 added; follow-up #97 changed'],
    [[group('sales', 'insert', 1, [5]), group('followups', 'update', 1, [5])], 'sale #5 added; follow-up #5 changed'],
    [[group('followups', 'insert', 1, [1]), group('followups', 'update', 2, [1, 2])], 'follow-up #1 added; follow-ups #1, #2 changed'],
    [[group('followups', 'insert', 5, [1, 2, 3]), group('followups', 'update', 3, [1, 2, 3])], 'follow-ups #1, #2, #3 and 2 more added; follow-ups #1, #2, #3 changed'],
    [[group('followups', 'insert', 4, [1, 2, 3, 4]), group('followups', 'update', 5, [1, 2, 3, 4])], 'follow-ups #1, #2, #3 and 1 more added; follow-ups #1, #2, #3 and 2 more changed'],
    [[group('followups', 'delete', 1, [1]), group('followups', 'update', 1, [1])], 'follow-up #1 deleted; follow-up #1 changed'],
  ])('other changes are kept: %j', (groups, text) => expect(describeTouched(groups)).toBe(text));

  test.each([
    [['sale', 'add', 'Acme', '12.50'], 'spm sale add Acme 12.50'],
    [['customer', 'add', "O'Brien & Co"], "spm customer add 'O'\\''Brien & Co'"],
    [['--note', 'a b'], "spm --note 'a b'"],
    [['x@y.com', '50%', '+1', 'a=b', 'k:v', '1,2', './f', '#3', '-x', 'a_b'], 'spm x@y.com 50% +1 a=b k:v 1,2 ./f #3 -x a_b'],
    [[''], "spm ''"],
    [['a$b'], "spm 'a$b'"],
  ])('%j is typed as %s', (argv, line) => expect(formatCommandLine(argv)).toBe(line));
});

describe('iCalendar', () => {
  test('text escapes backslash, semicolon, comma and newlines; tabs become spaces; controls go', () => {
    expect(escapeText('a;b,c\\d\ne\r\nf\rg\th\u001b[2Ji\u202e')).toBe('a\\;b\\,c\\\\d\\ne\\nfg hi');
  });

  test.each([
    ['a'.repeat(75), 'a'.repeat(75)],
    ['a'.repeat(76), `${'a'.repeat(75)}\r\n a`],
    ['a'.repeat(149), `${'a'.repeat(75)}\r\n ${'a'.repeat(74)}`],
    ['a'.repeat(150), `${'a'.repeat(75)}\r\n ${'a'.repeat(74)}\r\n a`],
    [`${'a'.repeat(74)}\u007f`, `${'a'.repeat(74)}\u007f`],
    [`${'a'.repeat(74)}\u0080`, `${'a'.repeat(74)}\r\n \u0080`],
    [`${'a'.repeat(73)}\u07ff`, `${'a'.repeat(73)}\u07ff`],
    [`${'a'.repeat(73)}\u0800`, `${'a'.repeat(73)}\r\n \u0800`],
    [`${'a'.repeat(72)}\uffff`, `${'a'.repeat(72)}\uffff`],
    [`${'a'.repeat(72)}\u{10000}`, `${'a'.repeat(72)}\r\n \u{10000}`],
    [`${'a'.repeat(71)}😀`, `${'a'.repeat(71)}😀`],
    ['', ''],
  ])('line %# folds at 75 octets, never inside a character', (line, folded) => expect(foldLine(line)).toBe(folded));

  test('a calendar of all-day events, CRLF, folded', () => {
    const calendar = buildCalendar([
      { uid: 'followup-1@spm', date: '2026-12-31', summary: 'Call Acme, re: renewal', description: 'Bring; quote' },
      { uid: 'followup-2@spm', date: '2026-02-28', summary: 'x'.repeat(70), description: null },
      { uid: 'followup-3@spm', date: '2028-02-28', summary: 'Visit', description: '' },
    ], '2026-12-02T01:02:03.456Z', '-//spm//EN');
    expect(calendar).toBe([
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//spm//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
      'BEGIN:VEVENT', 'UID:followup-1@spm', 'DTSTAMP:20261202T010203Z', 'DTSTART;VALUE=DATE:20261231', 'DTEND;VALUE=DATE:20270101',
      'SUMMARY:Call Acme\\, re: renewal', 'DESCRIPTION:Bring\\; quote', 'TRANSP:TRANSPARENT', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:followup-2@spm', 'DTSTAMP:20261202T010203Z', 'DTSTART;VALUE=DATE:20260228', 'DTEND;VALUE=DATE:20260301',
      `SUMMARY:${'x'.repeat(67)}`, ' xxx', 'TRANSP:TRANSPARENT', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:followup-3@spm', 'DTSTAMP:20261202T010203Z', 'DTSTART;VALUE=DATE:20280228', 'DTEND;VALUE=DATE:20280229',
      'SUMMARY:Visit', 'TRANSP:TRANSPARENT', 'END:VEVENT',
      'END:VCALENDAR', '',
    ].join('\r\n'));
  });

  test('no follow-ups: an empty calendar', () => {
    expect(buildCalendar([], '2026-12-02T00:00:00Z', 'p')).toBe('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:p\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n');
  });
});
