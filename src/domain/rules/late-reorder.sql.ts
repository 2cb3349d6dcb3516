// Late to reorder, the report's at-risk rule (isLateForReorder in ../reorder.ts), as SQL: late by
// more than half the interval on a day, i.e. days late × 2 > interval. Text only: src/store runs
// it, so the report counts and pages the late customers without reading every prediction.
// test/store/late-reorder.property.test.ts checks that the two agree.

/** Whether `expected` (a day) plus `intervalDays` is late by more than half an interval on `asOf`. */
export const isLateForReorderSql = (expected: string, intervalDays: string, asOf: string): string =>
  // Days as julianday() differences: whole numbers for 'YYYY-MM-DD' days. Not yet late is < 0.
  `(julianday(${asOf}) - julianday(${expected})) * 2 > ${intervalDays}`;
