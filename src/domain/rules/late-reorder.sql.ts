// Late to reorder, the report's at-risk rule (isLateForReorder in ../reorder.ts), as SQL: late by
// more than half the interval on a day, i.e. days late × 2 > interval, i.e. on or after the
// expected day + (interval ÷ 2, rounded down) + 1. Text only: src/store runs it, so the report
// counts and pages the late customers without reading every prediction.
// test/store/late-reorder.property.test.ts checks that the two agree.

/**
 * The first day a prediction (`expected` day, `intervalDays`) is late by more than half its
 * interval. Schema v22 indexes this very expression on customer_reorder: a query must spell it
 * the same way for SQLite to read the index.
 */
export const lateFromSql = (expected: string, intervalDays: string): string => `date(${expected}, '+' || (${intervalDays} / 2 + 1) || ' days')`;

/** Whether the prediction is late by more than half its interval on `asOf`. */
export const isLateForReorderSql = (expected: string, intervalDays: string, asOf: string): string => `${lateFromSql(expected, intervalDays)} <= ${asOf}`;
