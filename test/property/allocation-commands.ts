// The commands of the allocation model: what stations (and an admin) can do to the calling
// service, each checking its own promise and then every invariant against the database.
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { expect } from 'vitest';
import { OUTCOME_RULES, OUTCOMES, type CallOutcomeInput, type OkResult, type Outcome } from '@ringstuga/shared';
import {
  activeLease,
  addDoNotCall,
  callCount,
  checkInvariants,
  contactStates,
  doNotCallSet,
  lease,
  LEASE_MS,
  COOLDOWN_MS,
  offerable,
  snapshot,
  type ContactState,
  type Harness,
  type LeaseRow,
  shiftLanguages,
} from './allocation-harness.ts';
import { rows, single } from '../helpers/store-values.ts';

interface Held {
  id: string;
  contactId: number;
  phone: string;
}

interface StationModel {
  /** The assignment the station last got and has not finished. */
  current?: Held;
  /** Assignments skipped, expired or refused: a late report on them must not corrupt anything. */
  ended: Held[];
  /** Assignments whose outcome was recorded, with the report that recorded it. */
  reported: { held: Held; input: CallOutcomeInput }[];
}

export interface Model {
  stations: StationModel[];
}

export interface Real {
  h: Harness;
  /** Each number reached, with the one contact it was reached through. */
  reached: Map<string, number>;
}

type AllocationCommand = fc.AsyncCommand<Model, Real>;

const DAY_MS = 24 * 60 * 60 * 1000;

const stationOf = (model: Readonly<Model>, index: number) => model.stations[index % model.stations.length]!;
const stationIdOf = (real: Real, index: number) => real.h.stationIds[index % real.h.stationIds.length]!;

function outcomeInput(held: Held, outcome: Outcome, now: number, callbackOffset: number): CallOutcomeInput {
  return {
    assignmentId: held.id,
    outcome,
    ...(outcome === 'call_back' && { callbackAt: new Date(now + callbackOffset).toISOString() }),
    ...(outcome === 'language_barrier' && { language: 'ar' }),
  };
}

/** What a report on `row` must answer, given the contact's state: the service's promise, restated. */
function expectedAnswer(row: LeaseRow, contact: ContactState): OkResult {
  if (row.status === 'completed' || row.status === 'active') return { ok: true };
  if (row.status === 'skipped') return { ok: false, error: { code: 'assignment_closed', message: expect.any(String) } };
  if (contact.status === 'held') return { ok: false, error: { code: 'assignment_taken', message: expect.any(String) } };
  if (contact.status === 'done') return { ok: false, error: { code: 'assignment_closed', message: expect.any(String) } };
  // A late report must not overwrite an attempt made since the lease began.
  if ((contact.last_attempt_at ?? 0) > row.created_at) {
    return { ok: false, error: { code: 'assignment_closed', message: expect.any(String) } };
  }
  return { ok: true };
}

/** Records a report through the service and checks its answer, the call rows and the reached numbers. */
async function report(real: Real, stationId: number, held: Held, input: CallOutcomeInput): Promise<OkResult> {
  const { store, service, clock } = real.h;
  const row = (await lease(store, held.id))!;
  const contact = (await contactStates(store)).get(held.contactId)!;
  const before = await snapshot(store);
  const calls = await callCount(store);
  const { result } = await service.recordOutcome(stationId, input, clock.now());
  expect(result).toEqual(expectedAnswer(row, contact));
  if (!result.ok || row.status === 'completed') {
    expect(await snapshot(store), 'a refused or repeated report changed rows').toEqual(before);
    return result;
  }
  expect(await callCount(store)).toBe(calls + 1);
  if (OUTCOME_RULES[input.outcome].reached) {
    const via = real.reached.get(held.phone);
    expect(via === undefined || via === held.contactId, 'a number was reached through two lists').toBe(true);
    real.reached.set(held.phone, held.contactId);
  }
  return result;
}

class Claim implements AllocationCommand {
  constructor(readonly station: number) {}
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    const { store, service, clock } = real.h;
    const now = clock.now();
    const stationId = stationIdOf(real, this.station);
    const me = stationOf(model, this.station);
    const contactsBefore = await contactStates(store);
    const leasesBefore = new Map(
      (await rows<LeaseRow>(store, sql`SELECT phone, expires_at FROM assignments WHERE status = 'active'`)).map((row) => [row.phone, row.expires_at]),
    );
    const held = await activeLease(store, stationId);
    const doNotCall = await doNotCallSet(store);

    const result = await service.next(stationId, now);
    if (!result.ok) throw new Error(`contact:next failed: ${JSON.stringify(result)}`);
    const offered = result.assignment;
    if (held && held.expires_at > now) {
      if (doNotCall.has(held.phone)) expect((await lease(store, held.id))?.status, 'a do-not-call number was resumed').toBe('expired');
      else expect(offered?.id, 'a second claim must resume the held assignment').toBe(held.id);
    }
    if (me.current && me.current.id !== offered?.id) me.ended.push(me.current);
    me.current = undefined;
    if (!offered) {
      expect(await offerable(store, stationId, now), `nothing offered (${result.reason}) although contacts are free`).toEqual([]);
      return checkInvariants(store);
    }
    const { contact } = offered;
    expect(doNotCall.has(contact.phone), 'offered a number on the do-not-call register').toBe(false);
    me.current = { id: offered.id, contactId: contact.id, phone: contact.phone };
    if (offered.id !== held?.id) {
      const was = contactsBefore.get(contact.id)!;
      const leaseEnded = (leasesBefore.get(was.phone) ?? Infinity) <= now;
      expect(was.status === 'ready' || (was.status === 'held' && leaseEnded), `offered a ${was.status} contact`).toBe(true);
      expect(was.next_call_at, 'offered a contact before it was due').toBeLessThanOrEqual(now);
      const speaks = await single(
        store,
        sql`SELECT CASE WHEN c.needs_speaker = 0 OR c.preferred_language IN (${shiftLanguages(store.dialect)}) THEN 1 ELSE 0 END
           FROM contacts c JOIN shifts sh ON sh.station_id = ${stationId} AND sh.ended_at IS NULL WHERE c.id = ${contact.id}`,
      );
      expect(speaks, 'offered a contact waiting for a speaker to a volunteer without the language').toBe(1);
      const via = real.reached.get(contact.phone);
      expect(via === undefined || via === contact.id, 'offered a reached number through another list').toBe(true);
    }
    await checkInvariants(store);
  }
  toString = () => `claim(${this.station})`;
}

class Report implements AllocationCommand {
  constructor(
    readonly station: number,
    readonly outcome: Outcome,
    readonly callbackOffset: number,
  ) {}
  check = (model: Readonly<Model>) => stationOf(model, this.station).current !== undefined;
  async run(model: Model, real: Real): Promise<void> {
    const me = stationOf(model, this.station);
    const held = me.current!;
    const now = real.h.clock.now();
    const input = outcomeInput(held, this.outcome, now, this.callbackOffset);
    const badCallback = this.outcome === 'call_back' && (this.callbackOffset <= 0 || this.callbackOffset > 90 * DAY_MS);
    if (badCallback) {
      const before = await snapshot(real.h.store);
      const { result } = await real.h.service.recordOutcome(stationIdOf(real, this.station), input, now);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
      expect(await snapshot(real.h.store)).toEqual(before);
      return checkInvariants(real.h.store);
    }
    const result = await report(real, stationIdOf(real, this.station), held, input);
    me.current = undefined;
    if (result.ok) me.reported.push({ held, input });
    else me.ended.push(held);
    await checkInvariants(real.h.store);
  }
  toString = () => `report(${this.station}, ${this.outcome}, ${this.callbackOffset})`;
}

/** The station sends a report again (a retry after a lost acknowledgement), as it was or changed. */
class RepeatReport implements AllocationCommand {
  constructor(
    readonly station: number,
    readonly pick: number,
    readonly changedTo: Outcome | null,
  ) {}
  check = (model: Readonly<Model>) => stationOf(model, this.station).reported.length > 0;
  async run(model: Model, real: Real): Promise<void> {
    const { reported } = stationOf(model, this.station);
    const { held, input } = reported[this.pick % reported.length]!;
    const now = real.h.clock.now();
    const again = this.changedTo === null ? input : outcomeInput(held, this.changedTo, now, LEASE_MS);
    const before = await snapshot(real.h.store);
    // The same outcome again is a retry: success. A different one contradicts what was saved: refused.
    const same = again.outcome === input.outcome;
    expect((await real.h.service.recordOutcome(stationIdOf(real, this.station), again, now)).result).toEqual(
      same ? { ok: true } : { ok: false, error: { code: 'assignment_closed', message: expect.any(String) } },
    );
    expect(await snapshot(real.h.store), 'a repeated report changed rows').toEqual(before);
    await checkInvariants(real.h.store);
  }
  toString = () => `repeat(${this.station}, #${this.pick}, ${this.changedTo ?? 'same'})`;
}

/** A late report on a skipped, expired or refused assignment. */
class LateReport implements AllocationCommand {
  constructor(
    readonly station: number,
    readonly pick: number,
    readonly outcome: Outcome,
  ) {}
  check = (model: Readonly<Model>) => stationOf(model, this.station).ended.length > 0;
  async run(model: Model, real: Real): Promise<void> {
    const me = stationOf(model, this.station);
    const index = this.pick % me.ended.length;
    const held = me.ended[index]!;
    const input = outcomeInput(held, this.outcome, real.h.clock.now(), LEASE_MS);
    const result = await report(real, stationIdOf(real, this.station), held, input);
    if (result.ok) {
      me.ended.splice(index, 1);
      me.reported.push({ held, input });
    }
    await checkInvariants(real.h.store);
  }
  toString = () => `late(${this.station}, #${this.pick}, ${this.outcome})`;
}

class Skip implements AllocationCommand {
  constructor(readonly station: number) {}
  check = (model: Readonly<Model>) => stationOf(model, this.station).current !== undefined;
  async run(model: Model, real: Real): Promise<void> {
    const me = stationOf(model, this.station);
    const { store, service, clock } = real.h;
    const calls = await callCount(store);
    expect(await service.skip(stationIdOf(real, this.station), { assignmentId: me.current!.id }, clock.now())).toEqual({ ok: true });
    expect(await callCount(store), 'a skip counted an attempt').toBe(calls);
    me.ended.push(me.current!);
    me.current = undefined;
    await checkInvariants(store);
  }
  toString = () => `skip(${this.station})`;
}

class AdvanceClock implements AllocationCommand {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(_model: Model, real: Real): Promise<void> {
    real.h.clock.advance(this.ms);
  }
  toString = () => `advance(${this.ms})`;
}

/** A number put on the do-not-call register by another path, possibly while a station holds it. */
class AddDoNotCall implements AllocationCommand {
  constructor(readonly phone: number) {}
  check = () => true;
  async run(_model: Model, real: Real): Promise<void> {
    const { phones, store, clock } = real.h;
    await addDoNotCall(store, phones[this.phone % phones.length]!, clock.now());
    await checkInvariants(store);
  }
  toString = () => `doNotCall(#${this.phone})`;
}

const station = fc.nat(4);
const outcome = fc.constantFrom(...OUTCOMES);
const callbackOffset = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 3 * LEASE_MS }), weight: 8 },
  { arbitrary: fc.constantFrom(0, -1_000, 91 * DAY_MS), weight: 1 },
);

const claim = station.map((s) => new Claim(s));
const reportNow = fc.tuple(station, outcome, callbackOffset).map(([s, o, offset]) => new Report(s, o, offset));
const repeat = fc.tuple(station, fc.nat(), fc.option(outcome)).map(([s, pick, changed]) => new RepeatReport(s, pick, changed));
const late = fc.tuple(station, fc.nat(), outcome).map(([s, pick, o]) => new LateReport(s, pick, o));
const skip = station.map((s) => new Skip(s));
const advance = fc
  .oneof(fc.integer({ min: 1, max: LEASE_MS + 5_000 }), fc.constantFrom(LEASE_MS, COOLDOWN_MS))
  .map((ms) => new AdvanceClock(ms));
const doNotCall = fc.nat(8).map((phone) => new AddDoNotCall(phone));

/** fc.commands picks uniformly, so a command listed n times is n times as likely. */
const weighted = (weights: [fc.Arbitrary<AllocationCommand>, number][]) =>
  weights.flatMap(([arbitrary, weight]) => Array.from({ length: weight }, () => arbitrary));

export const allocationCommands = weighted([
  [claim, 4],
  [reportNow, 4],
  [repeat, 2],
  [late, 2],
  [skip, 2],
  [advance, 3],
  [doNotCall, 1],
]);
