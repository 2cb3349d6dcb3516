// The settings a rep can change with `spm config`, their defaults and their validation.
import { clearsValue } from './text.js';
import { InputError } from './errors.js';
import { parseCurrency } from './money.js';
import { parseCadence } from './reference.js';
import { DEFAULT_LEARNING_WINDOW_DAYS } from './report-advice.js';
import { WEEKDAYS, type Weekday } from './local-date.js';
import { DEFAULT_DEAL_STAGES, DEFAULT_DEAL_STALE_DAYS, parseStageList } from './deal.js';
import { builtInDefaultPercent } from './deal-probability.js';

export interface Settings {
  currency: string;
  weekStart: Weekday;
  /** Days after a won sale for the post-sale follow-up; 0 = off. */
  postSaleFollowUpDays: number;
  /** Days after resolving a concern for the "satisfied now?" follow-up; 0 = off. */
  resolvedConcernFollowUpDays: number;
  /** Cadence given to new customers without --every; null = none. */
  defaultCadenceDays: number | null;
  /** Days of sales the report ranks techniques over, ending on the report's last day. */
  learningWindowDays: number;
  /** Changes kept for `spm undo`; 0 = no history. */
  undoDepth: number;
  /** Deal stages in order, comma-joined (`lead,qualified,proposal,negotiation`). */
  dealStages: string;
  /** Days a deal may sit in one stage before it is stale. */
  dealStaleDays: number;
  /** Win probability in percent per stage while too few closed deals teach one (deal-probability-<stage>). */
  dealProbabilityPercent: Record<string, number>;
}

export const DEFAULT_SETTINGS: Settings = {
  currency: 'USD',
  weekStart: 'monday',
  postSaleFollowUpDays: 7,
  resolvedConcernFollowUpDays: 7,
  defaultCadenceDays: null,
  learningWindowDays: DEFAULT_LEARNING_WINDOW_DAYS,
  undoDepth: 100,
  dealStages: DEFAULT_DEAL_STAGES.join(','),
  dealStaleDays: DEFAULT_DEAL_STALE_DAYS,
  dealProbabilityPercent: {},
};

type SettingValue = string | number | null;

/**
 * One setting. Numeric settings declare their range (`integer`) and get parsing, checking on
 * `config set` and on restore, and the range in messages and docs from it; others give `parse`.
 * A new setting is one more row in SETTING_DEFINITIONS.
 */
export interface SettingDefinition {
  key: string;
  /** Where the value lives in Settings; a per-stage probability (null) reads it with `read`. */
  property: Exclude<keyof Settings, 'dealProbabilityPercent'> | null;
  read?(settings: Settings): SettingValue;
  defaultValue?: SettingValue;
  description: string;
  /** A whole number within min..max (units for messages), optionally `none` for "off". */
  integer?: { min: number; max: number; unit?: string; none?: boolean };
  /** Validates user text; returns the value to store (as text). Derived from `integer` when absent. */
  parse(text: string): string;
}

type SettingRow = Omit<SettingDefinition, 'parse'> & { parse?: (text: string) => string };

/** Days settings: 0 (off) to ten years. */
export const MAX_SETTING_DAYS = 3650;
const DAYS = { min: 0, max: MAX_SETTING_DAYS, unit: 'days' };

function integerParser(key: string, range: NonNullable<SettingDefinition['integer']>): (text: string) => string {
  return (text) => {
    const value = text.trim();
    if (range.none && clearsValue(value)) return 'none';
    const n = /^\d{1,15}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < range.min || n > range.max) {
      throw new InputError(`${key} ${JSON.stringify(text)} is not a whole number from ${range.min} to ${range.max}${range.unit ? ` ${range.unit}` : ''}${range.none ? ' (or none)' : ''}`);
    }
    return String(n);
  };
}

function define(rows: readonly SettingRow[]): readonly SettingDefinition[] {
  return rows.map((row) => {
    const parse = row.parse ?? (row.integer ? integerParser(row.key, row.integer) : undefined);
    if (!parse) throw new Error(`setting ${row.key} has neither parse nor integer`);
    return { ...row, parse };
  });
}

export const SETTING_DEFINITIONS: readonly SettingDefinition[] = define([
  { key: 'currency', property: 'currency', description: 'currency code for amounts (USD, EUR, …)', parse: parseCurrency },
  {
    key: 'week-start', property: 'weekStart', description: 'first day of the week (monday … sunday)',
    parse(text) {
      const day = WEEKDAYS.find((name) => text.trim().length >= 3 && name.startsWith(text.trim().toLowerCase()));
      if (!day) throw new InputError(`week-start ${JSON.stringify(text)} is not a weekday`, 'Use monday, sunday, …');
      return day;
    },
  },
  { key: 'post-sale-follow-up-days', property: 'postSaleFollowUpDays', description: 'days after a won sale to follow up (0 = off)', integer: DAYS },
  { key: 'resolved-concern-follow-up-days', property: 'resolvedConcernFollowUpDays', description: 'days after resolving a concern to check in (0 = off)', integer: DAYS },
  {
    key: 'default-cadence-days', property: 'defaultCadenceDays', description: 'stay-in-touch cadence for new customers (none = off)',
    integer: { min: 1, max: MAX_SETTING_DAYS, unit: 'days', none: true },
    parse: (text) => (clearsValue(text) ? 'none' : String(parseCadence(text))),
  },
  // A week at least: fewer days hold too few sales to rank techniques on.
  { key: 'learning-window-days', property: 'learningWindowDays', description: 'days of sales the report ranks techniques over', integer: { min: 7, max: MAX_SETTING_DAYS, unit: 'days' } },
  { key: 'undo-depth', property: 'undoDepth', description: 'changes kept for spm undo (0 = no history)', integer: { min: 0, max: 100000, unit: 'changes' } },
  { key: 'deal-stages', property: 'dealStages', description: 'deal stages in order, comma-separated', parse: (text) => parseStageList(text).join(',') },
  { key: 'deal-stale-days', property: 'dealStaleDays', description: 'days a deal may sit in one stage before it is stale', integer: { min: 1, max: MAX_SETTING_DAYS, unit: 'days' } },
]);

export const DEAL_PROBABILITY_PREFIX = 'deal-probability-';

/** `deal-probability-<stage>`: the stage's win probability in percent until history teaches one. */
function dealProbabilityDefinition(stage: string): SettingDefinition {
  const key = `${DEAL_PROBABILITY_PREFIX}${stage}`;
  const whole = integerParser(key, { min: 0, max: 100, unit: '%' });
  return {
    key, property: null, description: `win chance of a ${stage} deal in %, until 5 closed deals teach one`,
    integer: { min: 0, max: 100, unit: '%' },
    read: (settings) => dealProbabilityPercent(settings, stage),
    defaultValue: builtInDefaultPercent(stage),
    parse: (text) => whole(text.trim().replace(/\s*%$/, '')),
  };
}

/** A setting by its exact key, per-stage probabilities included; undefined when unknown. */
function definitionFor(key: string): SettingDefinition | undefined {
  if (key.startsWith(DEAL_PROBABILITY_PREFIX)) {
    const stage = key.slice(DEAL_PROBABILITY_PREFIX.length);
    try {
      parseStageList(stage);
    } catch {
      return undefined;
    }
    return dealProbabilityDefinition(stage);
  }
  return SETTING_DEFINITIONS.find((d) => d.key === key);
}

/** The settings `config list` shows: the fixed ones, then a probability per current stage. */
export function settingDefinitions(settings: Settings): SettingDefinition[] {
  return [...SETTING_DEFINITIONS, ...settings.dealStages.split(',').map(dealProbabilityDefinition)];
}

export function settingValue(definition: SettingDefinition, settings: Settings): SettingValue {
  if (definition.read) return definition.read(settings);
  return definition.property === null ? null : settings[definition.property];
}

export function settingDefault(definition: SettingDefinition): SettingValue {
  if (definition.defaultValue !== undefined) return definition.defaultValue;
  return definition.property === null ? null : DEFAULT_SETTINGS[definition.property];
}

/** A stage's default win probability in percent: its setting, else the built-in default. */
export function dealProbabilityPercent(settings: Settings, stage: string): number {
  return settings.dealProbabilityPercent[stage] ?? builtInDefaultPercent(stage);
}

/**
 * Stored settings as a restore brings them: every key known, every value exactly what
 * `config set` would have stored for it. Throws an InputError naming the first bad one.
 */
export function checkStoredSettings(stored: Record<string, unknown>, where = 'settings'): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const [key, value] of Object.entries(stored)) {
    const definition = definitionFor(key);
    if (!definition) throw new InputError(`${where}.${key} is not a setting`, `Settings: ${SETTING_DEFINITIONS.map((d) => d.key).join(', ')}.`);
    if (typeof value !== 'string') throw new InputError(`${where}.${key} is not text`);
    let parsed: string;
    try {
      parsed = definition.parse(value);
    } catch (error) {
      throw new InputError(`${where}.${key}: ${(error as Error).message}`);
    }
    if (parsed !== value) throw new InputError(`${where}.${key} ${JSON.stringify(value)} is not a stored value (would be ${JSON.stringify(parsed)})`);
    checked[key] = value;
  }
  return checked;
}

export function findSetting(key: string): SettingDefinition {
  const definition = definitionFor(key.trim().toLowerCase());
  if (!definition) {
    throw new InputError(`unknown setting ${JSON.stringify(key)}`, `Settings: ${SETTING_DEFINITIONS.map((d) => d.key).join(', ')}.`);
  }
  return definition;
}

/** Builds Settings from stored key/value text, falling back to defaults. */
export function settingsFromStored(rawStored: Record<string, string>): Settings {
  // A value out of its range (written by an older spm, or by hand) reads as the default.
  const stored = Object.fromEntries(Object.entries(rawStored).filter(([key, value]) => {
    const definition = definitionFor(key);
    if (!definition) return true;
    try {
      return definition.parse(value) === value;
    } catch {
      return false;
    }
  }));
  const cadence = stored['default-cadence-days'];
  return {
    currency: stored.currency ?? DEFAULT_SETTINGS.currency,
    weekStart: (stored['week-start'] as Weekday | undefined) ?? DEFAULT_SETTINGS.weekStart,
    postSaleFollowUpDays: stored['post-sale-follow-up-days'] !== undefined ? Number(stored['post-sale-follow-up-days']) : DEFAULT_SETTINGS.postSaleFollowUpDays,
    resolvedConcernFollowUpDays: stored['resolved-concern-follow-up-days'] !== undefined ? Number(stored['resolved-concern-follow-up-days']) : DEFAULT_SETTINGS.resolvedConcernFollowUpDays,
    defaultCadenceDays: cadence !== undefined && cadence !== 'none' ? Number(cadence) : DEFAULT_SETTINGS.defaultCadenceDays,
    learningWindowDays: stored['learning-window-days'] !== undefined ? Number(stored['learning-window-days']) : DEFAULT_SETTINGS.learningWindowDays,
    undoDepth: stored['undo-depth'] !== undefined ? Number(stored['undo-depth']) : DEFAULT_SETTINGS.undoDepth,
    dealStages: stored['deal-stages'] ?? DEFAULT_SETTINGS.dealStages,
    dealStaleDays: stored['deal-stale-days'] !== undefined ? Number(stored['deal-stale-days']) : DEFAULT_SETTINGS.dealStaleDays,
    dealProbabilityPercent: Object.fromEntries(Object.entries(stored)
      .filter(([key]) => key.startsWith(DEAL_PROBABILITY_PREFIX))
      .map(([key, value]) => [key.slice(DEAL_PROBABILITY_PREFIX.length), Number(value)])),
  };
}
