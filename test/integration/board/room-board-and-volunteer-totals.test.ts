import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tileStatus } from '@ringstuga/shared';
import { assignments, flags, rooms, shifts, stations } from '../../../server/src/db/schema.ts';
import { createRoomBoardRepo } from '../../../server/src/features/board/room-board.repo.ts';
import { tableToCsv } from '../../../server/src/features/exports/export-table.ts';
import { volunteerTotalsTable } from '../../../server/src/features/shifts/shift-exports.ts';
import { DISTRICT_WIDE_NAME, volunteerTotals } from '../../../server/src/features/shifts/volunteer-totals.ts';
import type { Store } from '../../../server/src/db/store/store.ts';
import { createHandOutLimit } from '../../../server/src/features/calling/hand-out-limit.ts';
import { buildContacts, buildList, buildStations, phoneNumber } from '../../factories/campaign.ts';
import { openTestStore, type TestStore } from '../../helpers/test-store.ts';

const NOW = Date.parse('2026-09-08T10:00:00+02:00');
const MIN = 60_000;
const HOUR = 60 * MIN;
const iso = (ms: number) => new Date(ms).toISOString();
// No station here asked for contacts: the pace flags are the calling service's, all clear.
const pace = createHandOutLimit(12);

let db: TestStore;
let store: Store;
beforeEach(async () => {
  db = await openTestStore();
  store = db.store;
  await store.write((q) => q.db.insert(rooms).values({ id: 2, name: 'Rum 2', createdAt: 0 }));
});
afterEach(async () => {
  await db.close();
});

type NewShift = typeof shifts.$inferInsert;
const addShift = async (values: Omit<NewShift, 'lastActivityAt'> & { lastActivityAt?: number }) =>
  (await store.write((q) => q.db.insert(shifts).values({ lastActivityAt: values.startedAt, ...values }).returning()))[0]!;

/** Stations 1, 2 and 4 in room 1, station 3 in room 2. */
async function seedStations() {
  const [s1, s2, s3, s4] = await buildStations(db, 4);
  await store.write((q) => q.db.update(stations).set({ roomId: 2 }).where(eq(stations.id, s3!.id)));
  return { s1: s1!, s2: s2!, s3: s3!, s4: s4! };
}

describe('the room board', () => {
  it('shows every station of the room with its open shift, current call and last activity', async () => {
    const list = await buildList(db, { associationName: 'Ale Röda' });
    const [c1, c2] = await buildContacts(db, list.listId, [phoneNumber(1), phoneNumber(2)]);
    const { s1, s2, s4 } = await seedStations();
    await store.write((q) => q.db.update(stations).set({ listId: list.listId }).where(eq(stations.id, s2.id)));
    const asa = await addShift({
      stationId: s1.id, roomId: 1, name: 'Åsa', associationId: list.associationId, languages: ['sv', 'en'],
      startedAt: NOW - 20 * MIN, lastActivityAt: NOW - 5 * MIN, attempts: 3, answered: 1, conversations: 1,
    });
    await addShift({ stationId: s2.id, roomId: 1, name: 'Gammal', startedAt: NOW - 3 * HOUR, endedAt: NOW - 2 * HOUR, endReason: 'checkout' });
    await addShift({ stationId: s2.id, roomId: 1, name: 'Bo', associationId: null, startedAt: NOW - 30 * MIN, lastActivityAt: NOW - 10 * MIN });
    const lease = (id: string, stationId: number, contactId: number, status: 'active' | 'completed', createdAt: number) =>
      store.write((q) => q.db.insert(assignments).values({ id, stationId, contactId, phone: phoneNumber(contactId), status, createdAt, expiresAt: createdAt + HOUR }));
    await lease('00000000-0000-4000-8000-000000000001', s1.id, c1!, 'active', NOW - 2 * MIN);
    await lease('00000000-0000-4000-8000-000000000002', s2.id, c2!, 'completed', NOW - 15 * MIN);

    const board = createRoomBoardRepo({ paceFlags: (id, shift) => pace.flags(id, shift, NOW) });
    const tiles = await store.read((q) => board.tiles(q, 1, async (_q, ids) => new Set(ids.filter((id) => id !== s4.id))));
    expect(tiles.map((tile) => tile.number)).toEqual([1, 2, 4]);
    expect(tiles[0]).toEqual({
      id: s1.id,
      number: 1,
      name: 'Station 1',
      online: true,
      remote: false,
      fixedListId: null,
      shift: {
        id: asa.id, name: 'Åsa', association: { id: list.associationId, name: 'Ale Röda' }, languages: ['sv', 'en'],
        startedAt: iso(NOW - 20 * MIN), endedAt: null, endReason: null, attempts: 3, answered: 1, conversations: 1,
      },
      callStartedAt: iso(NOW - 2 * MIN),
      // The hand-out two minutes ago is later than the shift's last outcome five minutes ago.
      lastActivityAt: iso(NOW - 2 * MIN),
      rateLimited: false,
      skipsInARow: 0,
    });
    expect(tiles[1]).toMatchObject({ fixedListId: list.listId, shift: { name: 'Bo', association: null, languages: [] }, callStartedAt: null, lastActivityAt: iso(NOW - 10 * MIN) });
    expect(tiles[2]).toMatchObject({ online: false, shift: null, callStartedAt: null, lastActivityAt: null });
    expect(tiles.map((tile) => tileStatus(tile, NOW, 15 * MIN))).toEqual(['on_call', 'waiting', 'offline']);
    expect(tiles.map((tile) => tileStatus(tile, NOW, 8 * MIN))).toEqual(['on_call', 'idle', 'offline']);
  });

  it('lists the room’s unhandled flags newest first, with the station and the volunteer', async () => {
    const { s1, s2, s3 } = await seedStations();
    const asa = await addShift({ stationId: s1.id, roomId: 1, name: 'Åsa', startedAt: NOW - HOUR });
    const flag = async (roomId: number, stationId: number, shiftId: number | null, message: string, createdAt: number, handledAt: number | null = null) =>
      (await store.write((q) => q.db.insert(flags).values({ roomId, stationId, shiftId, message, createdAt, handledAt }).returning()))[0]!.id;
    const older = await flag(1, s1.id, asa.id, 'Hjälp med manuset', NOW - 3 * MIN);
    const newer = await flag(1, s2.id, null, 'Arg person', NOW - MIN);
    await flag(1, s1.id, asa.id, 'Redan löst', NOW - 2 * MIN, NOW - MIN);
    await flag(2, s3.id, null, 'Annat rum', NOW);

    const board = createRoomBoardRepo({ paceFlags: (id, shift) => pace.flags(id, shift, NOW) });
    expect(await store.read((q) => board.openFlags(q, 1))).toEqual([
      { id: newer, station: { id: s2.id, number: 2, name: 'Station 2' }, volunteer: null, message: 'Arg person', createdAt: iso(NOW - MIN) },
      { id: older, station: { id: s1.id, number: 1, name: 'Station 1' }, volunteer: 'Åsa', message: 'Hjälp med manuset', createdAt: iso(NOW - 3 * MIN) },
    ]);
    expect(await store.read((q) => board.room(q, 2))).toEqual({ id: 2, name: 'Rum 2' });
    expect(await store.read((q) => board.room(q, 99))).toBeUndefined();
  });
});

describe('the volunteer totals', () => {
  async function seed() {
    const ale = await buildList(db, { associationName: 'Ale Röda' });
    const botkyrka = await buildList(db, { associationName: 'Botkyrka Blå' });
    const { s1, s2, s3 } = await seedStations();
    const done = async (stationId: number, roomId: number, name: string, associationId: number | null, hours: number, attempts: number, answered: number, conversations: number) =>
      await addShift({ stationId, roomId, name, associationId, startedAt: NOW - 5 * HOUR, endedAt: NOW - 5 * HOUR + hours * HOUR, attempts, answered, conversations });
    await done(s1.id, 1, 'Anna', ale.associationId, 2, 10, 4, 2);
    await done(s3.id, 2, '  anna ', ale.associationId, 1, 5, 2, 1); // the same Anna, in the other room
    await done(s2.id, 1, 'ANNA', botkyrka.associationId, 0.5, 3, 1, 0); // another Anna: another association
    await done(s1.id, 1, 'Åsa', null, 1, 4, 2, 1);
    await addShift({ stationId: s3.id, roomId: 2, name: 'åsa', associationId: null, startedAt: NOW - 15 * MIN, lastActivityAt: NOW, attempts: 1 }); // open, active now
    return { ale, botkyrka };
  }

  it('counts distinct volunteers, shifts, hours and what they gave, per association and per room', async () => {
    const { ale, botkyrka } = await seed();
    const totals = await store.read((q) => volunteerTotals(q));
    // 2 + 1 + 0.5 + 1 + 0.25 = 4.75 hours; 23 attempts / 4.75 = 4.84.
    expect(totals.campaign).toEqual({ volunteers: 3, shifts: 5, volunteerHours: 4.8, attempts: 23, answered: 9, conversations: 4, attemptsPerVolunteerHour: 4.8 });
    expect(totals.associations).toEqual([
      { id: ale.associationId, name: 'Ale Röda', volunteers: 1, shifts: 2, volunteerHours: 3, attempts: 15, answered: 6, conversations: 3, attemptsPerVolunteerHour: 5 },
      { id: botkyrka.associationId, name: 'Botkyrka Blå', volunteers: 1, shifts: 1, volunteerHours: 0.5, attempts: 3, answered: 1, conversations: 0, attemptsPerVolunteerHour: 6 },
      { id: null, name: DISTRICT_WIDE_NAME, volunteers: 1, shifts: 2, volunteerHours: 1.3, attempts: 5, answered: 2, conversations: 1, attemptsPerVolunteerHour: 4 },
    ]);
    expect(totals.rooms).toEqual([
      { id: 1, name: 'Rum 1', volunteers: 3, shifts: 3, volunteerHours: 3.5, attempts: 17, answered: 7, conversations: 3, attemptsPerVolunteerHour: 4.9 },
      { id: 2, name: 'Rum 2', volunteers: 2, shifts: 2, volunteerHours: 1.3, attempts: 6, answered: 2, conversations: 1, attemptsPerVolunteerHour: 4.8 },
    ]);
  });

  it('counts an open shift up to its last activity, so closing it for idling takes no hours back', async () => {
    await buildList(db);
    const { s1 } = await seedStations();
    const open = await addShift({ stationId: s1.id, roomId: 1, name: 'Ada', associationId: null, startedAt: NOW - 2 * HOUR, lastActivityAt: NOW - HOUR });
    const totals = () => store.read((q) => volunteerTotals(q));
    expect((await totals()).campaign.volunteerHours).toBe(1);
    // Closed by the idle sweep at its last activity: the same hour, not less.
    await store.write((q) => q.db.update(shifts).set({ endedAt: NOW - HOUR, endReason: 'idle' }).where(eq(shifts.id, open.id)));
    expect((await totals()).campaign.volunteerHours).toBe(1);
  });

  it('writes one CSV line per scope', async () => {
    const { ale, botkyrka } = await seed();
    const file = tableToCsv(volunteerTotalsTable(await store.read((q) => volunteerTotals(q))), { timeZone: 'Europe/Stockholm', separator: 'comma' });
    expect(file.startsWith('\uFEFF')).toBe(true);
    const lines = file.slice(1).split('\r\n');
    expect(lines).toEqual([
      'scope,id,name,volunteers,shifts,volunteer_hours,attempts,answered,conversations,attempts_per_volunteer_hour',
      'campaign,,,3,5,4.8,23,9,4,4.8',
      `association,${ale.associationId},Ale Röda,1,2,3,15,6,3,5`,
      `association,${botkyrka.associationId},Botkyrka Blå,1,1,0.5,3,1,0,6`,
      `association,,${DISTRICT_WIDE_NAME},1,2,1.3,5,2,1,4`,
      'room,1,Rum 1,3,3,3.5,17,7,3,4.9',
      'room,2,Rum 2,2,2,1.3,6,2,1,4.8',
      '',
    ]);
  });
});
