// What `import json` accepts: every field of every record checked by the rules the commands
// that create the record use (domain/record-rules.ts and friends), before any file is touched.
import { InputError } from '../../domain/errors.js';
import { checkAmountCents, checkCadenceDays, checkName, checkStoredDate, checkTags } from '../../domain/record-rules.js';
import { looksLikeEmail } from '../../domain/contact-input.js';
import { CHECKIN_CHANNELS, CONCERN_SEVERITIES, FOLLOWUP_SOURCES, FOLLOWUP_STATUSES, SALE_OUTCOMES } from '../../domain/records.js';
import { GOAL_METRICS } from '../../domain/goal-pace.js';
import { PERIOD_KINDS } from '../../domain/period.js';
import { checkStoredSettings } from '../../domain/settings.js';
import { isInDateRange } from '../../domain/local-date.js';
import { DEAL_STATUSES, parseStageList } from '../../domain/deal.js';
import { MAX_AMOUNT_CENTS } from '../../domain/money.js';

type Fields = Record<string, unknown>;

/** Reads one record's fields, each check naming the field; checkExportDocument puts `customers[3]: ` in front. */
class Reader {
  constructor(private readonly record: Fields) {}
  private get(key: string): unknown {
    return this.record[key];
  }
  id(key: string, optional = false): number | null {
    const value = this.get(key);
    if ((value === null || value === undefined) && optional) return null;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw new InputError(`${key} is not an id (a whole number from 1)`);
    return value;
  }
  text(key: string, { required = false } = {}): string | null {
    const value = this.get(key);
    if (value === null || value === undefined) {
      if (required) throw new InputError(`${key} is missing`);
      return null;
    }
    if (typeof value !== 'string') throw new InputError(`${key} is not text`);
    if (value.includes('\u0000')) throw new InputError(`${key} contains a NUL character`);
    if (required && value.trim() === '') throw new InputError(`${key} is empty`);
    return value;
  }
  name_(key: string, what: string): string {
    const value = this.get(key);
    if (typeof value !== 'string') throw new InputError(`${what} is not text`);
    const checked = checkName(value, what);
    if (checked !== value) throw new InputError(`${key} has spaces around it`);
    return checked;
  }
  date(key: string, optional = false): string | null {
    const value = this.get(key);
    if ((value === null || value === undefined) && optional) return null;
    if (typeof value !== 'string') throw new InputError(`${key} is not a date (YYYY-MM-DD)`);
    return checkStoredDate(value, key);
  }
  stamp(key: string): string {
    const value = this.get(key);
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/.test(value) || Number.isNaN(Date.parse(value)) || !isInDateRange(value.slice(0, 10))) {
      throw new InputError(`${key} is not a UTC time stamp (YYYY-MM-DDTHH:MM:SS.sssZ) within the dates spm keeps`);
    }
    return value;
  }
  bool(key: string): boolean {
    const value = this.get(key);
    if (typeof value !== 'boolean') throw new InputError(`${key} is not true or false`);
    return value;
  }
  oneOf<T extends string>(key: string, allowed: readonly T[], optional = false): T | null {
    const value = this.get(key);
    if ((value === null || value === undefined) && optional) return null;
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw new InputError(`${key} ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
    return value as T;
  }
  /** An amount in currency units (at most 2 decimals) → cents, within the per-record cap. */
  units(key: string, { allowZero = false, optional = false } = {}): number | null {
    const value = this.get(key);
    if ((value === null || value === undefined) && optional) return null;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new InputError(`${key} is not a number`);
    const cents = Math.round(value * 100);
    if (Math.abs(cents) > MAX_AMOUNT_CENTS) return checkAmountCents(cents, key, { allowZero });
    if (Math.abs(value * 100 - cents) > 1e-6 * Math.max(1, Math.abs(cents))) throw new InputError(`${key} ${value} has more than 2 decimals`);
    return checkAmountCents(cents, key, { allowZero });
  }
  integer(key: string, min: number, max: number, optional = true): number | null {
    const value = this.get(key);
    if ((value === null || value === undefined) && optional) return null;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) throw new InputError(`${key} is not a whole number from ${min} to ${max}`);
    return value;
  }
  raw(key: string): unknown {
    return this.get(key);
  }
}

function wrap<T>(where: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`${where}: ${error.message}`, error.hint);
    throw error;
  }
}

/** Checks per array key of the export document, in the rules of the command that makes the record. */
const RECORD_CHECKS: Record<string, (r: Reader) => void> = {
  customers(r) {
    r.id('id');
    r.name_('name', 'customer name');
    r.text('company');
    const email = r.text('email');
    if (email !== null && !looksLikeEmail(email)) throw new InputError(`email ${JSON.stringify(email)} does not look like an address`);
    r.text('phone');
    r.text('segment');
    wrap('tags', () => checkTags(r.raw('tags') ?? []));
    r.text('notes');
    const cadence = r.raw('cadenceDays');
    if (cadence !== null && cadence !== undefined) {
      if (typeof cadence !== 'number') throw new InputError('cadenceDays is not a number');
      checkCadenceDays(cadence, 'cadenceDays');
    }
    r.bool('archived');
    r.date('addedDate');
    r.stamp('createdAt');
    r.stamp('updatedAt');
  },
  sales(r) {
    r.id('id');
    r.date('date');
    r.id('customerId');
    r.units('amount');
    const outcome = r.oneOf('outcome', SALE_OUTCOMES);
    const reason = r.text('reason');
    if (reason !== null && outcome === 'won') throw new InputError('reason is only for lost sales');
    r.text('technique');
    r.text('product');
    r.integer('quantity', 1, Number.MAX_SAFE_INTEGER);
    r.text('note');
    r.text('externalId');
    r.stamp('createdAt');
    r.stamp('updatedAt');
  },
  checkins(r) {
    r.id('id');
    r.date('date');
    r.id('customerId');
    r.oneOf('channel', CHECKIN_CHANNELS);
    r.integer('satisfaction', 1, 5);
    r.text('note');
    r.text('externalId');
    r.stamp('createdAt');
  },
  concerns(r) {
    r.id('id');
    r.id('customerId');
    const opened = r.date('opened') as string;
    r.text('summary', { required: true });
    r.oneOf('severity', CONCERN_SEVERITIES);
    const status = r.oneOf('status', ['open', 'resolved'] as const);
    const resolved = r.date('resolved', true);
    if ((status === 'resolved') !== (resolved !== null)) throw new InputError('resolved is set exactly when the status is resolved');
    if (resolved !== null && resolved < opened) throw new InputError(`resolved ${resolved} is before opened ${opened}`);
    r.text('resolution');
    r.stamp('createdAt');
    r.stamp('updatedAt');
  },
  followups(r) {
    r.id('id');
    r.id('customerId');
    r.date('due');
    r.text('reason');
    r.oneOf('source', FOLLOWUP_SOURCES);
    const status = r.oneOf('status', FOLLOWUP_STATUSES);
    r.id('saleId', true);
    r.id('concernId', true);
    r.id('dealId', true);
    const done = r.date('doneDate', true);
    if (status === 'open' && done !== null) throw new InputError('doneDate is set on an open follow-up');
    r.text('note');
    r.stamp('createdAt');
    r.stamp('updatedAt');
  },
  goals(r) {
    r.id('id');
    r.name_('name', 'goal name');
    const metric = r.oneOf('metric', GOAL_METRICS);
    const target = r.units('target') as number;
    if (metric === 'win-rate' && target > 100_00) throw new InputError('target is over 100 (win-rate is a percentage)');
    if (metric === 'satisfaction' && target > 5_00) throw new InputError('target is over 5 (satisfaction is rated 1–5)');
    r.oneOf('period', PERIOD_KINDS, true);
    const from = r.date('from') as string;
    const to = r.date('to') as string;
    if (from > to) throw new InputError(`from ${from} is after to ${to}`);
    r.bool('recurring');
    r.text('segment');
    r.text('product');
    r.text('technique');
    r.bool('archived');
    r.stamp('createdAt');
    r.stamp('updatedAt');
  },
  goalMilestones(r) {
    r.id('id');
    r.id('goalId');
    r.date('date');
    r.units('value', { allowZero: true });
  },
  goalLogs(r) {
    r.id('id');
    r.id('goalId');
    r.date('date');
    r.units('amount', { allowZero: true });
    r.text('note');
    r.stamp('createdAt');
  },
  deals(r) {
    r.id('id');
    r.id('customerId');
    r.text('title', { required: true });
    r.units('value');
    const stage = r.text('stage', { required: true }) as string;
    wrap('stage', () => parseStageList(stage));
    const status = r.oneOf('status', DEAL_STATUSES);
    const close = r.date('expectedClose', true);
    r.text('product');
    r.text('technique');
    r.text('note');
    const created = r.date('created') as string;
    const entered = r.date('stageEntered') as string;
    const closed = r.date('closed', true);
    if ((status === 'open') !== (closed === null)) throw new InputError('closed is set exactly when the deal is won or lost');
    if (close !== null && close < created) throw new InputError(`expectedClose ${close} is before created ${created}`);
    if (entered < created) throw new InputError(`stageEntered ${entered} is before created ${created}`);
    r.text('lostReason');
    r.id('saleId', true);
    r.text('externalId');
    r.stamp('createdAt');
    r.stamp('updatedAt');
  },
  dealStageHistory(r) {
    r.id('id');
    r.id('dealId');
    const stage = r.text('stage', { required: true }) as string;
    wrap('stage', () => parseStageList(stage));
    r.date('date');
  },
};

/**
 * Checks every record of the document's arrays and its settings; returns the settings to store.
 * `keys` are the arrays the export holds (export-repository's EXPORT_TABLES), in restore order.
 */
export function checkExportDocument(document: Record<string, unknown>, keys: readonly string[]): Record<string, string> {
  for (const key of keys) {
    const records = document[key];
    if (records === undefined) continue;
    if (!Array.isArray(records)) throw new InputError(`"${key}" is not an array`);
    const check = RECORD_CHECKS[key];
    if (!check) throw new InputError(`"${key}" cannot be restored by this spm`);
    records.forEach((record, index) => {
      const where = `${key}[${index}]`;
      if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new InputError(`${where} is not an object`);
      wrap(where, () => check(new Reader(record as Fields)));
    });
  }
  const settings = document.settings;
  if (settings === undefined) return {};
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) throw new InputError('"settings" is not an object');
  return checkStoredSettings(settings as Record<string, unknown>);
}
