// SQL for settings: a key/value table read into the domain's Settings.
import type { Db } from './open-database.js';
import { settingsFromStored, type Settings } from '../domain/settings.js';

export class SettingsRepository {
  constructor(private readonly db: Db) {}

  stored(): Record<string, string> {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  get(): Settings {
    return settingsFromStored(this.stored());
  }

  set(key: string, value: string): void {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  unset(key: string): void {
    this.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  }
}
