import type { PairResult, PairState, PhoneContact } from '@ringstuga/shared';
import type { Db } from '../../db/open.ts';
import { failure } from '../../errors.ts';
import type { Realtime } from '../../realtime/realtime.ts';
import { hashToken, newSecret } from '../auth/tokens.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { CallingService } from '../calling/calling.service.ts';
import { createPairingsRepo, type PairingRow } from './pairings.repo.ts';

/** A pairing lasts at most this long (a shift is about two hours); check-out ends it sooner. */
export const PAIRING_TTL_MS = 4 * 60 * 60 * 1000;

export interface PhonesDeps {
  db: Db;
  realtime: Pick<Realtime, 'phonesOf'>;
  calling: CallingService;
  /** Pairings made and ended are audited: they change who can reach the station's calls. */
  audit: AuditLog;
  now(): number;
  ttlMs?: number;
}

/**
 * Phones paired with stations: makes and ends pairings, and keeps a paired phone showing the
 * station's current contact. The writes (`pair`, `revoke`, `endStale`, `claim`) run in the caller's
 * write batch; what they change is announced afterwards (realtime's `pairingChanged`), once committed.
 * Nothing here runs for a station without a phone page connected.
 */
export function createPhones(deps: PhonesDeps) {
  const repo = createPairingsRepo(deps.db);
  const { realtime } = deps;
  const ttlMs = deps.ttlMs ?? PAIRING_TTL_MS;

  const state = (stationId: number): PairState => {
    const pairing = repo.current(stationId, deps.now());
    return {
      paired: pairing !== undefined,
      phoneConnected: pairing !== undefined && realtime.phonesOf(stationId) > 0,
      expiresAt: pairing ? new Date(pairing.expiresAt).toISOString() : null,
    };
  };

  const audited = (stationId: number, actor: string, reason: string) =>
    deps.audit.record({ actor, action: 'phone_unpair', target: `station:${stationId}`, detail: { reason } });

  const contactOf = (stationId: number): PhoneContact | null => {
    const assignment = deps.calling.current(stationId, deps.now());
    if (!assignment) return null;
    const { contact } = assignment;
    return {
      assignmentId: assignment.id,
      expiresAt: assignment.expiresAt,
      name: contact.name,
      phone: contact.phone,
      phoneDisplay: contact.phoneDisplay,
      preferredLanguage: contact.preferredLanguage,
      list: { name: contact.list.name, notesEnabled: contact.list.notesEnabled },
      questions: contact.questions,
    };
  };

  return {
    state,
    contactOf,
    /** A new pairing for the station's open shift (the previous one ends). Write: run it in the batch. */
    pair(stationId: number, origin: string): PairResult {
      const token = newSecret();
      const pairing = repo.create(stationId, hashToken(token), deps.now(), ttlMs);
      if (!pairing) return failure('not_checked_in', 'Check in before pairing a phone');
      deps.audit.record({ actor: `station:${stationId}`, action: 'phone_pair', target: `station:${stationId}`, detail: { pairing: pairing.id } });
      // The token travels in the fragment, which browsers never send to a server or its logs.
      return { ok: true, url: `${origin}/phone#token=${token}`, expiresAt: new Date(pairing.expiresAt).toISOString() };
    },
    /** Ends the station's pairing (`actor` asked: the station, or whoever renewed its link). Write: run it in the batch. */
    revoke(stationId: number, actor = `station:${stationId}`): void {
      if (repo.endAll(stationId, deps.now()) > 0) audited(stationId, actor, 'revoked');
    },
    /**
     * Ends a pairing whose shift is over (check-in, check-out, `actor` the station or 'system' for the
     * idle check-out) or whose time ran out; true if one ended. Write: run it in the batch.
     */
    endStale(stationId: number, actor = `station:${stationId}`): boolean {
      const ended = repo.endStale(stationId, deps.now()) > 0;
      if (ended) audited(stationId, actor, 'shift_over_or_expired');
      return ended;
    },
    /** The pairing a phone presents, if still valid and not claimed by another device. Write: run it in the batch. */
    admit(token: string, device: string): (PairingRow & { roomId: number }) | undefined {
      const pairing = repo.valid(hashToken(token), deps.now());
      return pairing && repo.claim(pairing, device) ? pairing : undefined;
    },
    /** The id of the station's valid pairing, if any (phones presenting another one are let go). */
    validPairing: (stationId: number): number | undefined => repo.current(stationId, deps.now())?.id,
  };
}

export type Phones = ReturnType<typeof createPhones>;
