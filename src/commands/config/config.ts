// spm config get / set / unset / list: the settings, validated by the domain's definitions.
import type { AppContext } from '../../cli/context.js';
import { DEFAULT_SETTINGS, findSetting, SETTING_DEFINITIONS, settingsFromStored, type Settings } from '../../domain/settings.js';
import { NoDatabaseError } from '../../store/open-database.js';
import { writeJson } from '../../ui/json.js';
import { renderList } from '../../ui/table.js';
import { say } from '../shared.js';

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

function entries(stored: Record<string, string>): SettingEntry[] {
  const settings: Settings = settingsFromStored(stored);
  return SETTING_DEFINITIONS.map((d) => ({
    key: d.key,
    value: settings[d.property],
    default: DEFAULT_SETTINGS[d.property],
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
  const entry = entries(storedSettings(ctx)).find((e) => e.key === definition.key)!;
  if (ctx.globals.json) writeJson(ctx.io, { key: entry.key, value: entry.value });
  else ctx.io.out(`${show(entry.value)}\n`);
  return entry;
}

export async function runConfigSet(key: string, value: string, ctx: AppContext): Promise<SettingEntry> {
  const definition = findSetting(key);
  const text = definition.parse(value);
  const store = ctx.store('write');
  const stored = store.write(() => {
    store.settings.set(definition.key, text);
    return store.settings.stored();
  });
  const entry = entries(stored).find((e) => e.key === definition.key)!;
  if (ctx.globals.json) writeJson(ctx.io, { key: entry.key, value: entry.value });
  else say(ctx, `${ctx.theme().green('✓')} ${entry.key} = ${show(entry.value)}`);
  return entry;
}

export async function runConfigUnset(key: string, ctx: AppContext): Promise<SettingEntry> {
  const definition = findSetting(key);
  const store = ctx.store('write');
  const stored = store.write(() => {
    store.settings.unset(definition.key);
    return store.settings.stored();
  });
  const entry = entries(stored).find((e) => e.key === definition.key)!;
  if (ctx.globals.json) writeJson(ctx.io, { key: entry.key, value: entry.value });
  else say(ctx, `${ctx.theme().green('✓')} ${entry.key} back to its default: ${show(entry.value)}`);
  return entry;
}
