// Going cold (./going-cold.ts) as SQL: `customer_cadence` (schema v8) holds each watched
// customer's last contact and touch-by day, kept by triggers on customers and on
// customer_last_contact; the daily view reads the customers past their touch-by day from one
// index range. Text only: src/store runs it. test/store/rules.property.test.ts checks that the
// two agree on random histories.
import { lastContactSql } from './last-contact.sql.js';
import { followedUpSql } from './followed-up.sql.js';

/**
 * touch_by from a last contact and a cadence: date() is NULL past the calendar's end, where the
 * customer never goes cold (9999-12-31 sorts after every day).
 */
export const touchBySql = (lastContact: string, cadenceDays: string): string =>
  `coalesce(date(${lastContact}, '+' || ${cadenceDays} || ' days'), '9999-12-31')`;

/** Recomputes customer `id`'s customer_cadence row (none unless it has a cadence and is active). */
function recomputeCadenceSql(id: string): string {
  return `
  DELETE FROM customer_cadence WHERE customer_id = ${id};
  INSERT INTO customer_cadence (customer_id, last_contact, touch_by)
    SELECT id, last_contact, ${touchBySql('last_contact', 'cadence_days')} FROM (
      SELECT c.id, c.cadence_days, ${lastContactSql('(SELECT l.last_date FROM customer_last_contact l WHERE l.customer_id = c.id)', 'c.added_date')} AS last_contact
      FROM customers c WHERE c.id = ${id} AND c.cadence_days IS NOT NULL AND c.archived = 0);`;
}

/** customer_cadence's triggers on customers and customer_last_contact. */
export function cadenceTriggersSql(): string {
  return `CREATE TRIGGER customers_cadence_insert AFTER INSERT ON customers BEGIN${recomputeCadenceSql('NEW.id')}
END;
CREATE TRIGGER customers_cadence_update AFTER UPDATE OF cadence_days, archived, added_date ON customers BEGIN${recomputeCadenceSql('NEW.id')}
END;
-- Also without foreign keys on (another tool on the file): the count of customers going cold reads this table alone.
CREATE TRIGGER customers_cadence_delete AFTER DELETE ON customers BEGIN
  DELETE FROM customer_cadence WHERE customer_id = OLD.id;
END;
CREATE TRIGGER last_contact_cadence_insert AFTER INSERT ON customer_last_contact BEGIN${recomputeCadenceSql('NEW.customer_id')}
END;
-- customer_last_contact's updates only move last_date: one customer to recompute.
CREATE TRIGGER last_contact_cadence_update AFTER UPDATE OF last_date ON customer_last_contact BEGIN${recomputeCadenceSql('NEW.customer_id')}
END;
CREATE TRIGGER last_contact_cadence_delete AFTER DELETE ON customer_last_contact BEGIN${recomputeCadenceSql('OLD.customer_id')}
END;`;
}

/**
 * v25: customer_cadence.followed_up kept by triggers. A row inserted (by the cadence triggers
 * above, their set-based replays in the bulk paths, or a rebuild) takes its flag from followups;
 * a follow-up added, closed, reopened, moved to another customer or deleted sets its
 * customer's flag again. Each recomputes the flag from followups (an open follow-up of any day).
 */
export function followedUpTriggersSql(): string {
  return `CREATE TRIGGER customer_cadence_followed_up AFTER INSERT ON customer_cadence BEGIN
  UPDATE customer_cadence SET followed_up = ${followedUpSql('NEW.customer_id')} WHERE customer_id = NEW.customer_id;
END;
CREATE TRIGGER followups_cadence_insert AFTER INSERT ON followups WHEN NEW.status = 'open' BEGIN
  UPDATE customer_cadence SET followed_up = 1 WHERE customer_id = NEW.customer_id;
END;
CREATE TRIGGER followups_cadence_update AFTER UPDATE OF status, customer_id ON followups BEGIN
  UPDATE customer_cadence SET followed_up = ${followedUpSql('customer_cadence.customer_id')} WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
END;
CREATE TRIGGER followups_cadence_delete AFTER DELETE ON followups WHEN OLD.status = 'open' BEGIN
  UPDATE customer_cadence SET followed_up = ${followedUpSql('OLD.customer_id')} WHERE customer_id = OLD.customer_id;
END;`;
}

/**
 * Customers (customer_cadence `k`) going cold on the day bound to the one parameter: past their
 * touch-by day (isGoingCold), and no open follow-up (customer_cadence already holds only
 * customers with a cadence who are not archived, and flags those with an open follow-up: v25).
 * customer_cadence_cold (followed_up, touch_by, customer_id) holds them as one range.
 */
export const GOING_COLD_WHERE_SQL = `WHERE k.followed_up = 0 AND k.touch_by < ?`;
