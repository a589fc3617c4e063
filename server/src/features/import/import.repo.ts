import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/open.ts';
import { callLists, campaigns, contacts, doNotCall, imports } from '../../db/schema.ts';
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

type ContactParams = Omit<ParsedContact, 'row'>;

/**
 * Queries for writing an import; every write runs inside the caller's transaction. The per-row
 * statements (the page of existing contacts, the insert and the update) stay hand-written SQL
 * prepared once: they run for each of up to 100 k rows (~3 s in all, bench/import.ts), where
 * building a drizzle query per row or mapping each row would cost more than the insert itself.
 */
export function createImportRepo(db: Db) {
  const sqlite = db.$client;
  /** A page of the list's contacts by id: contacts_list_phone (list_id = ?), then sorted by id. */
  const page = sqlite.prepare<[listId: number, after: number, limit: number], ExistingContact>(
    `SELECT id, name, phone, alt_phone, external_id, voting_district, priority, preferred_language
     FROM contacts WHERE list_id = ? AND id > ? ORDER BY id LIMIT ?`,
  );
  /** One new contact (its list and phone checked unique by contacts_list_phone). */
  const insert = sqlite.prepare<ContactParams & { listId: number; now: number }>(
    `INSERT INTO contacts (list_id, name, phone, alt_phone, external_id, voting_district, priority, preferred_language,
       status, attempts, next_call_at, created_at)
     VALUES (@listId, @name, @phone, @altPhone, @externalId, @votingDistrict, @priority, @preferredLanguage, 'ready', 0, 0, @now)`,
  );
  /** One contact matched by a re-import, by its rowid. */
  const update = sqlite.prepare<ContactParams & { id: number }>(
    `UPDATE contacts SET name = @name, phone = @phone, alt_phone = @altPhone, external_id = @externalId,
       voting_district = @votingDistrict, priority = @priority, preferred_language = @preferredLanguage,
       -- A new language (or none) is no longer the one a speaker was awaited for: anyone may call again.
       needs_speaker = IIF(preferred_language IS @preferredLanguage, needs_speaker, 0)
     WHERE id = @id`,
  );
  const listIs = (listId: number) => eq(callLists.id, listId);

  return {
    /** Up to `limit` of the list's contacts after id `after`: read in pages, between writes. */
    page: (listId: number, after: number, limit: number): ExistingContact[] => page.all(listId, after, limit),
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
    count: (listId: number, added: number) =>
      void db
        .update(callLists)
        .set({ contactsCount: sql`${callLists.contactsCount} + ${added}` })
        .where(listIs(listId))
        .run(),
    /** Counts the list's contacts afresh (a first import, which an erasure may have thinned meanwhile). */
    recount: (listId: number) =>
      void db
        .update(callLists)
        .set({ contactsCount: sql`(SELECT count(*) FROM ${contacts} WHERE ${contacts.listId} = ${listId})` })
        .where(listIs(listId))
        .run(),
    setImporting: (listId: number, importing: boolean) => void db.update(callLists).set({ importing }).where(listIs(listId)).run(),
    dropContacts: (listId: number) => void db.delete(contacts).where(eq(contacts.listId, listId)).run(),
    recordImport: (entry: { listId: number; actor: string; bytes: number; rows: number; imported: number; updated: number; rejected: number; now: number }) => {
      const { now, ...counts } = entry;
      db.insert(imports).values({ ...counts, createdAt: now }).run();
    },
    /** False once the list has been deleted or its campaign archived (either may happen while its file is being parsed). */
    exists: (listId: number) =>
      db
        .select({ id: callLists.id })
        .from(callLists)
        .innerJoin(campaigns, eq(campaigns.id, callLists.campaignId))
        .where(and(listIs(listId), isNull(callLists.deletedAt), eq(campaigns.status, 'active')))
        .get() !== undefined,
    /** Lists a first import was writing when the server stopped. */
    interrupted: () =>
      db
        .select({ id: callLists.id })
        .from(callLists)
        .where(eq(callLists.importing, true))
        .all()
        .map((row) => row.id),
    /** Every number on the do-not-call register, for the parser to leave out. */
    doNotCallNumbers: () =>
      db
        .select({ phone: doNotCall.phone })
        .from(doNotCall)
        .all()
        .map((row) => row.phone),
  };
}

export type ImportRepo = ReturnType<typeof createImportRepo>;
