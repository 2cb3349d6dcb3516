// What a change in the history touched, in words: "sale #52 added; follow-up #98 added".
// Pure: the store hands over what it recorded, grouped by table and operation.

export type ChangeOp = 'insert' | 'update' | 'delete' | 'range';

/** The rows one change touched in one table with one operation. */
export interface TouchedGroup {
  table: string;
  op: ChangeOp;
  /** Rows recorded (for a range: rows inserted). */
  count: number;
  /** The first few keys, in the order they were written (a range: its first and last id). */
  keys: (number | string)[];
}

export interface ChangeEntry {
  id: number;
  /** UTC ISO stamp of the write. */
  at: string;
  command: string;
  undone: boolean;
  touched: TouchedGroup[];
}

/** Singular nouns of the tracked tables; a table missing here is named as it is in the schema. */
const NOUNS: Record<string, [singular: string, plural: string]> = {
  customers: ['customer', 'customers'],
  sales: ['sale', 'sales'],
  checkins: ['check-in', 'check-ins'],
  concerns: ['concern', 'concerns'],
  followups: ['follow-up', 'follow-ups'],
  goals: ['goal', 'goals'],
  goal_milestones: ['goal milestone', 'goal milestones'],
  goal_logs: ['goal entry', 'goal entries'],
  settings: ['setting', 'settings'],
  deals: ['deal', 'deals'],
  deal_stage_history: ['deal stage move', 'deal stage moves'],
};

const VERBS: Record<ChangeOp, string> = { insert: 'added', update: 'changed', delete: 'deleted', range: 'imported' };
const SHOWN_KEYS = 3;

function ref(key: number | string): string {
  return typeof key === 'number' ? `#${key}` : key;
}

/** One group in words: "sale #52 added", "follow-ups #3, #4, #5 and 7 more changed", "sales #10–#1009 imported (1000)". */
export function describeGroup(group: TouchedGroup): string {
  const [singular, plural] = NOUNS[group.table] ?? [group.table, group.table];
  const verb = VERBS[group.op];
  if (group.op === 'range') {
    const [first, last] = group.keys;
    return group.count === 1 ? `${singular} ${ref(first)} ${verb}` : `${group.count} ${plural} ${verb} (${ref(first)}–${ref(last)})`;
  }
  if (group.count === 1) return `${singular} ${ref(group.keys[0])} ${verb}`;
  const shown = group.keys.slice(0, SHOWN_KEYS).map(ref).join(', ');
  const more = group.count > SHOWN_KEYS ? ` and ${group.count - SHOWN_KEYS} more` : '';
  return `${plural} ${shown}${more} ${verb}`;
}

/**
 * What a change touched, in the order it happened. A row added and then changed by the same
 * command (a follow-up scheduled and linked) reads as added only.
 */
export function describeTouched(groups: readonly TouchedGroup[]): string {
  const added = new Set(groups.filter((g) => g.op === 'insert' && g.count === g.keys.length).flatMap((g) => g.keys.map((k) => `${g.table}\u0000${k}`)));
  const parts = groups
    .filter((g) => !(g.op === 'update' && g.count === g.keys.length && g.keys.every((k) => added.has(`${g.table}\u0000${k}`))))
    .map(describeGroup);
  return parts.length ? parts.join('; ') : 'nothing';
}

/** The command line as typed, quoted where a shell would need it. */
export function formatCommandLine(argv: readonly string[]): string {
  return ['spm', ...argv.map((a) => (/^[\w@%+=:,./#-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))].join(' ');
}
