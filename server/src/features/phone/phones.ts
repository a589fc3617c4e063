import type { PairResult, PairState, PhoneContact } from '@ringstuga/shared';
import type { Store, Tx } from '../../db/store/store.ts';
import { failure } from '../../errors.ts';
import type { Realtime } from '../../realtime/realtime.ts';
import { hashToken, newSecret } from '../auth/tokens.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { CallingService } from '../calling/calling.service.ts';
import { pairingsRepo as repo, type PairingRow } from './pairings.repo.ts';

/** A pairing lasts at most this long (a shift is about two hours); check-out ends it sooner. */
export const PAIRING_TTL_MS = 4 * 60 * 60 * 1000;

export interface PhonesDeps {
  store: Store;
  realtime: Pick<Realtime, 'phoneConnected'>;
  calling: CallingService;
  /** Pairings made and ended are audited: they change who can reach the station's calls. */
  audit: AuditLog;
  now(): number;
  ttlMs?: number;
}

/**
 * Phones paired with stations: makes and ends pairings, and keeps a paired phone showing the
 * station's current contact. The writes (`pair`, `revoke`, `endStale`, `admit`) run in the caller's
 * store write (its `q`); what they change is announced afterwards (realtime's `pairingChanged`), once committed.
 * Nothing here runs for a station without a phone page connected.
 */
export function createPhones(deps: PhonesDeps) {
  const { realtime, store } = deps;
  const ttlMs = deps.ttlMs ?? PAIRING_TTL_MS;

  const state = async (stationId: number): Promise<PairState> => {
    const { pairing, phoneConnected } = await store.read(async (q) => {
      const current = await repo.current(q, stationId, deps.now());
      return { pairing: current, phoneConnected: current !== undefined && (await realtime.phoneConnected(q, stationId)) };
    });
    return {
      paired: pairing !== undefined,
      phoneConnected,
      expiresAt: pairing ? new Date(pairing.expiresAt).toISOString() : null,
    };
  };

  const audited = (q: Tx, stationId: number, actor: string, reason: string) =>
    deps.audit.add(q, { actor, action: 'phone_unpair', target: `station:${stationId}`, detail: { reason } });

  const contactOf = async (stationId: number): Promise<PhoneContact | null> => {
    const assignment = await deps.calling.current(stationId, deps.now());
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
    /** A new pairing for the station's open shift (the previous one ends), with its token made before the write. */
    async pair(stationId: number, origin: string): Promise<PairResult> {
      const token = newSecret();
      const tokenHash = hashToken(token);
      const pairing = await store.write(async (q) => {
        const made = await repo.create(q, stationId, tokenHash, deps.now(), ttlMs);
        if (made) await deps.audit.add(q, { actor: `station:${stationId}`, action: 'phone_pair', target: `station:${stationId}`, detail: { pairing: made.id } });
        return made;
      });
      if (!pairing) return failure('not_checked_in', 'Check in before pairing a phone');
      // The token travels in the fragment, which browsers never send to a server or its logs.
      return { ok: true, url: `${origin}/phone#token=${token}`, expiresAt: new Date(pairing.expiresAt).toISOString() };
    },
    /** Ends the station's pairing (`actor` asked: the station, or whoever renewed its link). Inside a write. */
    async revoke(q: Tx, stationId: number, actor = `station:${stationId}`): Promise<void> {
      if ((await repo.endAll(q, stationId, deps.now())) > 0) await audited(q, stationId, actor, 'revoked');
    },
    /**
     * Ends a pairing whose shift is over (check-in, check-out, `actor` the station or 'system' for the
     * idle check-out) or whose time ran out; true if one ended. Inside a write.
     */
    async endStale(q: Tx, stationId: number, actor = `station:${stationId}`): Promise<boolean> {
      const ended = (await repo.endStale(q, stationId, deps.now())) > 0;
      if (ended) await audited(q, stationId, actor, 'shift_over_or_expired');
      return ended;
    },
    /** The pairing a phone presents, if still valid and not claimed by another device (the first device takes it: a write). */
    admit(token: string, device: string): Promise<(PairingRow & { roomId: number }) | undefined> {
      const tokenHash = hashToken(token);
      return store.write(async (q) => {
        const pairing = await repo.valid(q, tokenHash, deps.now());
        return pairing && (await repo.claim(q, pairing, device)) ? pairing : undefined;
      });
    },
    /** The id of the station's valid pairing, if any (phones presenting another one are let go). */
    validPairing: async (stationId: number): Promise<number | undefined> => (await store.read((q) => repo.current(q, stationId, deps.now())))?.id,
  };
}

export type Phones = ReturnType<typeof createPhones>;
