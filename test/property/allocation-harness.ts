// A CallingService on a store of its own (a temp SQLite file, or under TEST_STORE=postgres a
// PostgreSQL database) with a hand-moved clock, and the invariants the allocation properties
// check after every command, read through the store.
import fc from 'fast-check';
import { sql, type SQL } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Dialect, Store } from '../../server/src/db/store/store.ts';
import { QuestionCache } from '../../server/src/features/questions/question-cache.ts';
import { liveQuestionViews } from '../../server/src/features/lists/list-questions.ts';
import { CallingService } from '../../server/src/features/calling/calling.service.ts';
import { buildContacts, buildList, buildShift, buildStations, phoneNumber } from '../factories/campaign.ts';
import { manualClock } from '../helpers/campaign-server.ts';
import { countersByMunicipality, recountByMunicipality } from '../helpers/recount.ts';
import { column, execute, rows } from '../helpers/store-values.ts';
import { openTestStore } from '../helpers/test-store.ts';
import type { AssignmentRow } from '../../server/src/features/calling/claim-statements.ts';

// Small on purpose: leases run out, cool-downs pass and attempt limits close contacts within a few commands.
export const LEASE_MS = 60_000;
export const COOLDOWN_MS = 30_000;
export const MAX_ATTEMPTS = 2;

export interface CampaignSpec {
  priorities: number[]; // one per list
  phones: number[][]; // per number, the lists (indices) it stands on
  stationScopes: (number | null)[]; // per station: one list index, or null for all lists
  doNotCall: number[]; // number indices on the do-not-call register from the start
}

const indices = (count: number) => Array.from({ length: count }, (_, i) => i);

/** 2–3 lists; the first number stands on every list, the others on a random non-empty subset; 3–5 stations. */
export const campaignSpec: fc.Arbitrary<CampaignSpec> = fc.integer({ min: 2, max: 3 }).chain((lists) =>
  fc.record({
    priorities: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: lists, maxLength: lists }),
    phones: fc
      .array(fc.subarray(indices(lists), { minLength: 1 }), { minLength: 4, maxLength: 8 })
      .map((rest) => [indices(lists), ...rest]),
    stationScopes: fc.array(
      fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.nat(lists - 1), weight: 1 }),
      { minLength: 3, maxLength: 5 },
    ),
    doNotCall: fc.subarray([1, 2, 3, 4], { maxLength: 2 }),
  }),
);

export interface Harness {
  store: Store;
  service: CallingService;
  clock: ReturnType<typeof manualClock>;
  stationIds: number[];
  phones: string[];
  close(): Promise<void>;
}

export async function openHarness(spec: CampaignSpec): Promise<Harness> {
  const fixture = await openTestStore();
  const { store } = fixture;
  const phones = spec.phones.map((_, i) => phoneNumber(i + 1));
  const listIds: number[] = [];
  for (const [list, priority] of spec.priorities.entries()) {
    const { listId } = await buildList(fixture);
    const onList = phones.filter((_, i) => spec.phones[i]!.includes(list));
    await buildContacts(fixture, listId, onList, { priority });
    listIds.push(listId);
  }
  const stations = await buildStations(fixture, spec.stationScopes.length);
  for (const [i, list] of spec.stationScopes.entries()) {
    if (list !== null) await execute(store, sql`UPDATE stations SET list_id = ${listIds[list]} WHERE id = ${stations[i]!.id}`);
  }
  for (const i of spec.doNotCall) await addDoNotCall(store, phones[i]!, 0);
  const service = new CallingService(
    store,
    {
      leaseMs: LEASE_MS,
      retryCooldownMs: COOLDOWN_MS,
      maxAttempts: MAX_ATTEMPTS,
      callingHours: { startMinute: 0, endMinute: 24 * 60 },
      timeZone: 'Europe/Stockholm',
      // The model knows nothing of pace: its commands run at machine speed.
      contactsPerMinute: 0,
    },
    new QuestionCache(liveQuestionViews),
  );
  // Every station has a volunteer checked in for every list, as the calling loop requires.
  // Every other volunteer also speaks Arabic: contacts after a language barrier wait for them.
  for (const station of stations) {
    const languages = station.number % 2 === 0 ? ['sv', 'ar'] : ['sv'];
    await buildShift(fixture, station.id, { name: `Volontär ${station.number}`, languages }, 0);
  }
  return {
    store,
    service,
    clock: manualClock(),
    stationIds: stations.map((station) => station.id),
    phones,
    close: () => fixture.close(),
  };
}

/** The do-not-call register written by another path than an outcome (an admin, an import). */
export async function addDoNotCall(store: Store, phone: string, now: number): Promise<void> {
  await execute(store, sql`INSERT INTO do_not_call (phone, added_at, source) VALUES (${phone}, ${now}, 'admin') ON CONFLICT DO NOTHING`);
}

// Each table in a fixed order: PostgreSQL has no rowid.
const SNAPSHOT_ORDER: [string, string][] = [
  ['contacts', 'id'],
  ['assignments', 'id'],
  ['calls', 'id'],
  ['call_lists', 'id'],
  ['do_not_call', 'phone'],
];

/** Every row that matters, to prove that a refused request changed nothing. */
export async function snapshot(store: Store): Promise<unknown[]> {
  return store.read(async (q) => {
    const tables: unknown[] = [];
    for (const [table, order] of SNAPSHOT_ORDER) tables.push(await q.all(sql`SELECT * FROM ${sql.identifier(table)} ORDER BY ${sql.identifier(order)}`));
    return tables;
  });
}

export async function doNotCallSet(store: Store): Promise<Set<string>> {
  return new Set((await column(store, sql`SELECT phone FROM do_not_call`)) as string[]);
}

export async function callCount(store: Store): Promise<number> {
  return Number(await store.read((q) => q.value(sql`SELECT COUNT(*) FROM calls`)));
}

/** An assignments row, as the allocator reads it. */
export type LeaseRow = AssignmentRow;

export async function lease(store: Store, id: string): Promise<LeaseRow | undefined> {
  return (await rows<LeaseRow>(store, sql`SELECT * FROM assignments WHERE id = ${id}`))[0];
}

export async function activeLease(store: Store, stationId: number): Promise<LeaseRow | undefined> {
  return (await rows<LeaseRow>(store, sql`SELECT * FROM assignments WHERE station_id = ${stationId} AND status = 'active'`))[0];
}

export interface ContactState {
  id: number;
  list_id: number;
  phone: string;
  status: 'ready' | 'held' | 'done';
  next_call_at: number;
  last_attempt_at: number | null;
}

export async function contactStates(store: Store): Promise<Map<number, ContactState>> {
  const states = await rows<ContactState>(store, sql`SELECT id, list_id, phone, status, next_call_at, last_attempt_at FROM contacts`);
  return new Map(states.map((row) => [row.id, row]));
}

/** The languages of a shift `sh` (a JSON array in a text column), as a subquery's rows. */
export const shiftLanguages = (dialect: Dialect): SQL =>
  dialect === 'postgres' ? sql`SELECT jsonb_array_elements_text(sh.languages::jsonb)` : sql`SELECT value FROM json_each(sh.languages)`;

/** Rows that break `query`'s condition; an empty list means the invariant holds. */
const offenders = (store: Store, query: string): Promise<unknown[]> => rows(store, sql.raw(query));

/** The allocator's invariants, checked against the whole database. */
export async function checkInvariants(store: Store): Promise<void> {
  expect(
    await offenders(store, `SELECT station_id FROM assignments WHERE status = 'active' GROUP BY station_id HAVING COUNT(*) > 1`),
    'a station holds two leases',
  ).toEqual([]);
  expect(
    await offenders(store, `SELECT phone FROM assignments WHERE status = 'active' GROUP BY phone HAVING COUNT(*) > 1`),
    'a number is held twice',
  ).toEqual([]);
  expect(
    await offenders(store, `SELECT id FROM contacts c WHERE status = 'held'
      AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.phone = c.phone AND a.status = 'active')`),
    'a contact is held without an active lease on its number',
  ).toEqual([]);
  expect(
    await offenders(store, `SELECT c.id FROM assignments a JOIN contacts c ON c.phone = a.phone
      WHERE a.status = 'active' AND c.status = 'ready'`),
    'a contact is ready while its number is leased',
  ).toEqual([]);
  expect(
    await offenders(store, `SELECT a.id FROM assignments a JOIN contacts c ON c.id = a.contact_id
      WHERE a.status = 'active' AND c.status <> 'held'`),
    'a leased contact is not held',
  ).toEqual([]);
  const attempts = Number(await store.read((q) => q.value(sql`SELECT COALESCE(SUM(attempts), 0) FROM contacts`)));
  expect(attempts, 'attempts differ from call rows').toBe(await callCount(store));
  expect(await countersByMunicipality(store), 'list counters differ from a recount').toEqual(await recountByMunicipality(store));
}

/** Contacts a station could be offered right now: in scope, ready, due, not on do-not-call, number not leased. */
export async function offerable(store: Store, stationId: number, now: number): Promise<number[]> {
  return (await column(
    store,
    sql`SELECT c.id FROM contacts c JOIN call_lists l ON l.id = c.list_id JOIN stations s ON s.id = ${stationId}
         LEFT JOIN shifts sh ON sh.station_id = s.id AND sh.ended_at IS NULL
       WHERE l.active = 1 AND (s.list_id IS NULL OR s.list_id = c.list_id)
         AND c.status = 'ready' AND c.next_call_at <= ${now}
         AND (c.needs_speaker = 0 OR c.preferred_language IN (${shiftLanguages(store.dialect)}))
         AND NOT EXISTS (SELECT 1 FROM do_not_call d WHERE d.phone = c.phone)
         AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.phone = c.phone AND a.status = 'active')`,
  )) as number[];
}
