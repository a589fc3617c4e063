import type { Database } from 'better-sqlite3';
import { CONVERSATION_SQL, REACHED_SQL } from '../../db/outcome-sql.ts';

const ADD = `ON CONFLICT (list_id, district) DO UPDATE SET contacts = contacts + excluded.contacts,
  persons_called = persons_called + excluded.persons_called, attempts = attempts + excluded.attempts,
  answered = answered + excluded.answered, conversations = conversations + excluded.conversations`;

// Each contact's own figures, from its calls (a contact with no calls counts zeros).
const PER_CONTACT = `SELECT c.list_id, COALESCE(c.voting_district, '') AS district, c.attempts > 0 AS called,
    COUNT(k.id) AS attempts, COALESCE(SUM(k.outcome IN (${REACHED_SQL})), 0) AS answered,
    COALESCE(SUM(k.outcome IN (${CONVERSATION_SQL})), 0) AS conversations
  FROM contacts c LEFT JOIN calls k ON k.contact_id = c.id`;

/**
 * Keeps the per-district figures of people whose data goes (erasure, the end-of-campaign purge) as
 * anonymous counts, which list progress adds to the live ones. Call inside the deleting transaction,
 * before the contacts and calls are deleted.
 */
export function createDistrictArchive(sqlite: Database) {
  // An erased person leaves the list's contacts (coverage stays honest), but not the counts of calls made.
  const one = sqlite.prepare(
    `INSERT INTO district_archive (list_id, district, contacts, persons_called, attempts, answered, conversations)
     SELECT list_id, district, 0, called, attempts, answered, conversations FROM (${PER_CONTACT} WHERE c.id = ? GROUP BY c.id) WHERE true
     ${ADD}`,
  );
  // At the end of the campaign the lists keep their contact counts, and so do the districts.
  const all = sqlite.prepare(
    `INSERT INTO district_archive (list_id, district, contacts, persons_called, attempts, answered, conversations)
     SELECT list_id, district, COUNT(*), SUM(called), SUM(attempts), SUM(answered), SUM(conversations)
     FROM (${PER_CONTACT} GROUP BY c.id) GROUP BY list_id, district
     ${ADD}`,
  );
  return {
    keepContact: (contactId: number) => void one.run(contactId),
    keepAll: () => void all.run(),
  };
}
