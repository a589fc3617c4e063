import type { CampaignArchived, DoNotCallResult, ErasureResult } from '@ringstuga/shared';
import { normalisePhone } from '@ringstuga/shared/phone';
import type { Store, Tx } from '../../db/store/store.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { createAuditTrail, type AuditTrail } from './audit-trail.ts';
import { addNumbers, registerCounts, removeNumber, type DoNotCallSource } from './do-not-call.repo.ts';
import { deleteListData, erasePerson, ERASED_TABLES, listImporting, type WithdrawnLease } from './erasure.repo.ts';
import { purge, PURGED_TABLES, type PurgeScope } from './purge.repo.ts';

/** Numbers as typed: the distinct valid ones in E.164, and the invalid ones as they were written. */
export function normaliseAll(typed: readonly string[]): { phones: string[]; invalid: string[] } {
  const phones = new Set<string>();
  const invalid: string[] = [];
  for (const input of typed) {
    const phone = normalisePhone(input);
    if (phone) phones.add(phone);
    else invalid.push(input);
  }
  return { phones: [...phones], invalid };
}

export interface PrivacyDeps {
  /** Every write here may run while stations call: each is one atomic write of the store, with its audit row. */
  store: Store;
  /** The app's audit log: each change and its audit row commit together. */
  auditLog: AuditLog;
  now: () => number;
  /** People's data left the calling tables: leaderboards (contacts) and boards should refresh. */
  onErased: () => void;
  /**
   * A person is being erased, inside the erasure's write: imports running now must not bring them back.
   * After it commits, `withdrawn` says which stations held them: those (and their phones) drop them.
   */
  /** Inside the erasure's write, before anything is deleted (import/erasure-watch.ts). */
  onPersonErased: (q: Tx, phone: string) => Promise<void>;
  onWithdrawn: (withdrawn: readonly WithdrawnLease[]) => void;
  warn: (error: unknown, message: string) => void;
  /** Other features' personal data the purge removes too, in its write (volunteers': volunteers/); counts for the audit. */
  purgeAlso?: (q: Tx, scope: PurgeScope, now: number) => Promise<Record<string, number>>;
}

/**
 * The register, erasure, list deletion and the end-of-campaign purge. Each
 * change and its audit row commit together, in one write.
 */
export class PrivacyService {
  readonly audit: AuditTrail;

  constructor(private readonly deps: PrivacyDeps) {
    this.audit = createAuditTrail(deps.auditLog);
  }

  registerCounts() {
    return this.deps.store.read((q) => registerCounts(q));
  }

  async addToRegister(typed: readonly string[], source: Exclude<DoNotCallSource, 'outcome'>, actor: string): Promise<DoNotCallResult> {
    const { phones, invalid } = normaliseAll(typed);
    if (phones.length === 0) return { added: 0, present: 0, invalid };
    const { added, present } = await this.deps.store.write(async (q) => {
      const result = await addNumbers(q, phones, source, this.deps.now());
      await this.audit.record(q, { actor, action: 'do_not_call', target: 'register', detail: { source, ...result, invalid: invalid.length } });
      return result;
    });
    return { added, present, invalid };
  }

  /** Takes a number off the register; contacts it closed stay closed. */
  async removeFromRegister(typed: string, actor: string): Promise<'removed' | 'absent' | 'invalid'> {
    const phone = normalisePhone(typed);
    if (!phone) return 'invalid';
    return this.deps.store.write(async (q) => {
      if (!(await removeNumber(q, phone))) return 'absent';
      await this.audit.record(q, { actor, action: 'do_not_call', target: 'register', detail: { removed: 1 } });
      return 'removed';
    });
  }

  /** Removes one person, by number, from every list and call row; null if the number is not valid. */
  async erasePerson(typed: string, actor: string): Promise<ErasureResult | null> {
    const phone = normalisePhone(typed);
    if (!phone) return null;
    const { contacts, calls, withdrawn } = await this.erasing(async (q) => {
      // Inside the write, unlike every other effect, and first: an import's chunk queued behind this
      // write (in the same SQLite batch, or on another node) must already leave the number out.
      // Adding it twice (a retried write) changes nothing, and adding a number whose erasure then
      // fails only skips it in an import.
      await this.deps.onPersonErased(q, phone);
      const { withdrawn: leases, ...erased } = await erasePerson(q, phone, this.deps.now());
      // Logged even when nothing matched: that the request was carried out is what the log is for.
      await this.audit.record(q, { actor, action: 'erase', target: 'person', detail: { ...erased } });
      return { ...erased, withdrawn: leases };
    });
    if (withdrawn.length > 0) this.deps.onWithdrawn(withdrawn);
    if (contacts > 0) this.deps.onErased();
    return { contacts, calls };
  }

  /** Deletes a list's personal data; false while its first import is still writing it. */
  async deleteList(listId: number, actor: string): Promise<boolean> {
    const done = await this.erasing(async (q) => {
      if (await listImporting(q, listId)) return false;
      const erased = await deleteListData(q, listId, this.deps.now());
      await this.audit.record(q, { actor, action: 'erase', target: `list:${listId}`, detail: { ...erased } });
      return true;
    });
    if (done) this.deps.onErased();
    return done;
  }

  async purge(actor: string): Promise<ErasureResult> {
    const purged = await this.deps.store.write(async (q) => {
      const now = this.deps.now();
      const { withdrawn, ...result } = await purge(q, 'everything', now);
      const also = (await this.deps.purgeAlso?.(q, 'everything', now)) ?? {};
      await this.audit.record(q, { actor, action: 'erase', target: 'campaign', detail: { ...result, ...also } });
      return { ...result, withdrawn };
    });
    try {
      await this.deps.store.scrub(PURGED_TABLES, { compact: true });
    } catch (error) {
      // The purge itself has committed, its deletes zeroed; what is left is leftovers of rows
      // rewritten before secure_delete was on. Worth a warning, not a failed purge.
      this.deps.warn(error, 'purged, but the database file could not be compacted (VACUUM): run it once the file is free');
    }
    await this.afterPurge(purged.withdrawn);
    return { contacts: purged.contacts, calls: purged.calls };
  }

  /**
   * One campaign's part of the purge (archiving it): its personal data, inside the caller's write.
   * Call `afterPurge` with `withdrawn` once that write has committed.
   */
  async purgeCampaign(q: Tx, campaignId: number, now: number): Promise<{ counts: CampaignArchived; withdrawn: WithdrawnLease[] }> {
    const scope = { campaignId };
    const purged = await purge(q, scope, now);
    const also = (await this.deps.purgeAlso?.(q, scope, now)) ?? {};
    const { contacts, calls, answers, newHelpers, shifts } = purged;
    return { counts: { contacts, calls, answers, newHelpers, shifts, volunteers: also.volunteers ?? 0 }, withdrawn: purged.withdrawn };
  }

  /** After a purge has committed: the deleted rows leave the store's files, stations drop the people they held, boards refresh. */
  async afterPurge(withdrawn: readonly WithdrawnLease[]): Promise<void> {
    await this.deps.store.scrub(PURGED_TABLES);
    if (withdrawn.length > 0) this.deps.onWithdrawn(withdrawn);
    this.deps.onErased();
  }

  /** A write whose deleted rows must not stay in the store's files: scrubbed once it has committed. */
  private async erasing<T>(work: (q: Tx) => Promise<T>): Promise<T> {
    const result = await this.deps.store.write(work);
    await this.deps.store.scrub(ERASED_TABLES);
    return result;
  }
}
