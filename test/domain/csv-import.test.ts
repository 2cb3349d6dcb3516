import { describe, expect, test } from '@jest/globals';
import {
  cellOf, fieldCells, IMPORT_FIELDS, mapColumns, parseDelimiter, parseImportEntity, parseMapOptions, readCheckinRow, readCustomerName,
  readCustomerRow, readDate, readDealRow, readSaleRow, rowIdentity, RowError, sniffDelimiter, type ImportEntity,
} from '../../src/domain/csv-import.js';
import { compileDateFormat, isoDateReader } from '../../src/domain/date-format.js';
import { guardCell, unguardCell } from '../../src/domain/csv-guard.js';

/** What a failing call threw: its class name, message and hint. */
function failure(run: () => unknown): { name: string; message: string; hint?: string } {
  try {
    run();
  } catch (error) {
    return { name: (error as Error).constructor.name, message: (error as Error).message, hint: (error as { hint?: string }).hint };
  }
  throw new Error('expected a failure');
}
const rowFailure = (message: string) => ({ name: 'RowError', message, hint: undefined });

/** The cells of one row by field name, every other field empty. */
function row(entity: ImportEntity, cells: Record<string, string>): string[] {
  return IMPORT_FIELDS[entity].fields.map((field) => cells[field] ?? '');
}

describe('what is imported', () => {
  test.each([['sales', 'sales'], [' Customers ', 'customers'], ['CHECKINS', 'checkins']])('%j imports %s', (text, entity) => {
    expect(parseImportEntity(text)).toBe(entity);
  });

  test('anything else is refused, naming what can be imported', () => {
    expect(failure(() => parseImportEntity('invoices'))).toEqual({
      name: 'InputError', message: 'cannot import "invoices"', hint: 'Import sales, customers, checkins, deals (CSV) or json (a full export).',
    });
  });
});

describe('--map FIELD=Header', () => {
  test('fields in any case, headers as typed, trimmed', () => {
    expect([...parseMapOptions('sales', [' Date = Order Date ', 'amount=Total=Net']).entries()]).toEqual([['date', 'Order Date'], ['amount', 'Total=Net']]);
    expect(parseMapOptions('customers', []).size).toBe(0);
  });

  test.each(['date', '=Order Date', 'date=', ' =x', 'date= '])('%j is not FIELD=Header', (value) => {
    expect(failure(() => parseMapOptions('sales', [value]))).toEqual({
      name: 'InputError', message: `--map ${JSON.stringify(value)} is not FIELD=Header`, hint: 'For example --map date="Order Date" --map amount=Total.',
    });
  });

  test('a field the entity does not have is refused, listing its fields', () => {
    expect(failure(() => parseMapOptions('customers', ['amount=Total']))).toEqual({
      name: 'InputError', message: '--map "amount=Total": customers have no field "amount"',
      hint: 'Fields: customer, segment, company, email, phone, tags, notes, cadence-days.',
    });
  });
});

describe('columns', () => {
  test('headers map by name in any case, by alias and with spaces or underscores for dashes', () => {
    const mapping = mapColumns('sales', ['\uFEFFDate', 'Name', 'AMOUNT', 'Qty', 'External ID', 'Notes', 'Colour', ' '], new Map());
    expect(mapping.entity).toBe('sales');
    expect(mapping.fields).toBe(IMPORT_FIELDS.sales.fields);
    // fields: date customer amount outcome reason technique product quantity note external-id segment company email phone
    expect(mapping.columns).toEqual([0, 1, 2, -1, -1, -1, -1, 3, 5, 4, -1, -1, -1, -1]);
    expect(mapping.unused).toEqual(['Colour']);
  });

  test('external_id and externalid are the external id; a header with underscores matches a dashed field', () => {
    expect(mapColumns('checkins', ['date', 'customer', 'external_id'], new Map()).columns[5]).toBe(2);
    expect(mapColumns('checkins', ['date', 'customer', 'ExternalId'], new Map()).columns[5]).toBe(2);
    expect(mapColumns('customers', ['customer', 'cadence_days'], new Map()).columns[7]).toBe(1);
    expect(mapColumns('customers', ['customer', 'cadence days'], new Map()).columns[7]).toBe(1);
  });

  test('--map wins, and the header it takes does not also map itself', () => {
    const maps = new Map([['customer', 'Company'], ['date', 'when']]);
    const mapping = mapColumns('sales', ['When', 'Company', 'Amount', 'Customer'], maps);
    // fields: date customer amount … company (index 11)
    expect(mapping.columns.slice(0, 3)).toEqual([0, 1, 2]);
    expect(mapping.columns[11]).toBe(-1);
    expect(mapping.unused).toEqual(['Customer']);
  });

  test('a --map header missing from the file is refused, listing the file\'s columns', () => {
    expect(failure(() => mapColumns('sales', ['Date', ' Customer ', 'Amount'], new Map([['amount', 'Total']])))).toEqual({
      name: 'InputError', message: '--map amount=Total: the file has no column "Total"', hint: 'Its columns: "Date", "Customer", "Amount".',
    });
  });

  test('missing required columns are named with their article', () => {
    expect(failure(() => mapColumns('sales', [' Customer ', 'Total'], new Map()))).toEqual({
      name: 'InputError', message: 'sales import needs a date column and an amount column; the file has "Customer", "Total"',
      hint: 'Name the column with --map, e.g. --map date="Customer".',
    });
    expect(failure(() => mapColumns('customers', [], new Map()))).toEqual({
      name: 'InputError', message: 'customers import needs a customer column; the file has ',
      hint: 'Name the column with --map, e.g. --map customer="Header".',
    });
  });

  test('a cell: trimmed, its guard apostrophe dropped, empty when absent', () => {
    expect(cellOf([' a ', "'=SUM(A1)"], 0)).toBe('a');
    expect(cellOf([' a ', "'=SUM(A1)"], 1)).toBe('=SUM(A1)');
    expect(cellOf(['a'], 3)).toBe('');
    expect(cellOf(['a'], -1)).toBe('');
    const mapping = mapColumns('customers', ['Segment', 'Customer'], new Map());
    expect(fieldCells(mapping, [' Retail ', ' Ann '])).toEqual(['Ann', 'Retail', '', '', '', '', '', '']);
  });
});

describe('the spreadsheet guard round trip', () => {
  test.each([
    ['=SUM(A1)', "'=SUM(A1)"], ['+1', "'+1"], ['-2', "'-2"], ['@x', "'@x"], ['\tx', "'\tx"], ['\rx', "'\rx"],
    ["'=x", "''=x"], ["''+y", "'''+y"], ['plain', 'plain'], ["'quoted", "'quoted"], ['', ''], ['a=b', 'a=b'],
  ])('%j is written as %j and read back', (text, written) => {
    expect(guardCell(text)).toBe(written);
    expect(unguardCell(written)).toBe(text);
  });

  test('an apostrophe before anything else is data', () => {
    expect(unguardCell("'quoted")).toBe("'quoted");
    expect(unguardCell("'")).toBe("'");
  });
});

describe('dates', () => {
  test('ISO dates, a time after them ignored', () => {
    expect(readDate('2026-03-04', isoDateReader, false)).toBe('2026-03-04');
    expect(readDate('2026-03-04T10:00:00Z', isoDateReader, false)).toBe('2026-03-04');
    expect(readDate('4/3/2026', compileDateFormat('d/M/yyyy'), true)).toBe('2026-03-04');
  });

  test.each([
    ['', false, 'date is empty'],
    ['2026-02-30', false, 'date "2026-02-30" is not on the calendar'],
    ['2026-02-30 10:00', false, 'date "2026-02-30 10:00" is not on the calendar'],
    ['1899-12-31', false, 'date "1899-12-31" is outside the dates spm keeps (1900-01-01 to 2199-12-31)'],
    ['2200-01-01T00:00', false, 'date "2200-01-01T00:00" is outside the dates spm keeps (1900-01-01 to 2199-12-31)'],
    ['03/04/2026', false, 'date "03/04/2026" is not YYYY-MM-DD (give --date-format, e.g. MM/dd/yyyy)'],
    ['2026-03-04x', false, 'date "2026-03-04x" is not YYYY-MM-DD (give --date-format, e.g. MM/dd/yyyy)'],
    ['2026-02-30', true, 'date "2026-02-30" does not match --date-format, is not on the calendar or is outside 1900-01-01 to 2199-12-31'],
  ])('%j (format given: %s) is refused', (text, hasFormat, message) => {
    const reader = hasFormat ? compileDateFormat('d/M/yyyy') : isoDateReader;
    expect(failure(() => readDate(text, reader, hasFormat))).toEqual(rowFailure(message));
  });
});

describe('a sale row', () => {
  const read = (cells: Record<string, string>) => readSaleRow(row('sales', cells), isoDateReader, false);
  const base = { date: '2026-03-04', customer: ' Acme ', amount: '1,200.50' };

  test('every field', () => {
    expect(read({
      ...base, outcome: 'Loss', reason: 'price', technique: 'demo', product: 'Widget', quantity: '3', note: 'n',
      'external-id': 'X-1', segment: 'retail', company: 'Acme Ltd', email: 'not-an-email', phone: '555',
    })).toEqual({
      name: 'Acme', segment: 'retail', company: 'Acme Ltd', email: 'not-an-email', phone: '555', date: '2026-03-04', amountCents: 120050,
      outcome: 'lost', reason: 'price', technique: 'demo', product: 'Widget', quantity: 3, note: 'n', externalId: 'X-1',
    });
  });

  test('only the required fields: won, the rest empty', () => {
    expect(read(base)).toEqual({
      name: 'Acme', segment: null, company: null, email: null, phone: null, date: '2026-03-04', amountCents: 120050,
      outcome: 'won', reason: null, technique: null, product: null, quantity: null, note: null, externalId: null,
    });
  });

  test.each([['won', 'won'], ['WIN', 'won'], ['lost', 'lost'], ['Lost', 'lost'], ['loss', 'lost']])('outcome %j is %s', (text, outcome) => {
    expect(read({ ...base, outcome: text }).outcome).toBe(outcome);
  });

  test.each([
    [{ customer: '' }, 'customer is empty'],
    [{ customer: '42' }, 'customer "42" would read as an id'],
    [{ amount: 'ten' }, 'amount "ten" is not an amount'],
    [{ amount: '0' }, 'amount must be more than zero'],
    [{ outcome: 'Pending' }, 'outcome "Pending" is not won or lost'],
    [{ reason: 'price' }, 'reason is only for lost sales'],
    [{ quantity: '0' }, 'quantity "0" is not a whole number of at least 1'],
    [{ quantity: '1.5' }, 'quantity "1.5" is not a whole number of at least 1'],
    [{ quantity: '99999999999999999' }, 'quantity "99999999999999999" is not a whole number of at least 1'],
    [{ date: 'soon' }, 'date "soon" is not YYYY-MM-DD (give --date-format, e.g. MM/dd/yyyy)'],
  ])('%j is refused', (cells, message) => expect(failure(() => read({ ...base, ...cells }))).toEqual(rowFailure(message)));

  test('a customer name is checked as customer add checks it', () => {
    expect(readCustomerName('  Ann  ')).toBe('Ann');
    expect(failure(() => readCustomerName('#7'))).toEqual(rowFailure('customer "#7" would read as an id'));
    expect(new RowError('x')).toBeInstanceOf(Error);
  });
});

describe('a check-in row', () => {
  const today = '2026-03-10';
  const read = (cells: Record<string, string>) => readCheckinRow(row('checkins', cells), isoDateReader, false, today);
  const base = { date: '2026-03-10', customer: 'Acme' };

  test('every field; a channel in any case', () => {
    expect(read({ ...base, channel: 'Visit', satisfaction: '5', note: 'n', 'external-id': 'c1', segment: 's', company: 'c', email: 'e', phone: 'p' })).toEqual({
      name: 'Acme', segment: 's', company: 'c', email: 'e', phone: 'p', date: '2026-03-10', channel: 'visit', satisfaction: 5, note: 'n', externalId: 'c1',
    });
  });

  test('only the required fields: channel other, no satisfaction', () => {
    expect(read(base)).toEqual({
      name: 'Acme', segment: null, company: null, email: null, phone: null, date: '2026-03-10', channel: 'other', satisfaction: null, note: null, externalId: null,
    });
    expect(read({ ...base, satisfaction: '1' }).satisfaction).toBe(1);
  });

  test.each([
    [{ date: '2026-03-11' }, 'check-in date 2026-03-11 is in the future'],
    [{ channel: 'Fax' }, 'channel "Fax" is not one of call, email, meeting, visit, message, other'],
    [{ satisfaction: '6' }, 'satisfaction "6" is not 1–5'],
    [{ satisfaction: '0' }, 'satisfaction "0" is not 1–5'],
    [{ satisfaction: '45' }, 'satisfaction "45" is not 1–5'],
    [{ customer: ' ' }, 'customer is empty'],
  ])('%j is refused', (cells, message) => expect(failure(() => read({ ...base, ...cells }))).toEqual(rowFailure(message)));
});

describe('a customer row', () => {
  const read = (cells: Record<string, string>) => readCustomerRow(row('customers', cells));

  test('every field; tags split on , ; | without repeats in any case', () => {
    expect(read({
      customer: 'Acme', segment: 's', company: 'c', email: 'a@b.co', phone: 'p', tags: ' vip; VIP |north,, east ', notes: 'n', 'cadence-days': '30',
    })).toEqual({ name: 'Acme', segment: 's', company: 'c', email: 'a@b.co', phone: 'p', tags: ['vip', 'north', 'east'], notes: 'n', cadenceDays: 30 });
  });

  test('only the name: no tags, no cadence (the default applies)', () => {
    expect(read({ customer: 'Acme' })).toEqual({
      name: 'Acme', segment: null, company: null, email: null, phone: null, tags: [], notes: null, cadenceDays: undefined,
    });
    expect(read({ customer: 'Acme', 'cadence-days': '1' }).cadenceDays).toBe(1);
    expect(read({ customer: 'Acme', 'cadence-days': '3650' }).cadenceDays).toBe(3650);
  });

  test.each([
    [{ email: 'ann at acme' }, 'email "ann at acme" does not look like an address'],
    [{ email: 'ann@acme' }, 'email "ann@acme" does not look like an address'],
    [{ 'cadence-days': '0' }, 'cadence-days "0" is not a number of days from 1 to 3650'],
    [{ 'cadence-days': '3651' }, 'cadence-days "3651" is not a number of days from 1 to 3650'],
    [{ 'cadence-days': '2w' }, 'cadence-days "2w" is not a number of days from 1 to 3650'],
    [{ 'cadence-days': '123456' }, 'cadence-days "123456" is not a number of days from 1 to 3650'],
  ])('%j is refused', (cells, message) => expect(failure(() => read({ customer: 'Acme', ...cells }))).toEqual(rowFailure(message)));
});

describe('a deal row', () => {
  const STAGES = ['lead', 'qualified', 'proposal', 'negotiation'];
  const today = '2026-03-10';
  const read = (cells: Record<string, string>, stages = STAGES) => readDealRow(row('deals', { customer: 'Acme', value: '50', ...cells }), isoDateReader, false, stages, today);
  const open = {
    name: 'Acme', title: 'Acme deal', valueCents: 5000, stage: 'lead', status: 'open', expectedCloseDate: null, createdDate: today, stageDate: today,
    closedDate: null, lostReason: null, product: null, technique: null, note: null, externalId: null,
  };

  test('every field of an open deal; the stage by name in any case', () => {
    expect(read({
      title: 'Renewal', value: '1,000', stage: 'Proposal', 'expected-close': '2026-04-01', status: 'Open', 'created-date': '2026-03-01',
      'stage-date': '2026-03-05', product: 'Widget', technique: 'demo', note: 'n', 'external-id': 'D1',
    })).toEqual({
      name: 'Acme', title: 'Renewal', valueCents: 100000, stage: 'proposal', status: 'open', expectedCloseDate: '2026-04-01', createdDate: '2026-03-01',
      stageDate: '2026-03-05', closedDate: null, lostReason: null, product: 'Widget', technique: 'demo', note: 'n', externalId: 'D1',
    });
  });

  test('only customer and value: an open deal in the first stage, created and staged today, titled after the customer', () => {
    expect(read({})).toEqual(open);
    expect(read({ product: 'Widget' })).toMatchObject({ title: 'Widget', product: 'Widget' });
    expect(read({ 'created-date': '2026-03-01', 'expected-close': '2026-03-01' })).toMatchObject({ createdDate: '2026-03-01', stageDate: '2026-03-01', expectedCloseDate: '2026-03-01' });
  });

  test('stages: a unique prefix, spaces and underscores read as dashes', () => {
    expect(read({ stage: 'neg' }).stage).toBe('negotiation');
    expect(read({ stage: ' Proposal Made ' }, ['lead', 'proposal-made']).stage).toBe('proposal-made');
    expect(read({ stage: 'proposal__made' }, ['lead', 'proposal-made']).stage).toBe('proposal-made');
  });

  test.each([
    [{ 'won-date': '2026-03-05' }, { status: 'won', closedDate: '2026-03-05', createdDate: '2026-03-05', stageDate: '2026-03-05' }],
    [{ 'won-date': '2026-03-12' }, { status: 'won', closedDate: '2026-03-12', createdDate: '2026-03-10', stageDate: '2026-03-10' }],
    [{ 'lost-date': '2026-03-01', 'lost-reason': 'price' }, { status: 'lost', closedDate: '2026-03-01', createdDate: '2026-03-01', lostReason: 'price' }],
    [{ status: 'WON', 'closed-date': '2026-03-02' }, { status: 'won', closedDate: '2026-03-02' }],
    [{ status: 'lost', 'lost-date': '2026-03-03', 'closed-date': '2026-03-04' }, { status: 'lost', closedDate: '2026-03-03' }],
    [{ status: 'won', 'won-date': '2026-03-04', 'created-date': '2026-03-04', 'stage-date': '2026-03-04' }, { status: 'won', closedDate: '2026-03-04' }],
  ])('closed: %j', (cells, expected) => expect(read(cells)).toMatchObject(expected));

  test.each([
    [{ stage: 'closing' }, 'stage "closing" is not one of lead, qualified, proposal, negotiation'],
    [{ value: '0' }, 'value must be more than zero'],
    [{ value: 'x' }, 'value "x" is not an amount'],
    [{ customer: '' }, 'customer is empty'],
    [{ status: 'pending' }, 'status "pending" is not open, won or lost'],
    [{ 'won-date': '2026-03-01', 'lost-date': '2026-03-02' }, 'both won-date and lost-date are filled: give a status'],
    [{ 'closed-date': '2026-03-01' }, 'closed-date 2026-03-01 needs a status, won or lost'],
    [{ status: 'open', 'won-date': '2026-03-01' }, 'an open deal has no won-date'],
    [{ status: 'open', 'lost-date': '2026-03-01' }, 'an open deal has no lost-date'],
    [{ status: 'open', 'closed-date': '2026-03-01' }, 'an open deal has no closed-date'],
    [{ status: 'won', 'won-date': '2026-03-02', 'lost-date': '2026-03-01' }, 'a won deal has no lost-date'],
    [{ status: 'lost', 'won-date': '2026-03-02', 'lost-date': '2026-03-01' }, 'a lost deal has no won-date'],
    [{ status: 'won' }, 'a won deal needs its won-date (or closed-date)'],
    [{ status: 'lost' }, 'a lost deal needs its lost-date (or closed-date)'],
    [{ 'won-date': '2026-03-01', 'created-date': '2026-03-05' }, 'won date 2026-03-01 is before the deal was created (2026-03-05)'],
    [{ 'created-date': '2026-03-05', 'stage-date': '2026-03-04' }, 'stage-date 2026-03-04 is before the deal was created (2026-03-05)'],
    [{ 'created-date': '2026-03-01', 'stage-date': '2026-03-05', 'lost-date': '2026-03-03' }, 'lost date 2026-03-03 is before the deal entered its stage (2026-03-05)'],
    [{ 'created-date': '2026-03-05', 'expected-close': '2026-03-04' }, 'expected-close 2026-03-04 is before the deal was created (2026-03-05)'],
    [{ 'lost-reason': 'price' }, 'lost-reason is only for lost deals (this one is open)'],
    [{ 'won-date': '2026-03-01', 'lost-reason': 'price' }, 'lost-reason is only for lost deals (this one is won)'],
    [{ 'won-date': '2026-02-30' }, 'won-date "2026-02-30" is not on the calendar'],
    [{ 'created-date': 'soon' }, 'created-date "soon" is not YYYY-MM-DD (give --date-format, e.g. MM/dd/yyyy)'],
  ])('%j is refused', (cells, message) => expect(failure(() => read(cells))).toEqual(rowFailure(message)));
});

describe('rows, delimiters', () => {
  test('a row without an external id is known by its entity and every mapped field', () => {
    expect(rowIdentity('sales', ['2026-03-04', 'Acme', '12'])).toBe('sales\u001f2026-03-04\u001fAcme\u001f12');
    expect(rowIdentity('customers', [])).toBe('customers\u001f');
  });

  test.each([
    ['date,customer,amount', ','],
    ['date;customer;amount', ';'],
    ['date\tcustomer\tamount', '\t'],
    ['"a;b;c",x,y', ','],
    ['"a,b,c";x;y', ';'],
    ['date;customer,amount;x', ';'],
    ['date', ','],
  ])('the header %j is split on %j', (line, delimiter) => expect(sniffDelimiter(line)).toBe(delimiter));

  test.each([['\\t', '\t'], ['TAB', '\t'], [';', ';'], ['|', '|']])('--delimiter %j is %j', (text, delimiter) => expect(parseDelimiter(text)).toBe(delimiter));

  test.each(['', ';;', '"', '\n', '\r'])('--delimiter %j is refused', (text) => {
    expect(failure(() => parseDelimiter(text))).toEqual({
      name: 'InputError', message: `--delimiter ${JSON.stringify(text)} is not one character`, hint: 'For example --delimiter ";" or --delimiter tab.',
    });
  });
});
