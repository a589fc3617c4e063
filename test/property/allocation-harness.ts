// A CallingService on a temp SQLite file with a hand-moved clock, and the invariants the
// allocation properties check after every command, read straight from the database. SQLite only:
// the model reads its invariants synchronously through better-sqlite3 after every command.
import fc from 'fast-check';
import { expect } from 'vitest';
import { openDatabase, type Db } from '../../server/src/db/open.ts';
import { SqliteStore } from '../../server/src/db/store/sqlite-store.ts';
import { WriteBatcher } from '../../server/src/db/write-batcher.ts';
import { QuestionCache } from '../../server/src/features/questions/question-cache.ts';
import { liveQuestionViews } from '../../server/src/features/lists/list-questions.ts';
import { CallingService } from '../../server/src/features/calling/calling.service.ts';
import { buildContacts, buildList, buildShift, buildStations, phoneNumber } from '../factories/campaign.ts';
import { manualClock } from '../helpers/campaign-server.ts';
import { COUNTERS_SQL, RECOUNT_SQL } from '../helpers/recount.ts';
import { tempDatabasePath } from '../helpers/server.ts';
import { sqliteFixture } from '../helpers/sqlite-fixture.ts';
import type { AssignmentRow } from '../../server/src/features/calling/allocator.ts';

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
  db: Db;
  service: CallingService;
  clock: ReturnType<typeof manualClock>;
  stationIds: number[];
  phones: string[];
  close(): Promise<void>;
}

export async function openHarness(spec: CampaignSpec): Promise<Harness> {
  const temp = tempDatabasePath();
  const db = openDatabase(temp.path);
  const file = sqliteFixture(db);
  const phones = spec.phones.map((_, i) => phoneNumber(i + 1));
  for (const [list, priority] of spec.priorities.entries()) {
    const { listId } = await buildList(file);
    const onList = phones.filter((_, i) => spec.phones[i]!.includes(list));
    await buildContacts(file, listId, onList, { priority });
  }
  const listIds = (db.$client.prepare('SELECT id FROM call_lists ORDER BY id').all() as { id: number }[]).map((row) => row.id);
  const stations = await buildStations(file, spec.stationScopes.length);
  const scope = db.$client.prepare('UPDATE stations SET list_id = ? WHERE id = ?');
  spec.stationScopes.forEach((list, i) => {
    if (list !== null) scope.run(listIds[list], stations[i]!.id);
  });
  for (const i of spec.doNotCall) addDoNotCall(db, phones[i]!, 0);
  const batcher = new WriteBatcher(db.$client);
  const service = new CallingService(
    new SqliteStore(db, batcher),
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
    await buildShift(file, station.id, { name: `Volontär ${station.number}`, languages }, 0);
  }
  return {
    db,
    service,
    clock: manualClock(),
    stationIds: stations.map((station) => station.id),
    phones,
    async close() {
      await batcher.close();
      db.$client.close();
      temp.cleanup();
    },
  };
}

/** The do-not-call register written by another path than an outcome (an admin, an import). */
export function addDoNotCall(db: Db, phone: string, now: number): void {
  db.$client.prepare(`INSERT INTO do_not_call (phone, added_at, source) VALUES (?, ?, 'admin') ON CONFLICT DO NOTHING`).run(phone, now);
}

/** Every row that matters, to prove that a refused request changed nothing. */
export function snapshot(db: Db): unknown[] {
  return ['contacts', 'assignments', 'calls', 'call_lists', 'do_not_call'].map((table) =>
    db.$client.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all(),
  );
}

export function doNotCallSet(db: Db): Set<string> {
  return new Set((db.$client.prepare('SELECT phone FROM do_not_call').all() as { phone: string }[]).map((row) => row.phone));
}

export function callCount(db: Db): number {
  return (db.$client.prepare('SELECT COUNT(*) AS n FROM calls').get() as { n: number }).n;
}

/** An assignments row, as the allocator reads it. */
export type LeaseRow = AssignmentRow;

export function lease(db: Db, id: string): LeaseRow | undefined {
  return db.$client.prepare('SELECT * FROM assignments WHERE id = ?').get(id) as LeaseRow | undefined;
}

export function activeLease(db: Db, stationId: number): LeaseRow | undefined {
  return db.$client.prepare(`SELECT * FROM assignments WHERE station_id = ? AND status = 'active'`).get(stationId) as
    | LeaseRow
    | undefined;
}

export interface ContactState {
  id: number;
  list_id: number;
  phone: string;
  status: 'ready' | 'held' | 'done';
  next_call_at: number;
  last_attempt_at: number | null;
}

export function contactStates(db: Db): Map<number, ContactState> {
  const rows = db.$client.prepare('SELECT id, list_id, phone, status, next_call_at, last_attempt_at FROM contacts').all() as ContactState[];
  return new Map(rows.map((row) => [row.id, row]));
}

/** Ids of rows that break `query`'s condition; an empty list means the invariant holds. */
function offenders(db: Db, query: string): unknown[] {
  return db.$client.prepare(query).all();
}

/** The allocator's invariants, checked against the whole database. */
export function checkInvariants(db: Db): void {
  expect(
    offenders(db, `SELECT station_id FROM assignments WHERE status = 'active' GROUP BY station_id HAVING COUNT(*) > 1`),
    'a station holds two leases',
  ).toEqual([]);
  expect(
    offenders(db, `SELECT phone FROM assignments WHERE status = 'active' GROUP BY phone HAVING COUNT(*) > 1`),
    'a number is held twice',
  ).toEqual([]);
  expect(
    offenders(db, `SELECT id FROM contacts c WHERE status = 'held'
      AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.phone = c.phone AND a.status = 'active')`),
    'a contact is held without an active lease on its number',
  ).toEqual([]);
  expect(
    offenders(db, `SELECT c.id FROM assignments a JOIN contacts c ON c.phone = a.phone
      WHERE a.status = 'active' AND c.status = 'ready'`),
    'a contact is ready while its number is leased',
  ).toEqual([]);
  expect(
    offenders(db, `SELECT a.id FROM assignments a JOIN contacts c ON c.id = a.contact_id
      WHERE a.status = 'active' AND c.status <> 'held'`),
    'a leased contact is not held',
  ).toEqual([]);
  const { attempts } = db.$client.prepare('SELECT COALESCE(SUM(attempts), 0) AS attempts FROM contacts').get() as { attempts: number };
  expect(attempts, 'attempts differ from call rows').toBe(callCount(db));
  expect(db.$client.prepare(COUNTERS_SQL).all(), 'list counters differ from a recount').toEqual(db.$client.prepare(RECOUNT_SQL).all());
}

/** Contacts a station could be offered right now: in scope, ready, due, not on do-not-call, number not leased. */
export function offerable(db: Db, stationId: number, now: number): number[] {
  const rows = db.$client
    .prepare(
      `SELECT c.id FROM contacts c JOIN call_lists l ON l.id = c.list_id JOIN stations s ON s.id = ?
         LEFT JOIN shifts sh ON sh.station_id = s.id AND sh.ended_at IS NULL
       WHERE l.active = 1 AND (s.list_id IS NULL OR s.list_id = c.list_id)
         AND c.status = 'ready' AND c.next_call_at <= ?
         AND (c.needs_speaker = 0 OR c.preferred_language IN (SELECT value FROM json_each(sh.languages)))
         AND NOT EXISTS (SELECT 1 FROM do_not_call d WHERE d.phone = c.phone)
         AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.phone = c.phone AND a.status = 'active')`,
    )
    .all(stationId, now) as { id: number }[];
  return rows.map((row) => row.id);
}
