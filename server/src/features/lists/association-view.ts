import { RETRY_SQL } from '../../db/outcome-sql.ts';

// What an association may see of its own list's contacts: what its own calls did. A contact's state
// set through another list (reached, held or closed there, or the do-not-call register) shows as a
// neutral "not offered", so a list never tells its association about another's contacts.

/** The contact was closed by its own last call (not through another list, nor by the register). */
export const OWN_CLOSING_SQL = `(closed_reason IS last_outcome OR (closed_reason IS 'max_attempts' AND last_outcome IN (${RETRY_SQL})))`;

/** The contact is held because one of this list's own stations holds it (not its number on another list). */
export const OWN_LEASE_SQL = `EXISTS (SELECT 1 FROM assignments a WHERE a.contact_id = contacts.id AND a.status = 'active')`;

/** The status an association sees: `ready`, `held`, `done` or `not_offered`. */
export const SHOWN_STATUS_SQL = `CASE
    WHEN status = 'done' AND NOT ${OWN_CLOSING_SQL} THEN 'not_offered'
    WHEN status = 'held' AND NOT ${OWN_LEASE_SQL} THEN 'not_offered'
    ELSE status END`;

/** Why it was closed, when its own call closed it; else nothing. */
export const SHOWN_CLOSED_REASON_SQL = `CASE WHEN status = 'done' AND ${OWN_CLOSING_SQL} THEN closed_reason END`;
