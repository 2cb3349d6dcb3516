// CSV import, the pure part: which fields each kind of record has, how file headers map onto
// them (by name in any case, or --map FIELD=Header), and how one row's cells become a record
// or a reason to reject it. No I/O: the command streams the file and the store writes.
import { checkCadenceDays, checkName } from './record-rules.js';
import { unguardCell } from './csv-guard.js';
import { InputError } from './errors.js';
import { looksLikeEmail } from './contact-input.js';
import { DATE_RANGE_TEXT, isInDateRange, type LocalDate } from './local-date.js';
import type { DateReader } from './date-format.js';
import { parseAmount } from './money.js';
import { CHECKIN_CHANNELS, type CheckinChannel, type Sale, type SaleOutcome } from './records.js';
import { resolveStage, type DealStatus } from './deal.js';
import { withArticle } from './text.js';

export const IMPORT_ENTITIES = ['sales', 'customers', 'checkins', 'deals'] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

const CUSTOMER_DETAILS = ['segment', 'company', 'email', 'phone'] as const;

export const IMPORT_FIELDS: Record<ImportEntity, { fields: readonly string[]; required: readonly string[] }> = {
  sales: {
    fields: ['date', 'customer', 'amount', 'outcome', 'reason', 'technique', 'product', 'quantity', 'note', 'external-id', ...CUSTOMER_DETAILS],
    required: ['date', 'customer', 'amount'],
  },
  customers: {
    fields: ['customer', ...CUSTOMER_DETAILS, 'tags', 'notes', 'cadence-days'],
    required: ['customer'],
  },
  checkins: {
    fields: ['date', 'customer', 'channel', 'satisfaction', 'note', 'external-id', ...CUSTOMER_DETAILS],
    required: ['date', 'customer'],
  },
  // closed-date is the won or lost day when one column holds both; stage-date (spm's own export)
  // is the day the deal entered its stage, its created date when absent.
  deals: {
    fields: ['title', 'customer', 'value', 'stage', 'expected-close', 'status', 'created-date', 'stage-date', 'won-date', 'lost-date', 'closed-date', 'lost-reason',
      'product', 'technique', 'note', 'external-id'],
    required: ['customer', 'value'],
  },
};

/** Header spellings that also map themselves (after lower-casing and trimming). */
const ALIASES: Record<string, string> = { name: 'customer', 'external id': 'external-id', external_id: 'external-id', externalid: 'external-id', qty: 'quantity', notes: 'note' };

export function parseImportEntity(text: string): ImportEntity {
  const value = text.trim().toLowerCase();
  if (!(IMPORT_ENTITIES as readonly string[]).includes(value)) {
    throw new InputError(`cannot import ${JSON.stringify(text)}`, 'Import sales, customers, checkins, deals (CSV) or json (a full export).');
  }
  return value as ImportEntity;
}

/** `--map FIELD=Header` values, checked against the entity's fields before the file is read. */
export function parseMapOptions(entity: ImportEntity, values: readonly string[]): Map<string, string> {
  const maps = new Map<string, string>();
  const known = IMPORT_FIELDS[entity].fields;
  for (const value of values) {
    const at = value.indexOf('=');
    const field = (at > 0 ? value.slice(0, at) : '').trim().toLowerCase();
    const header = at > 0 ? value.slice(at + 1).trim() : '';
    if (field === '' || header === '') throw new InputError(`--map ${JSON.stringify(value)} is not FIELD=Header`, 'For example --map date="Order Date" --map amount=Total.');
    if (!known.includes(field)) {
      throw new InputError(`--map ${JSON.stringify(value)}: ${entity} have no field ${JSON.stringify(field)}`, `Fields: ${known.join(', ')}.`);
    }
    maps.set(field, header);
  }
  return maps;
}

/** For each field of the entity, its column index in the file, or -1 when not in the file. */
export interface ColumnMapping {
  entity: ImportEntity;
  /** fields in IMPORT_FIELDS order */
  fields: readonly string[];
  columns: number[];
  /** Headers no field maps to (ignored, told to the user). */
  unused: string[];
}

const normalizeHeader = (header: string) => header.replace(/^\uFEFF/, '').trim().toLowerCase();

export function mapColumns(entity: ImportEntity, headers: readonly string[], maps: Map<string, string>): ColumnMapping {
  const { fields, required } = IMPORT_FIELDS[entity];
  const normalized = headers.map(normalizeHeader);
  const listed = headers.map((h) => JSON.stringify(h.trim())).join(', ');
  const columns = fields.map((field) => {
    const mapped = maps.get(field);
    if (mapped !== undefined) {
      const index = normalized.indexOf(mapped.toLowerCase());
      if (index < 0) throw new InputError(`--map ${field}=${mapped}: the file has no column ${JSON.stringify(mapped)}`, `Its columns: ${listed}.`);
      return index;
    }
    const byName = normalized.findIndex((h) => h === field || ALIASES[h] === field || h.replace(/[ _]/g, '-') === field);
    // A header taken by an explicit --map does not also map itself to another field.
    return byName >= 0 && ![...maps.values()].some((m) => m.toLowerCase() === normalized[byName]) ? byName : -1;
  });
  const missing = required.filter((field) => columns[fields.indexOf(field)] < 0);
  if (missing.length > 0) {
    throw new InputError(`${entity} import needs ${missing.map((f) => `${withArticle(f)} column`).join(' and ')}; the file has ${listed}`,
      `Name the column with --map, e.g. --map ${missing[0]}=${JSON.stringify(headers[0]?.trim() ?? 'Header')}.`);
  }
  const used = new Set(columns);
  const unused = headers.filter((h, i) => !used.has(i) && h.trim() !== '').map((h) => h.trim());
  return { entity, fields, columns, unused };
}

/** The mapped cell of a field: trimmed, '' when the column is absent or the cell is empty. */
export function cellOf(cells: readonly string[], column: number): string {
  if (column < 0) return '';
  const value = cells[column];
  return value === undefined ? '' : unguardCell(value.trim());
}

export interface CustomerDetails {
  name: string;
  segment: string | null;
  company: string | null;
  email: string | null;
  phone: string | null;
}

/** A sale read from a CSV row: the sale's fields plus the details of its customer, by name. */
export type ImportedSale = CustomerDetails & Omit<Sale, 'id' | 'customer'>;

export interface ImportedCheckin extends CustomerDetails {
  date: string;
  channel: CheckinChannel;
  satisfaction: number | null;
  note: string | null;
  externalId: string | null;
}

export interface ImportedCustomer extends CustomerDetails {
  tags: string[];
  notes: string | null;
  /** Stay-in-touch cadence from a cadence-days column; undefined when the cell is empty (the default applies). */
  cadenceDays?: number;
}

/** Why a row cannot be imported: one short sentence naming the field and the value. */
export class RowError extends Error {}

const orNull = (text: string) => (text === '' ? null : text);

/**
 * The email column of a customers import, checked as `customer add --email` checks it. (In sales
 * and check-ins it only fills in a customer the import creates: a junk one there rejects nothing.)
 */
function readEmail(text: string): string | null {
  if (text !== '' && !looksLikeEmail(text)) throw new RowError(`email ${JSON.stringify(text)} does not look like an address`);
  return orNull(text);
}

export function readCustomerName(text: string): string {
  try {
    return checkName(text, 'customer');
  } catch (error) {
    throw new RowError((error as Error).message);
  }
}

export function readDate(text: string, reader: DateReader, hasFormat: boolean): string {
  if (text === '') throw new RowError('date is empty');
  const date = reader(text);
  if (date === null) {
    if (!hasFormat && /^\d{4}-\d{2}-\d{2}(?:[ T].*)?$/.test(text)) {
      if (!isInDateRange(text.slice(0, 10))) throw new RowError(`date ${JSON.stringify(text)} is outside the dates spm keeps (${DATE_RANGE_TEXT})`);
      throw new RowError(`date ${JSON.stringify(text)} is not on the calendar`);
    }
    throw new RowError(hasFormat ? `date ${JSON.stringify(text)} does not match --date-format, is not on the calendar or is outside ${DATE_RANGE_TEXT}`
      : `date ${JSON.stringify(text)} is not YYYY-MM-DD (give --date-format, e.g. MM/dd/yyyy)`);
  }
  return date;
}

/** The row's cells by field, read by a ColumnMapping; index i matches mapping.fields[i]. */
export type FieldCells = string[];

export function fieldCells(mapping: ColumnMapping, cells: readonly string[]): FieldCells {
  const out = new Array<string>(mapping.columns.length);
  for (let i = 0; i < mapping.columns.length; i++) out[i] = cellOf(cells, mapping.columns[i]);
  return out;
}


/** Field positions per entity, fixed by IMPORT_FIELDS order. */
const S = Object.fromEntries(IMPORT_FIELDS.sales.fields.map((f, i) => [f, i])) as Record<string, number>;
const C = Object.fromEntries(IMPORT_FIELDS.checkins.fields.map((f, i) => [f, i])) as Record<string, number>;
const K = Object.fromEntries(IMPORT_FIELDS.customers.fields.map((f, i) => [f, i])) as Record<string, number>;
const D = Object.fromEntries(IMPORT_FIELDS.deals.fields.map((f, i) => [f, i])) as Record<string, number>;

export function readSaleRow(values: FieldCells, reader: DateReader, hasFormat: boolean): ImportedSale {
  const date = readDate(values[S.date], reader, hasFormat);
  const name = readCustomerName(values[S.customer]);
  let amountCents: number;
  try {
    amountCents = parseAmount(values[S.amount]);
  } catch (error) {
    throw new RowError((error as Error).message);
  }
  const outcomeText = values[S.outcome].toLowerCase();
  let outcome: SaleOutcome;
  if (outcomeText === '' || outcomeText === 'won' || outcomeText === 'win') outcome = 'won';
  else if (outcomeText === 'lost' || outcomeText === 'loss') outcome = 'lost';
  else throw new RowError(`outcome ${JSON.stringify(values[S.outcome])} is not won or lost`);
  const reason = orNull(values[S.reason]);
  if (reason !== null && outcome === 'won') throw new RowError('reason is only for lost sales');
  const quantityText = values[S.quantity];
  let quantity: number | null = null;
  if (quantityText !== '') {
    quantity = /^\d+$/.test(quantityText) ? Number(quantityText) : NaN;
    if (!Number.isSafeInteger(quantity) || quantity < 1) throw new RowError(`quantity ${JSON.stringify(quantityText)} is not a whole number of at least 1`);
  }
  return {
    name, segment: orNull(values[S.segment]), company: orNull(values[S.company]), email: orNull(values[S.email]), phone: orNull(values[S.phone]),
    date, amountCents, outcome, reason,
    technique: orNull(values[S.technique]), product: orNull(values[S.product]), quantity,
    note: orNull(values[S.note]), externalId: orNull(values[S['external-id']]),
  };
}

/** A check-in row; its date may not be after `today`: a check-in is a touch that already happened. */
export function readCheckinRow(values: FieldCells, reader: DateReader, hasFormat: boolean, today: LocalDate): ImportedCheckin {
  const date = readDate(values[C.date], reader, hasFormat);
  if (date > today) throw new RowError(`check-in date ${date} is in the future`);
  const name = readCustomerName(values[C.customer]);
  const channelText = values[C.channel].toLowerCase();
  const channel = (channelText === '' ? 'other' : channelText) as CheckinChannel;
  if (!CHECKIN_CHANNELS.includes(channel)) throw new RowError(`channel ${JSON.stringify(values[C.channel])} is not one of ${CHECKIN_CHANNELS.join(', ')}`);
  const satisfactionText = values[C.satisfaction];
  let satisfaction: number | null = null;
  if (satisfactionText !== '') {
    if (!/^[1-5]$/.test(satisfactionText)) throw new RowError(`satisfaction ${JSON.stringify(satisfactionText)} is not 1–5`);
    satisfaction = Number(satisfactionText);
  }
  return {
    name, segment: orNull(values[C.segment]), company: orNull(values[C.company]), email: orNull(values[C.email]), phone: orNull(values[C.phone]),
    date, channel, satisfaction, note: orNull(values[C.note]), externalId: orNull(values[C['external-id']]),
  };
}

export function readCustomerRow(values: FieldCells): ImportedCustomer {
  const name = readCustomerName(values[K.customer]);
  const tags: string[] = [];
  for (const tag of values[K.tags].split(/[,;|]/).map((t) => t.trim()).filter(Boolean)) {
    if (!tags.some((t) => t.toLowerCase() === tag.toLowerCase())) tags.push(tag);
  }
  return {
    name, segment: orNull(values[K.segment]), company: orNull(values[K.company]), email: readEmail(values[K.email]), phone: orNull(values[K.phone]),
    tags, notes: orNull(values[K.notes]), cadenceDays: readCadenceDays(values[K['cadence-days']]),
  };
}

/** A cadence-days cell, as spm's customers export writes it: whole days, 1 to 3650, or empty. */
function readCadenceDays(text: string): number | undefined {
  if (text === '') return undefined;
  const days = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  try {
    return checkCadenceDays(days, 'cadence-days');
  } catch {
    throw new RowError(`cadence-days ${JSON.stringify(text)} is not a number of days from 1 to 3650`);
  }
}

/** A deal read from a CSV row; a closed one also becomes its won or lost sale (amount: the value). */
export interface ImportedDeal {
  name: string;
  title: string;
  valueCents: number;
  stage: string;
  status: DealStatus;
  expectedCloseDate: LocalDate | null;
  createdDate: LocalDate;
  /** The day it entered `stage`: its only stage-history entry. */
  stageDate: LocalDate;
  closedDate: LocalDate | null;
  lostReason: string | null;
  product: string | null;
  technique: string | null;
  note: string | null;
  externalId: string | null;
}

/** An optional date cell: null when empty. */
function readOptionalDate(values: FieldCells, field: string, reader: DateReader, hasFormat: boolean): LocalDate | null {
  const text = values[D[field]];
  if (text === '') return null;
  try {
    return readDate(text, reader, hasFormat);
  } catch (error) {
    // readDate names the field "date"; a deal row has several.
    throw new RowError((error as Error).message.replace(/^date /, `${field} `));
  }
}

/** `Proposal Made` → `proposal-made`: stage names as spm writes them (lower case, dashes). */
function stageKey(text: string): string {
  return text.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

/**
 * A deal row. The status is the status column (open, won, lost in any case), else won or lost
 * from which close date is filled, else open. A closed deal needs its close day (won-date or
 * lost-date, else closed-date). Without a created date the deal was created on the import day,
 * or on its close day when that is earlier (a deal cannot close before it opens). An empty
 * stage is the first stage. Stages match by name or unique prefix, spaces read as dashes.
 */
export function readDealRow(values: FieldCells, reader: DateReader, hasFormat: boolean, stages: readonly string[], today: LocalDate): ImportedDeal {
  const name = readCustomerName(values[D.customer]);
  let valueCents: number;
  try {
    valueCents = parseAmount(values[D.value], { field: 'value' });
  } catch (error) {
    throw new RowError((error as Error).message);
  }
  const stageText = values[D.stage];
  let stage: string;
  try {
    stage = stageText === '' ? stages[0] : resolveStage(stageKey(stageText), stages);
  } catch {
    throw new RowError(`stage ${JSON.stringify(stageText)} is not one of ${stages.join(', ')}`);
  }
  const wonDate = readOptionalDate(values, 'won-date', reader, hasFormat);
  const lostDate = readOptionalDate(values, 'lost-date', reader, hasFormat);
  const eitherDate = readOptionalDate(values, 'closed-date', reader, hasFormat);
  const statusText = values[D.status].toLowerCase();
  let status: DealStatus;
  if (statusText === 'open' || statusText === 'won' || statusText === 'lost') status = statusText;
  else if (statusText !== '') throw new RowError(`status ${JSON.stringify(values[D.status])} is not open, won or lost`);
  else if (wonDate !== null && lostDate !== null) throw new RowError('both won-date and lost-date are filled: give a status');
  else if (wonDate !== null) status = 'won';
  else if (lostDate !== null) status = 'lost';
  else if (eitherDate !== null) throw new RowError(`closed-date ${eitherDate} needs a status, won or lost`);
  else status = 'open';
  let closedDate: LocalDate | null = null;
  if (status === 'open') {
    const stray = wonDate !== null ? 'won-date' : lostDate !== null ? 'lost-date' : eitherDate !== null ? 'closed-date' : null;
    if (stray) throw new RowError(`an open deal has no ${stray}`);
  } else {
    const other = status === 'won' ? lostDate : wonDate;
    if (other !== null) throw new RowError(`a ${status} deal has no ${status === 'won' ? 'lost-date' : 'won-date'}`);
    closedDate = (status === 'won' ? wonDate : lostDate) ?? eitherDate;
    if (closedDate === null) throw new RowError(`a ${status} deal needs its ${status}-date (or closed-date)`);
  }
  const givenCreated = readOptionalDate(values, 'created-date', reader, hasFormat);
  const createdDate = givenCreated ?? (closedDate !== null && closedDate < today ? closedDate : today);
  if (closedDate !== null && closedDate < createdDate) throw new RowError(`${status} date ${closedDate} is before the deal was created (${createdDate})`);
  const stageDate = readOptionalDate(values, 'stage-date', reader, hasFormat) ?? createdDate;
  if (stageDate < createdDate) throw new RowError(`stage-date ${stageDate} is before the deal was created (${createdDate})`);
  if (closedDate !== null && closedDate < stageDate) throw new RowError(`${status} date ${closedDate} is before the deal entered its stage (${stageDate})`);
  const expectedCloseDate = readOptionalDate(values, 'expected-close', reader, hasFormat);
  if (expectedCloseDate !== null && expectedCloseDate < createdDate) {
    throw new RowError(`expected-close ${expectedCloseDate} is before the deal was created (${createdDate})`);
  }
  const lostReason = orNull(values[D['lost-reason']]);
  if (lostReason !== null && status !== 'lost') throw new RowError(`lost-reason is only for lost deals (this one is ${status})`);
  const product = orNull(values[D.product]);
  return {
    name, title: orNull(values[D.title]) ?? product ?? `${name} deal`, valueCents, stage, status, expectedCloseDate, createdDate, stageDate, closedDate,
    lostReason, product, technique: orNull(values[D.technique]), note: orNull(values[D.note]), externalId: orNull(values[D['external-id']]),
  };
}

/** The text hashed for a row without an external id: every mapped field, in field order. */
export function rowIdentity(entity: ImportEntity, values: FieldCells): string {
  return `${entity}\u001f${values.join('\u001f')}`;
}

/** Picks the delimiter from the header line: the most frequent of `,` `;` tab outside quotes. */
export function sniffDelimiter(firstLine: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  return Object.entries(counts).sort((a, b) => b[1] - a[1])[0][1] > 0 ? Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0] : ',';
}

export function parseDelimiter(text: string): string {
  if (text === '\\t' || text.toLowerCase() === 'tab') return '\t';
  if (text.length !== 1 || /[\r\n"]/.test(text)) throw new InputError(`--delimiter ${JSON.stringify(text)} is not one character`, 'For example --delimiter ";" or --delimiter tab.');
  return text;
}
