// Check-in day totals (./checkin-totals.ts) as SQL: `checkins_daily` holds them per day, kept by
// triggers on checkins, refreshed in one statement after a bulk import and replayed after a bulk
// undo; goals filtered by segment compute the same figures with the same aggregate over the
// check-ins themselves. Text only: src/store runs it. test/store/rules.property.test.ts checks
// that they agree on random histories.

const RATINGS = [1, 2, 3, 4, 5];

/** The table's figure columns, in order. */
export const CHECKIN_TOTALS_COLUMNS = `checkins, rated, rating_sum, ${RATINGS.map((r) => `r${r}`).join(', ')}`;

/**
 * The figures of the check-ins in a GROUP BY, columns prefixed `p` (e.g. 'k.'), in
 * CHECKIN_TOTALS_COLUMNS order; with `names`, each named as its column with that prefix.
 */
export const checkinTotalsAggregateSql = (p = '', names?: string): string => {
  const as = (name: string) => (names !== undefined ? ` AS ${names}${name}` : '');
  return `count(*)${as('checkins')}, count(${p}satisfaction)${as('rated')}, coalesce(sum(${p}satisfaction), 0)${as('rating_sum')}, ${
    RATINGS.map((r) => `count(CASE WHEN ${p}satisfaction = ${r} THEN 1 END)${as(`r${r}`)}`).join(', ')}`;
};

/** One row's figures as values, in CHECKIN_TOTALS_COLUMNS order. */
const rowFigures = (row: string) =>
  `1, ${row}.satisfaction IS NOT NULL, coalesce(${row}.satisfaction, 0), ${RATINGS.map((r) => `coalesce(${row}.satisfaction = ${r}, 0)`).join(', ')}`;

const ADD_EXCLUDED = `checkins = checkins + excluded.checkins, rated = rated + excluded.rated, rating_sum = rating_sum + excluded.rating_sum, ${RATINGS.map((r) => `r${r} = r${r} + excluded.r${r}`).join(', ')}`;

/** The table, filled from the check-ins there are. */
export function checkinTotalsTableSql(): string {
  return `
CREATE TABLE checkins_daily (
  date        TEXT PRIMARY KEY,
  checkins    INTEGER NOT NULL,
  rated       INTEGER NOT NULL,
  rating_sum  INTEGER NOT NULL,
${RATINGS.map((r) => `  r${r}          INTEGER NOT NULL`).join(',\n')}
) WITHOUT ROWID;
INSERT INTO checkins_daily (date, ${CHECKIN_TOTALS_COLUMNS})
  SELECT date, ${checkinTotalsAggregateSql()} FROM checkins GROUP BY date;`;
}

/** checkins_daily's triggers on checkins: add the new row's figures, take the old row's away. */
export function checkinTotalsTriggersSql(): string {
  const add = (row: string) => `
  INSERT INTO checkins_daily (date, ${CHECKIN_TOTALS_COLUMNS}) VALUES (${row}.date, ${rowFigures(row)})
    ON CONFLICT (date) DO UPDATE SET ${ADD_EXCLUDED};`;
  // A day left with no check-in is removed.
  const remove = (row: string) => `
  UPDATE checkins_daily SET checkins = checkins - 1, rated = rated - (${row}.satisfaction IS NOT NULL), rating_sum = rating_sum - coalesce(${row}.satisfaction, 0),
    ${RATINGS.map((r) => `r${r} = r${r} - coalesce(${row}.satisfaction = ${r}, 0)`).join(', ')} WHERE date = ${row}.date;
  DELETE FROM checkins_daily WHERE date = ${row}.date AND checkins = 0;`;
  return `CREATE TRIGGER checkins_daily_insert AFTER INSERT ON checkins BEGIN${add('NEW')}
END;
CREATE TRIGGER checkins_daily_update AFTER UPDATE OF date, satisfaction ON checkins BEGIN${remove('OLD')}${add('NEW')}
END;
CREATE TRIGGER checkins_daily_delete AFTER DELETE ON checkins BEGIN${remove('OLD')}
END;`;
}

/** What the insert trigger would have done for check-ins with ids above :maxCheckinId (bulk import). */
export const CHECKIN_TOTALS_REFRESH_SQL = `
      INSERT INTO checkins_daily (date, ${CHECKIN_TOTALS_COLUMNS})
      SELECT date, ${checkinTotalsAggregateSql()}
      FROM checkins WHERE id > :maxCheckinId GROUP BY date
      ON CONFLICT (date) DO UPDATE SET ${ADD_EXCLUDED}`;

/**
 * What the delete trigger would have done for the check-ins held in table `deleted` (checkins'
 * columns, already gone from checkins): each day's figures less theirs, days left with none removed.
 */
export const checkinTotalsSubtractSql = (deleted: string): string[] => [
  `UPDATE checkins_daily SET checkins = checkins - d.gone_checkins, rated = rated - d.gone_rated, rating_sum = rating_sum - d.gone_rating_sum,
      ${RATINGS.map((r) => `r${r} = r${r} - d.gone_r${r}`).join(', ')}
      FROM (SELECT date AS day, ${checkinTotalsAggregateSql('', 'gone_')} FROM ${deleted} GROUP BY date) d
      WHERE checkins_daily.date = d.day`,
  `DELETE FROM checkins_daily WHERE date IN (SELECT date FROM ${deleted}) AND checkins = 0`,
];
