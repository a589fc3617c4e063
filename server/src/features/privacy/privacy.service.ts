import type { CampaignArchived, DoNotCallResult, ErasureResult } from '@ringstuga/shared';
import { normalisePhone } from '@ringstuga/shared/phone';
import type { Db } from '../../db/open.ts';
import type { WriteBatcher } from '../../db/write-batcher.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { createAuditTrail, type AuditTrail } from './audit-trail.ts';
import { createDoNotCallRepo, type DoNotCallRepo, type DoNotCallSource } from './do-not-call.repo.ts';
import { createErasureRepo, type ErasureRepo, type WithdrawnLease } from './erasure.repo.ts';
import { createPurgeRepo, type PurgeRepo, type PurgeScope } from './purge.repo.ts';
import { compact, truncateWal } from './scrub.ts';

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
  db: Db;
  /** The app's audit log: each change and its audit row commit together. */
  auditLog: AuditLog;
  /** Every write here may run while stations call: it goes through their batcher. */
  writes: WriteBatcher;
  now: () => number;
  /** People's data left the calling tables: leaderboards (contacts) and boards should refresh. */
  onErased: () => void;
  /**
   * A person is being erased, inside the erasure's write: imports running now must not bring them back.
   * After it commits, `withdrawn` says which stations held them: those (and their phones) drop them.
   */
  onPersonErased: (phone: string) => void;
  onWithdrawn: (withdrawn: readonly WithdrawnLease[]) => void;
  warn: (error: unknown, message: string) => void;
  /** Other features' personal data the purge removes too, in its transaction (volunteers': volunteers/); counts for the audit. */
  purgeAlso?: (scope: PurgeScope, now: number) => Promise<Record<string, number>>;
}

/**
 * The register, erasure, list deletion and the end-of-campaign purge. Each
 * change and its audit row commit together, in one transaction.
 */
export class PrivacyService {
  readonly audit: AuditTrail;
  private readonly register: DoNotCallRepo;
  private readonly erasure: ErasureRepo;
  private readonly purgeRepo: PurgeRepo;

  constructor(private readonly deps: PrivacyDeps) {
    this.audit = createAuditTrail(deps.db, deps.auditLog);
    this.register = createDoNotCallRepo(deps.db);
    this.erasure = createErasureRepo(deps.db);
    this.purgeRepo = createPurgeRepo(deps.db);
  }

  registerCounts() {
    return this.register.counts();
  }

  async addToRegister(typed: readonly string[], source: Exclude<DoNotCallSource, 'outcome'>, actor: string): Promise<DoNotCallResult> {
    const { phones, invalid } = normaliseAll(typed);
    if (phones.length === 0) return { added: 0, present: 0, invalid };
    const { added, present } = await this.deps.writes.run(() => {
      const result = this.register.add(phones, source, this.deps.now());
      this.audit.record({ actor, action: 'do_not_call', target: 'register', detail: { source, ...result, invalid: invalid.length } });
      return result;
    });
    return { added, present, invalid };
  }

  /** Takes a number off the register; contacts it closed stay closed. */
  async removeFromRegister(typed: string, actor: string): Promise<'removed' | 'absent' | 'invalid'> {
    const phone = normalisePhone(typed);
    if (!phone) return 'invalid';
    return this.deps.writes.run(() => {
      if (!this.register.remove(phone)) return 'absent';
      this.audit.record({ actor, action: 'do_not_call', target: 'register', detail: { removed: 1 } });
      return 'removed';
    });
  }

  /** Removes one person, by number, from every list and call row; null if the number is not valid. */
  async erasePerson(typed: string, actor: string): Promise<ErasureResult | null> {
    const phone = normalisePhone(typed);
    if (!phone) return null;
    const { contacts, calls, withdrawn } = await this.scrubbed(() => {
      const { withdrawn: leases, ...erased } = this.erasure.erasePerson(phone, this.deps.now());
      this.deps.onPersonErased(phone);
      // Logged even when nothing matched: that the request was carried out is what the log is for.
      this.audit.record({ actor, action: 'erase', target: 'person', detail: { ...erased } });
      return { ...erased, withdrawn: leases };
    });
    if (withdrawn.length > 0) this.deps.onWithdrawn(withdrawn);
    if (contacts > 0) this.deps.onErased();
    return { contacts, calls };
  }

  /** Deletes a list's personal data; false while its first import is still writing it. */
  async deleteList(listId: number, actor: string): Promise<boolean> {
    const done = await this.scrubbed(() => {
      if (this.erasure.importing(listId)) return false;
      const erased = this.erasure.deleteListData(listId, this.deps.now());
      this.audit.record({ actor, action: 'erase', target: `list:${listId}`, detail: { ...erased } });
      return true;
    });
    if (done) this.deps.onErased();
    return done;
  }

  async purge(actor: string): Promise<ErasureResult> {
    const purged = await this.deps.writes.run(async () => {
      const now = this.deps.now();
      const { withdrawn, ...result } = this.purgeRepo.purge('everything', now);
      const also = (await this.deps.purgeAlso?.('everything', now)) ?? {};
      this.audit.record({ actor, action: 'erase', target: 'campaign', detail: { ...result, ...also } });
      return { ...result, withdrawn };
    });
    try {
      compact(this.deps.db.$client);
    } catch (error) {
      // The purge itself has committed, its deletes zeroed; what is left is leftovers of rows
      // rewritten before secure_delete was on. Worth a warning, not a failed purge.
      this.deps.warn(error, 'purged, but the database file could not be compacted (VACUUM): run it once the file is free');
    }
    this.afterPurge(purged.withdrawn);
    return { contacts: purged.contacts, calls: purged.calls };
  }

  /**
   * One campaign's part of the purge (archiving it): its personal data, inside the caller's write.
   * Call `afterPurge` with `withdrawn` once that write has committed.
   */
  async purgeCampaign(campaignId: number, now: number): Promise<{ counts: CampaignArchived; withdrawn: WithdrawnLease[] }> {
    const scope = { campaignId };
    const purged = this.purgeRepo.purge(scope, now);
    const also = (await this.deps.purgeAlso?.(scope, now)) ?? {};
    const { contacts, calls, answers, newHelpers, shifts } = purged;
    return { counts: { contacts, calls, answers, newHelpers, shifts, volunteers: also.volunteers ?? 0 }, withdrawn: purged.withdrawn };
  }

  /** After a purge has committed: the deleted rows leave the WAL, stations drop the people they held, boards refresh. */
  afterPurge(withdrawn: readonly WithdrawnLease[]): void {
    truncateWal(this.deps.db.$client);
    if (withdrawn.length > 0) this.deps.onWithdrawn(withdrawn);
    this.deps.onErased();
  }

  /** Renames a list or switches its notes; stations read the switch from their next contact card. */
  /** A batched write whose deleted rows must not stay in the WAL's old pages: emptied once it has committed. */
  private async scrubbed<T>(work: () => T): Promise<T> {
    const result = await this.deps.writes.run(work);
    truncateWal(this.deps.db.$client);
    return result;
  }
}
