// Every refusal a user can meet in the domain, word for word with its hint: the one line spm
// prints and the next step it suggests are part of what a command promises.
import { describe, expect, test } from '@jest/globals';
import { failure } from '../helpers/failure.js';
import { parsePeriodKind } from '../../src/domain/period.js';
import { compileDateFormat, isoDateReader } from '../../src/domain/date-format.js';
import { parseDateInput } from '../../src/domain/local-date.js';
import { assertCloseAfterCreated, assertOpen, isCloseOverdue, parseStageList, resolveStage } from '../../src/domain/deal.js';
import { looksLikeEmail } from '../../src/domain/contact-input.js';
import { checkName } from '../../src/domain/record-rules.js';
import { parseReference } from '../../src/domain/reference.js';
import { findSetting } from '../../src/domain/settings.js';
import { closestNames, oneTypoApart } from '../../src/domain/text.js';
import { IMPORT_FIELDS, mapColumns, readDate, readSaleRow } from '../../src/domain/csv-import.js';
import { assertMilestones } from '../../src/domain/goal-pace.js';

const DATE_FORMAT_HINT = 'Use date-fns tokens (yyyy, MM, dd, MMM …) with separators, e.g. MM/dd/yyyy, dd/MM/yyyy, dd.MM.yyyy or d MMM yyyy.';
const STAGES = ['lead', 'qualified', 'proposal', 'negotiation'];


describe('refusals word for word', () => {
  test.each<[string, () => unknown, string, string | undefined]>([
    ['period', () => parsePeriodKind('fortnight'), '--period "fortnight" is not a period', 'Use week, month, quarter or year.'],
    ['period of another flag', () => parsePeriodKind('day', '--every'), '--every "day" is not a period', 'Use week, month, quarter or year.'],
    ['week-numbering tokens', () => compileDateFormat('YYYY-MM-DD'), '--date-format "YYYY-MM-DD": use yyyy and dd (YYYY and DD are week-numbering tokens)', DATE_FORMAT_HINT],
    ['a format without a day', () => compileDateFormat('MM/yyyy'), '--date-format "MM/yyyy" needs a year, a month and a day', 'For example MM/dd/yyyy or dd.MM.yyyy.'],
    ['an empty date', () => parseDateInput(' ', '2026-03-15'), 'date is empty', 'Use YYYY-MM-DD, today, yesterday, tomorrow, +3d, -2w or a weekday like mon.'],
    ['a day not on the calendar', () => parseDateInput('2026-02-30', '2026-03-15', 'due'), 'due 2026-02-30 does not exist on the calendar', undefined],
    ['an ambiguous date', () => parseDateInput('03/04/2026', '2026-03-15'), 'date 03/04/2026 is ambiguous', 'Write dates as YYYY-MM-DD, e.g. 2026-03-04.'],
    ['not a date', () => parseDateInput('someday', '2026-03-15'), 'date "someday" is not a date', 'Use YYYY-MM-DD, today, yesterday, tomorrow, +3d, -2w, +1m or a weekday like mon.'],
    ['no stages', () => parseStageList(' , '), 'deal-stages is empty', 'Give stages in order, e.g. lead,qualified,proposal,negotiation.'],
    ['a stage with a space', () => parseStageList('lead,pro posal'), 'stage "pro posal" is not a stage name', 'Stage names are letters, digits and dashes (at most 30), separated by commas.'],
    ['a status as a stage', () => parseStageList('lead,won'), 'stage "won" is a deal status, not a stage', 'A deal is won or lost with spm deal won/lost.'],
    ['a stage twice', () => parseStageList('lead,Lead'), 'stage "lead" is listed twice', undefined],
    ['moving a deal to won', () => resolveStage('won', STAGES), 'unknown stage "won"', 'Stages: lead, qualified, proposal, negotiation (spm config set deal-stages …). To close a deal: spm deal won <deal>.'],
    ['an unknown stage', () => resolveStage('demo', STAGES), 'unknown stage "demo"', 'Stages: lead, qualified, proposal, negotiation (spm config set deal-stages …).'],
    ['closing before created', () => assertCloseAfterCreated('2026-03-01', '2026-03-02'), 'close date 2026-03-01 is before the deal was created (2026-03-02)', 'Give a close date on or after the created date.'],
    ['a closed deal', () => assertOpen({ id: 7, status: 'lost' }, 'moved'), 'deal #7 is lost: it cannot be moved', 'Reopen it first: spm deal reopen 7'],
    ['a milestone after the timeline', () => assertMilestones([{ date: '2026-04-01', value: 1 }], { from: '2026-01-01', to: '2026-03-31' }), 'milestone 2026-04-01 is outside the timeline 2026-01-01..2026-03-31', undefined],
    ['a milestone before the timeline', () => assertMilestones([{ date: '2025-12-31', value: 1 }], { from: '2026-01-01', to: '2026-03-31' }), 'milestone 2025-12-31 is outside the timeline 2026-01-01..2026-03-31', undefined],
    ['two milestones a day', () => assertMilestones([{ date: '2026-02-01', value: 1 }, { date: '2026-02-01', value: 2 }], { from: '2026-01-01', to: '2026-03-31' }), 'two milestones on 2026-02-01', undefined],
  ])('%s', (_, run, message, hint) => expect(failure(run)).toEqual({ message, hint }));

  test('a format date-fns cannot read says so, with its reason', () => {
    const { message, hint } = failure(() => compileDateFormat('yyyy-MM-dd j'));
    expect(message.startsWith('--date-format "yyyy-MM-dd j" is not understood: ')).toBe(true);
    expect(message.length).toBeGreaterThan('--date-format "yyyy-MM-dd j" is not understood: '.length);
    expect(hint).toBe(DATE_FORMAT_HINT);
  });

  test('the first and last day of the timeline hold milestones', () => {
    expect(() => assertMilestones([{ date: '2026-01-01', value: 1 }, { date: '2026-03-31', value: 2 }], { from: '2026-01-01', to: '2026-03-31' })).not.toThrow();
    expect(() => assertOpen({ id: 7, status: 'open' }, 'moved')).not.toThrow();
    expect(() => assertCloseAfterCreated('2026-03-02', '2026-03-02')).not.toThrow();
    expect(() => assertCloseAfterCreated(null, '2026-03-02')).not.toThrow();
  });
});

describe('edges found by mutation testing', () => {
  test('an email has nothing after its domain', () => {
    expect(looksLikeEmail('a@b.co x')).toBe(false);
    expect(looksLikeEmail('a@b.co')).toBe(true);
  });

  test('a name that starts with digits is a name', () => {
    expect(checkName('42 Street', 'customer')).toBe('42 Street');
    expect(parseReference('12x')).toEqual({ kind: 'name', key: '12x', text: '12x' });
    expect(parseReference('x12')).toEqual({ kind: 'name', key: 'x12', text: 'x12' });
    expect(failure(() => parseReference(' '))).toEqual({ message: 'customer is empty', hint: undefined });
  });

  test('stages: every status is refused as a stage; exact names before prefixes; typed with spaces', () => {
    for (const status of ['won', 'lost', 'open', 'all']) {
      expect(failure(() => parseStageList(`lead,${status}`))).toEqual({ message: `stage "${status}" is a deal status, not a stage`, hint: 'A deal is won or lost with spm deal won/lost.' });
    }
    expect(resolveStage('pro', ['pro', 'proposal'])).toBe('pro');
    expect(resolveStage(' neg ', STAGES)).toBe('negotiation');
    expect(failure(() => resolveStage('lost', STAGES)).hint).toBe('Stages: lead, qualified, proposal, negotiation (spm config set deal-stages …). To close a deal: spm deal lost <deal>.');
    expect(isCloseOverdue({ status: 'won', expectedCloseDate: '2026-03-01' }, '2026-03-10')).toBe(false);
    expect(isCloseOverdue({ status: 'open', expectedCloseDate: '2026-03-01' }, '2026-03-10')).toBe(true);
  });

  test('settings: a weekday needs three letters before trimming counts; a % sign only at the end', () => {
    expect(failure(() => findSetting('week-start').parse(' mo')).message).toBe('week-start " mo" is not a weekday');
    expect(failure(() => findSetting('deal-probability-lead').parse('5%0')).message).toBe('deal-probability-lead "5%0" is not a whole number from 0 to 100 %');
  });

  test('one typo: at the first letter too; a swap only of two neighbours that trade places', () => {
    expect(oneTypoApart('xemo', 'demo')).toBe(true);
    expect(oneTypoApart('abcd', 'dbca')).toBe(false);
    expect(oneTypoApart('ab', 'bc')).toBe(false);
    expect(oneTypoApart('ab', 'ca')).toBe(false);
    // 6 letters allow 2 edits, counted against the name's first 8 letters.
    expect(closestNames('abxdef', ['abcdef'])).toEqual(['abcdef']);
  });

  test('CSV: a byte-order mark only at the start, headers trimmed in the unused list, dates and quantities exactly', () => {
    expect(() => mapColumns('sales', ['Da\uFEFFte', 'customer', 'amount'], new Map())).toThrow('sales import needs a date column');
    expect(mapColumns('sales', ['date', 'customer', 'amount', ' Colour '], new Map()).unused).toEqual(['Colour']);
    expect(failure(() => readDate('x2026-02-30', isoDateReader, false)).message).toBe('date "x2026-02-30" is not YYYY-MM-DD (give --date-format, e.g. MM/dd/yyyy)');
    const sale = (quantity: string) => readSaleRow(IMPORT_FIELDS.sales.fields.map((f) => ({ date: '2026-03-04', customer: 'Acme', amount: '5', quantity }[f] ?? '')), isoDateReader, false);
    expect(sale('1').quantity).toBe(1);
    expect(sale('12').quantity).toBe(12);
  });
});
