// spm config get / set / unset / list: the settings, validated by the domain's definitions.
import type { AppContext } from '../../cli/context.js';
import { findSetting, settingDefault, settingDefinitions, settingsFromStored, settingValue, type Settings } from '../../domain/settings.js';
import { NoDatabaseError } from '../../store/open-database.js';
import { writeJson } from '../../ui/json.js';
import { renderList } from '../../ui/table.js';
import { say } from '../shared.js';
import { DEFAULT_DEAL_STAGES, droppedStagesInUse } from '../../domain/deal.js';
import { InputError } from '../../domain/errors.js';
import type { Store } from '../../store/store.js';

export interface SettingEntry {
  key: string;
  value: string | number | null;
  default: string | number | null;
  isDefault: boolean;
  description: string;
}

/** Stored settings; a missing database reads as all defaults (reading never creates one). */
function storedSettings(ctx: AppContext): Record<string, string> {
  try {
    const store = ctx.store('read');
    return store.read(() => store.settings.stored());
  } catch (error) {
    if (error instanceof NoDatabaseError) return {};
    throw error;
  }
}

function entries(stored: Record<string, string>, extra?: ReturnType<typeof findSetting>): SettingEntry[] {
  const settings: Settings = settingsFromStored(stored);
  const definitions = settingDefinitions(settings);
  // A probability for a stage not (yet) in the list can still be read and set.
  if (extra && !definitions.some((d) => d.key === extra.key)) definitions.push(extra);
  return definitions.map((d) => ({
    key: d.key,
    value: settingValue(d, settings),
    default: settingDefault(d),
    isDefault: stored[d.key] === undefined,
    description: d.description,
  }));
}

const show = (value: string | number | null) => (value === null ? 'none' : String(value));

export async function runConfigList(ctx: AppContext): Promise<SettingEntry[]> {
  const list = entries(storedSettings(ctx));
  if (ctx.globals.json) writeJson(ctx.io, list);
  else {
    await renderList(ctx.io, ctx.theme(), [
      { header: 'Key', value: (e) => e.key },
      { header: 'Value', value: (e) => show(e.value), text: true },
      { header: 'Default', value: (e) => show(e.default), text: true, drop: 2 },
      { header: 'Description', value: (e) => e.description, text: true, min: 12, drop: 1 },
    ], list);
  }
  return list;
}

export async function runConfigGet(key: string, ctx: AppContext): Promise<SettingEntry> {
  const definition = findSetting(key);
  const entry = entries(storedSettings(ctx), definition).find((e) => e.key === definition.key)!;
  if (ctx.globals.json) writeJson(ctx.io, { key: entry.key, value: entry.value });
  else ctx.io.out(`${show(entry.value)}\n`);
  return entry;
}

export async function runConfigSet(key: string, value: string, ctx: AppContext): Promise<SettingEntry> {
  const definition = findSetting(key);
  const text = definition.parse(value);
  const store = ctx.store('write');
  const stored = store.write(() => {
    if (definition.key === 'deal-stages') refuseDroppedStages(store, text.split(','));
    store.settings.set(definition.key, text);
    return store.settings.stored();
  });
  const entry = entries(stored, definition).find((e) => e.key === definition.key)!;
  if (ctx.globals.json) writeJson(ctx.io, { key: entry.key, value: entry.value });
  else say(ctx, `${ctx.theme().green('✓')} ${entry.key} = ${show(entry.value)}`);
  return entry;
}

/** Changing the stage list never loses a deal: a stage an open deal is in must stay. */
function refuseDroppedStages(store: Store, next: string[]): void {
  const current = store.settings.get().dealStages.split(',');
  const inUse = store.deals.openDealsInStages(current.filter((s) => !next.includes(s)));
  const dropped = droppedStagesInUse(next, inUse.map((d) => d.stage));
  if (dropped.length === 0) return;
  const named = dropped.map((stage) => {
    const ids = inUse.filter((d) => d.stage === stage).map((d) => `#${d.id}`);
    return `${stage} (${ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', ')})`;
  });
  throw new InputError(`deal-stages would drop stages open deals are in: ${named.join('; ')}`, 'Move those deals first (spm deal move <deal> <stage>), or keep the stages.');
}

export async function runConfigUnset(key: string, ctx: AppContext): Promise<SettingEntry> {
  const definition = findSetting(key);
  const store = ctx.store('write');
  const stored = store.write(() => {
    if (definition.key === 'deal-stages') refuseDroppedStages(store, [...DEFAULT_DEAL_STAGES]);
    store.settings.unset(definition.key);
    return store.settings.stored();
  });
  const entry = entries(stored, definition).find((e) => e.key === definition.key)!;
  if (ctx.globals.json) writeJson(ctx.io, { key: entry.key, value: entry.value });
  else say(ctx, `${ctx.theme().green('✓')} ${entry.key} back to its default: ${show(entry.value)}`);
  return entry;
}
