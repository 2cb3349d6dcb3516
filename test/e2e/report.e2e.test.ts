// Smoke tests through the real binary: `spm demo` in a fresh folder, then `spm report`.
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve('bin/spm.js');

function spm(args: string[], options: { cwd: string; env?: Record<string, string> }) {
  const env: Record<string, string | undefined> = { ...process.env, SPM_NOW: '2026-03-15', NO_COLOR: '1', ...options.env };
  delete env.SPM_DB;
  if (options.env?.SPM_DB) env.SPM_DB = options.env.SPM_DB;
  return spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd, env, encoding: 'utf8' });
}

describe('spm demo and spm report (real binary)', () => {
  test('demo writes ./spm-demo.db, says how to use it, and the report reads it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spm-e2e-'));
    try {
      const demo = spm(['demo'], { cwd: dir });
      expect(demo.status).toBe(0);
      const file = join(dir, 'spm-demo.db');
      expect(existsSync(file)).toBe(true);
      expect(demo.stderr).toContain(`export SPM_DB=${file}`);
      expect(demo.stdout).toBe('');

      const json = spm(['report', '--period', 'month', '--json'], { cwd: dir, env: { SPM_DB: file } });
      expect(json.status).toBe(0);
      const report = JSON.parse(json.stdout);
      expect(report.period).toEqual({ from: '2026-03-01', to: '2026-03-15', label: 'Mar 2026 (to date)' });
      expect(report.trend).toHaveLength(12);

      const text = spm(['report'], { cwd: dir, env: { SPM_DB: file } });
      expect(text.status).toBe(0);
      expect(text.stdout).toMatch(/^Report · Week of Mar 9, 2026/);
      expect(text.stdout).not.toMatch(/NaN/);

      const again = spm(['demo'], { cwd: dir });
      expect(again.status).toBe(2);
      expect(again.stderr).toMatch(/^spm: .*already holds data/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
