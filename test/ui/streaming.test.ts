// Piped lists and JSON arrays are written while the rows are still coming.
import { describe, expect, test } from '@jest/globals';
import { BufferedIo } from '../../src/ui/io.js';
import { renderList, type Column } from '../../src/ui/table.js';
import { writeJson, writeJsonArray } from '../../src/ui/json.js';
import { createTheme } from '../../src/ui/theme.js';

/** Rows 1..n, counting how many were taken; the Io notes that count at every write. */
function watched(n: number) {
  const state = { taken: 0, takenAtWrites: [] as number[] };
  const io = new BufferedIo(false, false);
  const out = io.out.bind(io);
  io.out = (text: string) => { state.takenAtWrites.push(state.taken); out(text); };
  function* rows() {
    for (let i = 1; i <= n; i++) {
      state.taken = i;
      yield { id: i, name: `Customer ${i}\twith a tab`, note: i % 2 ? null : 'x\ny' };
    }
  }
  return { io, state, rows: rows() };
}

const columns: Column<{ id: number; name: string; note: string | null }>[] = [
  { header: 'ID', value: (r) => r.id },
  { header: 'Customer Name', value: (r) => r.name },
  { header: 'Note', value: (r) => r.note },
];

describe('renderList, piped', () => {
  test('writes the first lines before the last row is read, and the same text as one write', () => {
    const { io, state, rows } = watched(20_000);
    expect(renderList(io, createTheme(0), columns, rows)).toBe(20_000);
    expect(state.takenAtWrites.length).toBeGreaterThan(2);
    expect(state.takenAtWrites[0]).toBeLessThan(20_000);
    const lines = io.stdout.split('\n');
    expect(lines[0]).toBe('id\tcustomer-name\tnote');
    expect(lines[1]).toBe('1\tCustomer 1 with a tab\t');
    expect(lines[2]).toBe('2\tCustomer 2 with a tab\tx y');
    expect(lines.length).toBe(20_002);
    expect(lines[20_001]).toBe('');
  });
});

describe('writeJsonArray', () => {
  test.each([
    [[]],
    [[{ a: 1 }]],
    [[{ a: 1, b: { c: [1, 2, { d: 'line\nbreak' }], e: [] } }, { a: null, b: {} }, 'text', 3]],
    [[{ name: 'Acme\u202egpj.exe \u009b2J' }]],
  ])('prints what writeJson prints for the whole array: %j', (values: unknown[]) => {
    const io = new BufferedIo(false, false);
    expect(writeJsonArray(io, values, (v) => v)).toBe(values.length);
    const whole = new BufferedIo(false, false);
    writeJson(whole, values);
    expect(io.stdout).toBe(whole.stdout);
  });

  test('writes before the last row is read', () => {
    const { io, state, rows } = watched(5_000);
    writeJsonArray(io, rows, (r) => r);
    expect(state.takenAtWrites[0]).toBeLessThan(5_000);
    expect(JSON.parse(io.stdout)).toHaveLength(5_000);
  });
});
