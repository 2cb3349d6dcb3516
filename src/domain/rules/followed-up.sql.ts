// "Has an open follow-up" as stored flags: customer_cadence.followed_up (v25) and
// customer_reorder.followed_up (v27), both 1 while the customer has an open follow-up of any
// due day. Going cold and due to reorder both leave out customers with one scheduled; the
// daily view and the dashboard count the rest from one index range each instead of looking up
// every candidate's follow-ups. Text only: src/store runs it.

/** Whether customer `id` has an open follow-up (any due day): what each table's flag holds. */
export const followedUpSql = (id: string): string =>
  `EXISTS (SELECT 1 FROM followups f WHERE f.customer_id = ${id} AND f.status = 'open')`;

/** The derived tables that carry the flag, keyed by customer_id. */
export const FLAGGED_TABLES = ['customer_cadence', 'customer_reorder'] as const;

/** Each flagged table's flag recomputed for the customers `ids` (a list or a subquery). */
export function followedUpRecomputeSql(ids: string): string[] {
  return FLAGGED_TABLES.map((table) => `UPDATE ${table} SET followed_up = ${followedUpSql(`${table}.customer_id`)} WHERE customer_id IN (${ids})`);
}

/**
 * v27: customer_reorder's flag, and the follow-up triggers of v25 made again to keep both
 * tables' flags. A row inserted into customer_reorder (by its triggers on sales, the bulk
 * paths' set-based refreshes, or a rebuild) takes its flag from followups, as customer_cadence's
 * rows do; a follow-up added, closed, reopened, moved to another customer or deleted sets its
 * customers' flags again.
 */
export function followedUpV27Sql(): string {
  const set = (ids: string) => followedUpRecomputeSql(ids).map((sql) => `\n  ${sql};`).join('');
  return `
ALTER TABLE customer_reorder ADD COLUMN followed_up INTEGER NOT NULL DEFAULT 0; -- 1 while the customer has an open follow-up
UPDATE customer_reorder SET followed_up = ${followedUpSql('customer_reorder.customer_id')};
CREATE TRIGGER customer_reorder_followed_up AFTER INSERT ON customer_reorder BEGIN
  UPDATE customer_reorder SET followed_up = ${followedUpSql('NEW.customer_id')} WHERE customer_id = NEW.customer_id;
END;
DROP TRIGGER followups_cadence_insert;
DROP TRIGGER followups_cadence_update;
DROP TRIGGER followups_cadence_delete;
CREATE TRIGGER followups_followed_up_insert AFTER INSERT ON followups WHEN NEW.status = 'open' BEGIN${FLAGGED_TABLES.map((table) => `\n  UPDATE ${table} SET followed_up = 1 WHERE customer_id = NEW.customer_id;`).join('')}
END;
CREATE TRIGGER followups_followed_up_update AFTER UPDATE OF status, customer_id ON followups BEGIN${set('OLD.customer_id, NEW.customer_id')}
END;
CREATE TRIGGER followups_followed_up_delete AFTER DELETE ON followups WHEN OLD.status = 'open' BEGIN${set('OLD.customer_id')}
END;
-- Due to reorder counts the customers with none from one range: expected by the window's end.
CREATE INDEX customer_reorder_due ON customer_reorder (followed_up, expected);
`;
}
