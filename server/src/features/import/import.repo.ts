import type { Database } from 'better-sqlite3';
import type { ParsedContact } from './parse-contacts.ts';

/** A contact already on the list, as a re-import compares it. */
export interface ExistingContact {
  id: number;
  name: string;
  phone: string;
  alt_phone: string | null;
  external_id: string | null;
  voting_district: string | null;
  priority: number;
  preferred_language: string | null;
}

/** Queries for writing an import; every write runs inside the caller's transaction. */
export function createImportRepo(sqlite: Database) {
  const page = sqlite.prepare(
    `SELECT id, name, phone, alt_phone, external_id, voting_district, priority, preferred_language
     FROM contacts WHERE list_id = ? AND id > ? ORDER BY id LIMIT ?`,
  );
  const insert = sqlite.prepare(
    `INSERT INTO contacts (list_id, name, phone, alt_phone, external_id, voting_district, priority, preferred_language,
       status, attempts, next_call_at, created_at)
     VALUES (@listId, @name, @phone, @altPhone, @externalId, @votingDistrict, @priority, @preferredLanguage, 'ready', 0, 0, @now)`,
  );
  const update = sqlite.prepare(
    `UPDATE contacts SET name = @name, phone = @phone, alt_phone = @altPhone, external_id = @externalId,
       voting_district = @votingDistrict, priority = @priority, preferred_language = @preferredLanguage,
       -- A new language (or none) is no longer the one a speaker was awaited for: anyone may call again.
       needs_speaker = IIF(preferred_language IS @preferredLanguage, needs_speaker, 0)
     WHERE id = @id`,
  );
  const count = sqlite.prepare('UPDATE call_lists SET contacts_count = contacts_count + ? WHERE id = ?');
  const recount = sqlite.prepare('UPDATE call_lists SET contacts_count = (SELECT COUNT(*) FROM contacts WHERE list_id = @listId) WHERE id = @listId');
  const setImporting = sqlite.prepare('UPDATE call_lists SET importing = ? WHERE id = ?');
  const dropContacts = sqlite.prepare('DELETE FROM contacts WHERE list_id = ?');
  const recordImport = sqlite.prepare(
    `INSERT INTO imports (list_id, actor, bytes, rows, imported, updated, rejected, created_at)
     VALUES (@listId, @actor, @bytes, @rows, @imported, @updated, @rejected, @now)`,
  );
  const interrupted = sqlite.prepare('SELECT id FROM call_lists WHERE importing = 1');
  const live = sqlite.prepare('SELECT 1 FROM call_lists WHERE id = ? AND deleted_at IS NULL');

  return {
    /** Up to `limit` of the list's contacts after id `after`: read in pages, between writes. */
    page: (listId: number, after: number, limit: number) => page.all(listId, after, limit) as ExistingContact[],
    /**
     * Inserts contacts from index `from` on, until all are in or `until` (performance.now()) has
     * passed, leaving out those `skip` names; returns the index it stopped at and how many it
     * inserted. The rules across lists are the allocator's, at hand-out (its invariant 8): written
     * here, they would show the importing association what happened to a number on another list.
     */
    insert(
      listId: number,
      contacts: readonly ParsedContact[],
      now: number,
      options: { from?: number; until?: number; skip?: (contact: ParsedContact) => boolean } = {},
    ): { next: number; inserted: number } {
      const { from = 0, until = Infinity, skip } = options;
      let next = from;
      let inserted = 0;
      while (next < contacts.length) {
        const contact = contacts[next]!;
        next += 1;
        if (skip?.(contact)) continue;
        insert.run({ ...contact, listId, now });
        inserted += 1;
        // The clock is read every 50 rows: it costs more than a row's insert.
        if (next % 50 === 0 && performance.now() > until) break;
      }
      return { next, inserted };
    },
    update: (id: number, contact: ParsedContact) => void update.run({ ...contact, id }),
    count: (listId: number, added: number) => void count.run(added, listId),
    /** Counts the list's contacts afresh (a first import, which an erasure may have thinned meanwhile). */
    recount: (listId: number) => void recount.run({ listId }),
    setImporting: (listId: number, importing: boolean) => void setImporting.run(importing ? 1 : 0, listId),
    dropContacts: (listId: number) => void dropContacts.run(listId),
    recordImport: (entry: { listId: number; actor: string; bytes: number; rows: number; imported: number; updated: number; rejected: number; now: number }) =>
      void recordImport.run(entry),
    /** False once the list has been deleted (it may be, while its file is being parsed). */
    exists: (listId: number) => live.get(listId) !== undefined,
    /** Lists a first import was writing when the server stopped. */
    interrupted: () => (interrupted.all() as { id: number }[]).map((row) => row.id),
  };
}

export type ImportRepo = ReturnType<typeof createImportRepo>;
