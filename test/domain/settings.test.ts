import { describe, expect, test } from '@jest/globals';
import { failure } from '../helpers/failure.js';
import {
  checkStoredSettings, dealProbabilityPercent, DEFAULT_SETTINGS, findSetting, settingDefault, settingDefinitions, settingsFromStored, settingValue,
  type Settings,
} from '../../src/domain/settings.js';

const FIXED_KEYS = [
  'currency', 'week-start', 'post-sale-follow-up-days', 'resolved-concern-follow-up-days', 'default-cadence-days',
  'learning-window-days', 'undo-depth', 'deal-stages', 'deal-stale-days',
];
const SETTINGS_HINT = `Settings: ${FIXED_KEYS.join(', ')}.`;


const parse = (key: string, text: string) => findSetting(key).parse(text);

describe('defaults', () => {
  test('a fresh database reads these settings', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      currency: 'USD', weekStart: 'monday', postSaleFollowUpDays: 7, resolvedConcernFollowUpDays: 7, defaultCadenceDays: null,
      learningWindowDays: 90, undoDepth: 100, dealStages: 'lead,qualified,proposal,negotiation', dealStaleDays: 14, dealProbabilityPercent: {},
    });
    expect(settingsFromStored({})).toEqual(DEFAULT_SETTINGS);
  });

  test('each setting shows its default', () => {
    expect(FIXED_KEYS.map((key) => settingDefault(findSetting(key)))).toEqual(['USD', 'monday', 7, 7, null, 90, 100, 'lead,qualified,proposal,negotiation', 14]);
    expect(['lead', 'qualified', 'proposal', 'negotiation', 'demo'].map((stage) => settingDefault(findSetting(`deal-probability-${stage}`))))
      .toEqual([10, 25, 50, 75, 50]);
  });
});

describe('whole-number settings take their range', () => {
  test.each([
    ['post-sale-follow-up-days', ' 0 ', '0'],
    ['post-sale-follow-up-days', '3650', '3650'],
    ['post-sale-follow-up-days', '007', '7'],
    ['resolved-concern-follow-up-days', '14', '14'],
    ['learning-window-days', '7', '7'],
    ['undo-depth', '0', '0'],
    ['undo-depth', '100000', '100000'],
    ['deal-stale-days', '1', '1'],
  ])('%s %j is stored as %j', (key, text, stored) => expect(parse(key, text)).toBe(stored));

  test.each([
    ['post-sale-follow-up-days', '3651', 'post-sale-follow-up-days "3651" is not a whole number from 0 to 3650 days'],
    ['post-sale-follow-up-days', '-1', 'post-sale-follow-up-days "-1" is not a whole number from 0 to 3650 days'],
    ['post-sale-follow-up-days', '1.5', 'post-sale-follow-up-days "1.5" is not a whole number from 0 to 3650 days'],
    ['post-sale-follow-up-days', 'none', 'post-sale-follow-up-days "none" is not a whole number from 0 to 3650 days'],
    ['post-sale-follow-up-days', '', 'post-sale-follow-up-days "" is not a whole number from 0 to 3650 days'],
    ['post-sale-follow-up-days', '1234567890123456', 'post-sale-follow-up-days "1234567890123456" is not a whole number from 0 to 3650 days'],
    ['learning-window-days', '6', 'learning-window-days "6" is not a whole number from 7 to 3650 days'],
    ['undo-depth', '100001', 'undo-depth "100001" is not a whole number from 0 to 100000 changes'],
    ['deal-stale-days', '0', 'deal-stale-days "0" is not a whole number from 1 to 3650 days'],
  ])('%s %j is refused', (key, text, message) => expect(failure(() => parse(key, text))).toEqual({ message, hint: undefined }));
});

describe('other settings', () => {
  test.each([
    ['default-cadence-days', 'none', 'none'],
    ['default-cadence-days', ' OFF ', 'none'],
    ['default-cadence-days', '', 'none'],
    ['default-cadence-days', '2w', '14'],
    ['default-cadence-days', '30', '30'],
    ['week-start', 'Mon', 'monday'],
    ['week-start', ' SAT ', 'saturday'],
    ['week-start', 'sunday', 'sunday'],
    ['currency', ' eur ', 'EUR'],
    ['deal-stages', ' Lead , Won-back', 'lead,won-back'],
  ])('%s %j is stored as %j', (key, text, stored) => expect(parse(key, text)).toBe(stored));

  test.each([
    ['week-start', 'su', 'week-start "su" is not a weekday', 'Use monday, sunday, …'],
    ['week-start', 'funday', 'week-start "funday" is not a weekday', 'Use monday, sunday, …'],
    ['default-cadence-days', '0', 'cadence "0" is not a number of days', 'Use days or a span like 14, 2w, 1m (30 days), 1y; at most 10 years.'],
  ])('%s %j is refused', (key, text, message, hint) => expect(failure(() => parse(key, text))).toEqual({ message, hint }));
});

describe('finding a setting', () => {
  test('keys are matched trimmed and in any case', () => expect(findSetting(' Undo-Depth ').key).toBe('undo-depth'));

  test.each(['colour', 'deal-probability-', 'deal-probability-bad stage', 'deal-probability-won'])('%j is not a setting', (key) => {
    expect(failure(() => findSetting(key))).toEqual({ message: `unknown setting ${JSON.stringify(key)}`, hint: SETTINGS_HINT });
  });

  test('a stage\'s win probability is a whole percent, a % sign allowed', () => {
    const definition = findSetting('deal-probability-proposal');
    expect(definition).toMatchObject({
      key: 'deal-probability-proposal', property: null, integer: { min: 0, max: 100, unit: '%' },
      description: 'win chance of a proposal deal in %, until 5 closed deals teach one',
    });
    expect(definition.parse(' 35 % ')).toBe('35');
    expect(definition.parse('100%')).toBe('100');
    expect(failure(() => definition.parse('101'))).toEqual({ message: 'deal-probability-proposal "101" is not a whole number from 0 to 100 %', hint: undefined });
  });

  test('config list shows the fixed settings, then one probability per current stage', () => {
    const settings: Settings = { ...DEFAULT_SETTINGS, dealStages: 'lead,demo' };
    expect(settingDefinitions(settings).map((d) => d.key)).toEqual([...FIXED_KEYS, 'deal-probability-lead', 'deal-probability-demo']);
  });

  test('values: a setting\'s property, a stage\'s probability from the settings or its default', () => {
    const settings: Settings = { ...DEFAULT_SETTINGS, currency: 'EUR', defaultCadenceDays: null, dealProbabilityPercent: { proposal: 35 } };
    expect(settingValue(findSetting('currency'), settings)).toBe('EUR');
    expect(settingValue(findSetting('default-cadence-days'), settings)).toBeNull();
    expect(settingValue(findSetting('deal-probability-proposal'), settings)).toBe(35);
    expect(settingValue(findSetting('deal-probability-lead'), settings)).toBe(10);
    expect(dealProbabilityPercent(settings, 'demo')).toBe(50);
    expect(dealProbabilityPercent({ ...settings, dealProbabilityPercent: { demo: 0 } }, 'demo')).toBe(0);
  });
});

describe('stored settings', () => {
  test('every stored value is read back with its type', () => {
    expect(settingsFromStored({
      currency: 'EUR', 'week-start': 'sunday', 'post-sale-follow-up-days': '0', 'resolved-concern-follow-up-days': '3',
      'default-cadence-days': '30', 'learning-window-days': '28', 'undo-depth': '0', 'deal-stages': 'lead,won-back',
      'deal-stale-days': '21', 'deal-probability-lead': '15', 'deal-probability-won-back': '0',
    })).toEqual({
      currency: 'EUR', weekStart: 'sunday', postSaleFollowUpDays: 0, resolvedConcernFollowUpDays: 3, defaultCadenceDays: 30,
      learningWindowDays: 28, undoDepth: 0, dealStages: 'lead,won-back', dealStaleDays: 21, dealProbabilityPercent: { lead: 15, 'won-back': 0 },
    });
  });

  test('a value out of range or not as stored reads as the default', () => {
    expect(settingsFromStored({
      currency: 'euro', 'week-start': 'mon', 'post-sale-follow-up-days': '4000', 'resolved-concern-follow-up-days': 'x',
      'default-cadence-days': 'none', 'learning-window-days': '3', 'undo-depth': '-1', 'deal-stages': 'lead,,x',
      'deal-stale-days': '0', 'deal-probability-lead': '150',
    })).toEqual(DEFAULT_SETTINGS);
    expect(settingsFromStored({ 'default-cadence-days': '0' }).defaultCadenceDays).toBeNull();
  });

  test('a restore accepts exactly what config set stores', () => {
    const stored = { currency: 'EUR', 'undo-depth': '50', 'default-cadence-days': 'none', 'deal-probability-lead': '20' };
    expect(checkStoredSettings(stored)).toEqual(stored);
    expect(checkStoredSettings({})).toEqual({});
  });

  test.each([
    [{ colour: 'red' }, 'settings', 'settings.colour is not a setting', SETTINGS_HINT],
    [{ colour: 'red' }, 'backup.settings', 'backup.settings.colour is not a setting', SETTINGS_HINT],
    [{ 'undo-depth': 5 }, 'settings', 'settings.undo-depth is not text', undefined],
    [{ 'undo-depth': 'abc' }, 'settings', 'settings.undo-depth: undo-depth "abc" is not a whole number from 0 to 100000 changes', undefined],
    [{ 'week-start': 'mon' }, 'settings', 'settings.week-start "mon" is not a stored value (would be "monday")', undefined],
    [{ currency: 'EUR', 'undo-depth': ' 7' }, 'settings', 'settings.undo-depth " 7" is not a stored value (would be "7")', undefined],
  ])('%j in %s is refused', (stored, where, message, hint) => {
    const run = () => (where === 'settings' ? checkStoredSettings(stored) : checkStoredSettings(stored, where));
    expect(failure(run)).toEqual({ message, hint });
  });
});
