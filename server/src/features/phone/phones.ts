import type { Database } from 'better-sqlite3';
import type { PairResult, PairState, PhoneContact } from '@ringstuga/shared';
import { failure } from '../../errors.ts';
import { phoneChannel, stationChannel, type Realtime } from '../../realtime/realtime.ts';
import { hashToken, newSecret } from '../auth/tokens.ts';
import type { CallingService } from '../calling/calling.service.ts';
import { createPairingsRepo } from './pairings.repo.ts';

/** A pairing lasts at most this long (a shift is about two hours); check-out ends it sooner. */
export const PAIRING_TTL_MS = 4 * 60 * 60 * 1000;

export interface PhonesDeps {
  sqlite: Database;
  realtime: Realtime;
  calling: CallingService;
  now(): number;
  ttlMs?: number;
}

/**
 * Phones paired with stations: makes and ends pairings, and keeps a paired phone showing the
 * station's current contact. Nothing here runs for a station without a phone page connected.
 */
export function createPhones(deps: PhonesDeps) {
  const repo = createPairingsRepo(deps.sqlite);
  const { realtime } = deps;
  const ttlMs = deps.ttlMs ?? PAIRING_TTL_MS;

  const state = (stationId: number): PairState => {
    const pairing = repo.current(stationId, deps.now());
    return {
      paired: pairing !== undefined,
      phoneConnected: pairing !== undefined && realtime.phonesOf(stationId) > 0,
      expiresAt: pairing ? new Date(pairing.expires_at).toISOString() : null,
    };
  };
  const pushState = (stationId: number) => void realtime.stations.to(stationChannel(stationId)).emit('pair:state', state(stationId));
  /** Disconnects the station's phones whose pairing is no longer the valid one. */
  const dropPhones = (stationId: number) => {
    const valid = repo.current(stationId, deps.now());
    for (const socket of realtime.phones.sockets.values()) {
      if (socket.data.stationId === stationId && socket.data.pairingId !== valid?.id) socket.disconnect(true);
    }
  };

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
    };
  };

  return {
    state,
    pushState,
    /** A new pairing for the station's open shift; the previous phone is disconnected. */
    pair(stationId: number, origin: string): PairResult {
      const token = newSecret();
      const pairing = repo.create(stationId, hashToken(token), deps.now(), ttlMs);
      if (!pairing) return failure('not_checked_in', 'Check in before pairing a phone');
      dropPhones(stationId);
      pushState(stationId);
      // The token travels in the fragment, which browsers never send to a server or its logs.
      return { ok: true, url: `${origin}/phone#token=${token}`, expiresAt: new Date(pairing.expires_at).toISOString() };
    },
    revoke(stationId: number): void {
      repo.endAll(stationId, deps.now());
      dropPhones(stationId);
      pushState(stationId);
    },
    /** After a check-in, check-out or idle check-out: a pairing ends with its shift. */
    shiftChanged(stationId: number): void {
      if (repo.endStale(stationId, deps.now()) === 0) return;
      dropPhones(stationId);
      pushState(stationId);
    },
    /** The pairing a phone presents, if it is still valid. */
    validate: (token: string) => repo.valid(hashToken(token), deps.now()),
    contactOf,
    /** The station's contact may have changed: a connected phone is told (a station without one costs a map lookup). */
    contactChanged(stationId: number): void {
      if (realtime.phonesOf(stationId) === 0) return;
      realtime.phones.to(phoneChannel(stationId)).emit('phone:contact', contactOf(stationId));
    },
  };
}

export type Phones = ReturnType<typeof createPhones>;
