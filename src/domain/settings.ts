// The settings a rep can change with `spm config`, their defaults and their validation.
import { InputError } from './errors.js';
import { parseCurrency } from './money.js';
import { parseCadence, parsePositiveInteger } from './reference.js';
import { WEEKDAYS, type Weekday } from './local-date.js';

export interface Settings {
  currency: string;
  weekStart: Weekday;
  /** Days after a won sale for the post-sale follow-up; 0 = off. */
  postSaleFollowUpDays: number;
  /** Days after resolving a concern for the "satisfied now?" follow-up; 0 = off. */
  resolvedConcernFollowUpDays: number;
  /** Cadence given to new customers without --every; null = none. */
  defaultCadenceDays: number | null;
}

export const DEFAULT_SETTINGS: Settings = {
  currency: 'USD',
  weekStart: 'monday',
  postSaleFollowUpDays: 7,
  resolvedConcernFollowUpDays: 7,
  defaultCadenceDays: null,
};

interface SettingDefinition {
  key: string;
  property: keyof Settings;
  description: string;
  /** Validates user text; returns the value to store (as text). */
  parse(text: string): string;
}

function parseDays(text: string, what: string): string {
  return String(parsePositiveInteger(text, what, { allowZero: true }));
}

export const SETTING_DEFINITIONS: readonly SettingDefinition[] = [
  { key: 'currency', property: 'currency', description: 'currency code for amounts (USD, EUR, …)', parse: parseCurrency },
  {
    key: 'week-start', property: 'weekStart', description: 'first day of the week (monday … sunday)',
    parse(text) {
      const day = WEEKDAYS.find((name) => text.trim().length >= 3 && name.startsWith(text.trim().toLowerCase()));
      if (!day) throw new InputError(`week-start ${JSON.stringify(text)} is not a weekday`, 'Use monday, sunday, …');
      return day;
    },
  },
  { key: 'post-sale-follow-up-days', property: 'postSaleFollowUpDays', description: 'days after a won sale to follow up (0 = off)', parse: (t) => parseDays(t, 'post-sale-follow-up-days') },
  { key: 'resolved-concern-follow-up-days', property: 'resolvedConcernFollowUpDays', description: 'days after resolving a concern to check in (0 = off)', parse: (t) => parseDays(t, 'resolved-concern-follow-up-days') },
  {
    key: 'default-cadence-days', property: 'defaultCadenceDays', description: 'stay-in-touch cadence for new customers (none = off)',
    parse: (text) => (['none', 'off', ''].includes(text.trim().toLowerCase()) ? 'none' : String(parseCadence(text))),
  },
];

export function findSetting(key: string): SettingDefinition {
  const definition = SETTING_DEFINITIONS.find((d) => d.key === key.trim().toLowerCase());
  if (!definition) {
    throw new InputError(`unknown setting ${JSON.stringify(key)}`, `Settings: ${SETTING_DEFINITIONS.map((d) => d.key).join(', ')}.`);
  }
  return definition;
}

/** Builds Settings from stored key/value text, falling back to defaults. */
export function settingsFromStored(stored: Record<string, string>): Settings {
  const cadence = stored['default-cadence-days'];
  return {
    currency: stored.currency ?? DEFAULT_SETTINGS.currency,
    weekStart: (stored['week-start'] as Weekday | undefined) ?? DEFAULT_SETTINGS.weekStart,
    postSaleFollowUpDays: stored['post-sale-follow-up-days'] !== undefined ? Number(stored['post-sale-follow-up-days']) : DEFAULT_SETTINGS.postSaleFollowUpDays,
    resolvedConcernFollowUpDays: stored['resolved-concern-follow-up-days'] !== undefined ? Number(stored['resolved-concern-follow-up-days']) : DEFAULT_SETTINGS.resolvedConcernFollowUpDays,
    defaultCadenceDays: cadence !== undefined && cadence !== 'none' ? Number(cadence) : DEFAULT_SETTINGS.defaultCadenceDays,
  };
}
