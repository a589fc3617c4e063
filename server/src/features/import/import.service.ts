import type { AdjustedRow, ImportMapping, ImportPreview, ImportProgress, ImportResult, RejectedRow } from '@ringstuga/shared';
import type { Store, Tx } from '../../db/store/store.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { ImportBusyError } from './import-error.ts';
import { progressReporter, readProgress, type ReportProgress } from './import-progress.ts';
import type { ErasureWatch } from './erasure-watch.ts';
import {
  addToCount,
  contactsPage,
  doNotCallNumbers,
  dropContacts,
  insertContacts,
  interruptedImports,
  listExists,
  lockNumbers,
  recordImport,
  recount,
  setImporting,
  updateContact,
  type ExistingContact,
} from './import.repo.ts';
import type { ParsedContact } from './parse-contacts.ts';
import { mergeReports, reportFields, reportRows } from './row-report.ts';
import { parseInWorker } from './run-parse.ts';

/** The list was deleted while its file was being read: nothing is written. */
export class ListGoneError extends Error {
  constructor() {
    super('No such list');
  }
}

/**
 * A first import inserts for about this long per slice, each slice its own transaction, so
 * stations' writes get in between; applying the per-number rules to the slice takes about as long
 * again. Fixed 2,000-row chunks held stations up ~20 ms each; fixed 500-row chunks cost a third
 * more time in all.
 */
const SLICE_MS = 5;
/** Below this many new rows a first import is written at once. */
const SMALL_IMPORT = 500;
/** Rows matched between yields to the stations, for the same reason. */
const PLAN_SLICE = 2_000;

/** The key an association's running import holds (`Store.hold`). */
export const importLock = (associationId: number) => `import:association:${associationId}`;

const yieldToStations = () => new Promise((resolve) => setImmediate(resolve));

interface Plan {
  inserts: ParsedContact[];
  updates: { id: number; contact: ParsedContact }[];
  unchanged: number;
  rejected: RejectedRow[];
  /** Matched rows whose new number another contact on the list has: the rest of the row is taken. */
  adjusted: AdjustedRow[];
}

const FIELDS = [
  ['name', 'name'],
  ['phone', 'phone'],
  ['altPhone', 'alt_phone'],
  ['externalId', 'external_id'],
  ['votingDistrict', 'voting_district'],
  ['priority', 'priority'],
  ['preferredLanguage', 'preferred_language'],
] as const;

function changes(existing: ExistingContact, incoming: ParsedContact): boolean {
  return FIELDS.some(([field, column]) => incoming[field] !== existing[column]);
}

export interface ImportRequest {
  listId: number;
  /** The list's association: it runs one import at a time. */
  associationId: number;
  bytes: Uint8Array;
  /** Sent as an .xlsx workbook (content type or file name). */
  declaredXlsx: boolean;
  mapping?: ImportMapping;
  actor: string;
  /** Only read the file and say what would happen; write nothing. */
  dryRun: boolean;
  /** The client's id for this upload, under which its progress can be read while it runs. */
  importId?: string;
}

/**
 * Imports a file into a list, whole or not at all. The file is parsed in a worker thread; a
 * list's first import is written in chunks while the list is hidden from stations and shown in
 * one step at the end; a re-import (contacts matched by external id, else by number, keeping their
 * call history) is written in one store write.
 */
export class ImportService {
  constructor(
    private readonly store: Store,
    private readonly audit: AuditLog,
    private readonly now: () => number,
    private readonly erasures: ErasureWatch,
  ) {}

  /** How far the import `importId` into `listId` has come, if it is running or finished lately. */
  progressOf(listId: number, importId: string): Promise<ImportProgress | undefined> {
    return readProgress(this.store, this.now, listId, importId);
  }

  async run(request: ImportRequest): Promise<ImportResult & { preview: ImportPreview }> {
    // In the database, not this node's memory: the page's polls may reach any node.
    const report = progressReporter(this.store, this.now, request.importId, request.listId);
    // One import per association (a dry run too), on every node together: each holds a worker and
    // up to a file's contacts in memory, so a second one waits (409) rather than doubling that. The
    // key stays held while the import runs: a node starting meanwhile leaves its list alone.
    const held = await this.store.hold(importLock(request.associationId));
    if (!held) throw new ImportBusyError();
    // From the start: a person erased while the file is read or written must not come back with it.
    let watch: Awaited<ReturnType<ErasureWatch['begin']>>;
    try {
      watch = await this.erasures.begin();
    } catch (error) {
      await held.release();
      throw error;
    }
    // Shown as running only once the watch is on: on PostgreSQL `begin` waits for its shared lock,
    // and an erasure in that gap (the import already shown) was missed and the person came back.
    try {
      await report('parsing');
      const result = await this.runReported(request, watch.erased, report);
      await report('done', result.imported + result.updated, result.imported + result.updated);
      return result;
    } catch (error) {
      // The upload answers with the import's own error; should this write fail too, the row keeps
      // its last phase until it is swept, and the page has the upload's answer anyway.
      await report('failed').catch(() => undefined);
      throw error;
    } finally {
      await held.release();
      await this.erasures.end(watch);
    }
  }

  private async runReported(
    request: ImportRequest,
    erased: ReadonlySet<string>,
    report: ReportProgress,
  ): Promise<ImportResult & { preview: ImportPreview }> {
    const doNotCall = await this.store.read((q) => doNotCallNumbers(q));
    const fileBytes = request.bytes.length; // the bytes move to the parser's worker
    const parsed = await parseInWorker({
      bytes: request.bytes,
      mapping: request.mapping,
      doNotCall,
      preview: request.dryRun,
      declaredXlsx: request.declaredXlsx,
    });
    await report('matching', 0, parsed.contacts.length);
    const plan = await this.plan(request.listId, parsed.contacts);
    const total = plan.inserts.length + plan.updates.length;
    await report('writing', 0, total);
    // A row the matching left out was not imported, adjusted or not.
    const leftOut = new Set(plan.rejected.map((row) => row.row));
    const rejected = mergeReports(parsed.rejections, reportRows(plan.rejected));
    const adjusted = reportRows([...parsed.adjusted.filter((row) => !leftOut.has(row.row)), ...plan.adjusted]);
    const { notOffered } = parsed;
    const result = { imported: plan.inserts.length, updated: plan.updates.length, unchanged: plan.unchanged, notOffered, ...reportFields(rejected, adjusted), preview: parsed.preview };
    const summary = () => ({ rows: parsed.preview.rows, imported: result.imported, updated: result.updated, notOffered, rejected: result.rejectedCount });
    if (request.dryRun) {
      // A dry run reads the file against the list and the register as an import does: logged like one.
      await this.store.write((q) =>
        this.audit.add(q, { actor: request.actor, action: 'import', target: `list:${request.listId}`, detail: { ...summary(), dryRun: true } }),
      );
      return result;
    }

    const fresh =
      plan.updates.length === 0 && plan.unchanged === 0 && (await this.store.read((q) => contactsPage(q, request.listId, 0, 1))).length === 0;
    if (fresh && plan.inserts.length > SMALL_IMPORT) {
      result.imported = await this.writeHidden(request.listId, plan.inserts, erased, (done) => report('writing', done, total));
    } else {
      const { imported, updated, numbersKept } = await this.store.write((q) => this.writeAtOnce(q, request.listId, plan, erased));
      Object.assign(result, { imported, updated }, reportFields(rejected, mergeReports(adjusted, reportRows(numbersKept))));
    }

    await this.store.write(async (q) => {
      const now = this.now();
      const { rows, imported, updated, rejected } = summary();
      await recordImport(q, { listId: request.listId, actor: request.actor, bytes: fileBytes, now, rows, imported, updated, rejected });
      await this.audit.add(q, { actor: request.actor, action: 'import', target: `list:${request.listId}`, detail: summary() });
    });
    return result;
  }

  /**
   * Clears what an interrupted first import left behind; its list was never shown to stations.
   * Only imports no node runs any more: a running one holds its association's key (`run`), which a
   * node that died has lost with its connection.
   */
  recoverInterrupted(): Promise<number[]> {
    return this.store.write(async (q) => {
      const cleared: number[] = [];
      for (const { id, associationId } of await interruptedImports(q)) {
        if (!(await q.tryLock(importLock(associationId)))) continue;
        await dropContacts(q, id);
        await setImporting(q, id, false);
        cleared.push(id);
      }
      return cleared;
    });
  }

  /** Matches the file against the list, reading the list in pages between the stations' writes. */
  private async plan(listId: number, contacts: ParsedContact[]): Promise<Plan> {
    const byExternal = new Map<string, ExistingContact>();
    const byPhone = new Map<string, ExistingContact>();
    for (let after = 0; ; ) {
      const from = after;
      const page = await this.store.read((q) => contactsPage(q, listId, from, 5_000));
      for (const contact of page) {
        if (contact.external_id !== null) byExternal.set(contact.external_id, contact);
        byPhone.set(contact.phone, contact);
      }
      if (page.length < 5_000) break;
      after = page.at(-1)!.id;
      await yieldToStations();
    }
    const plan: Plan = { inserts: [], updates: [], unchanged: 0, rejected: [], adjusted: [] };
    const seenExternal = new Set<string>();
    const matched = new Set<number>();
    for (const [index, contact] of contacts.entries()) {
      if (index > 0 && index % PLAN_SLICE === 0) await yieldToStations();
      if (contact.externalId !== null) {
        if (seenExternal.has(contact.externalId)) {
          plan.rejected.push({ row: contact.row, reason: 'duplicate_in_file', value: contact.externalId });
          continue;
        }
        seenExternal.add(contact.externalId);
      }
      const existing = (contact.externalId !== null ? byExternal.get(contact.externalId) : undefined) ?? byPhone.get(contact.phone);
      if (!existing || matched.has(existing.id)) {
        if (existing) plan.rejected.push({ row: contact.row, reason: 'duplicate_in_file', value: contact.phone });
        else plan.inserts.push(contact);
        continue;
      }
      matched.add(existing.id);
      // A new number already used by another contact on the list stays as it was, and the row says so.
      const owner = byPhone.get(contact.phone);
      const taken = owner !== undefined && owner.id !== existing.id;
      if (taken) plan.adjusted.push({ row: contact.row, reason: 'number_on_another_contact', value: contact.phone });
      const next = taken ? { ...contact, phone: existing.phone } : contact;
      if (changes(existing, next)) plan.updates.push({ id: existing.id, contact: next });
      else plan.unchanged += 1;
    }
    return plan;
  }

  /** Writes the plan in one write, leaving out numbers erased since the import began; returns what it wrote. */
  /**
   * Writes the plan in one write, leaving out numbers erased since the import began; returns what it
   * wrote, and the rows whose new number waits for the person's call to end.
   */
  private async writeAtOnce(
    q: Tx,
    listId: number,
    plan: Plan,
    erased: ReadonlySet<string>,
  ): Promise<{ imported: number; updated: number; numbersKept: AdjustedRow[] }> {
    if (!(await listExists(q, listId))) throw new ListGoneError();
    let updated = 0;
    const numbersKept: AdjustedRow[] = [];
    const skip = await this.erasures.guard(q, erased);
    for (const { id, contact } of plan.updates) {
      // Locked before the watch is asked: an erasure of the number that held the lock has told it by then.
      await lockNumbers(q, contact);
      if (skip(contact)) continue;
      if (await updateContact(q, id, contact)) numbersKept.push({ row: contact.row, reason: 'number_kept_during_call', value: contact.phone });
      updated += 1;
    }
    const { inserted } = await insertContacts(q, listId, plan.inserts, this.now(), { skip });
    await addToCount(q, listId, inserted);
    return { imported: inserted, updated, numbersKept };
  }

  /**
   * A first import: chunks into a hidden list, shown in one step; on any failure, nothing stays.
   * Each chunk leaves out numbers erased since the import began; returns how many were written.
   */
  private async writeHidden(listId: number, contacts: ParsedContact[], erased: ReadonlySet<string>, written: (done: number) => Promise<void>): Promise<number> {
    await this.store.write(async (q) => {
      if (!(await listExists(q, listId))) throw new ListGoneError();
      await setImporting(q, listId, true);
    });
    let inserted = 0;
    try {
      for (let next = 0; next < contacts.length; ) {
        const from = next;
        // One store write per chunk; its time budget starts when the write runs, not when it is queued.
        const chunk = await this.store.write(async (q) => {
          const skip = await this.erasures.guard(q, erased);
          return insertContacts(q, listId, contacts, this.now(), { from, until: performance.now() + SLICE_MS, skip });
        });
        next = chunk.next;
        inserted += chunk.inserted;
        await written(next);
      }
      await this.store.write(async (q) => {
        // Deleted or archived meanwhile: what this import wrote goes too (below).
        if (!(await listExists(q, listId))) throw new ListGoneError();
        // Counted afresh: an erasure meanwhile deleted rows this import had written.
        await recount(q, listId);
        await setImporting(q, listId, false);
      });
      return inserted;
    } catch (error) {
      await this.store.write(async (q) => {
        await dropContacts(q, listId);
        await setImporting(q, listId, false);
      });
      throw error;
    }
  }
}
