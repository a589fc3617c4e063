import { sql } from 'drizzle-orm';
import { RETRY_SQL } from '../../db/outcome-sql.ts';
import { assignments, contacts } from '../../db/schema.ts';

// What an association may see of its own list's contacts: what its own calls did. A contact's state
// set through another list (reached, held or closed there, or the do-not-call register) shows as a
// neutral "not offered", so a list never tells its association about another's contacts.
// Fragments over the contacts table: the query they go in reads `FROM contacts`.

/** The contact was closed by its own last call (not through another list, nor by the register). */
export const ownClosing = sql`(${contacts.closedReason} IS NOT DISTINCT FROM ${contacts.lastOutcome} OR (${contacts.closedReason} IS NOT DISTINCT FROM 'max_attempts' AND ${contacts.lastOutcome} IN (${sql.raw(RETRY_SQL)})))`;

/** The contact is held because one of this list's own stations holds it (not its number on another list). */
export const ownLease = sql`EXISTS (SELECT 1 FROM ${assignments} WHERE ${assignments.contactId} = ${contacts.id} AND ${assignments.status} = 'active')`;

/** The status an association sees: `ready`, `held`, `done` or `not_offered`. */
export const shownStatus = sql<string>`CASE
    WHEN ${contacts.status} = 'done' AND NOT ${ownClosing} THEN 'not_offered'
    WHEN ${contacts.status} = 'held' AND NOT ${ownLease} THEN 'not_offered'
    ELSE ${contacts.status} END`;

/** Why it was closed, when its own call closed it; else nothing. */
export const shownClosedReason = sql<string | null>`CASE WHEN ${contacts.status} = 'done' AND ${ownClosing} THEN ${contacts.closedReason} END`;
