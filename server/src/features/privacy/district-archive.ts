import type { Database } from 'better-sqlite3';
import { CONVERSATION_SQL, REACHED_SQL } from '../../db/outcome-sql.ts';
import { districtFromCell } from '../import/district.ts';

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
  // Districts stored before imports checked them may be an address or a person ("Zelda
  // Secretsdottirs gata 5"): such a value is cleared before the counts are kept, so the archive
  // (which outlives the person) holds them under "no district" and never the text.
  const districtOf = sqlite.prepare('SELECT voting_district FROM contacts WHERE id = ?').pluck();
  const clearOne = sqlite.prepare('UPDATE contacts SET voting_district = NULL WHERE id = ?');
  const written = sqlite.prepare('SELECT DISTINCT voting_district FROM contacts WHERE voting_district IS NOT NULL').pluck();
  const clearAll = sqlite.prepare('UPDATE contacts SET voting_district = NULL WHERE voting_district = ?');
  const isDistrict = (value: string) => districtFromCell(value).problem === undefined;

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
    keepContact(contactId: number): void {
      const district = districtOf.get(contactId) as string | null | undefined;
      if (typeof district === 'string' && !isDistrict(district)) clearOne.run(contactId);
      one.run(contactId);
    },
    keepAll(): void {
      for (const district of written.all() as string[]) if (!isDistrict(district)) clearAll.run(district);
      all.run();
    },
  };
}
