import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { activityHours, callLists, calls, contacts, rooms, shifts, stations } from '../../../server/src/db/schema.ts';
import { createStandingsRepo } from '../../../server/src/features/leaderboard/standings.repo.ts';
import { createListBreakdown } from '../../../server/src/features/lists/list-breakdown.ts';
import { createPaceRepo } from '../../../server/src/features/board/pace.ts';
import type { Store } from '../../../server/src/db/store/store.ts';
import { buildContacts, buildList, buildStations, phoneNumber } from '../../factories/campaign.ts';
import { openTestStore, type TestStore } from '../../helpers/test-store.ts';

// Every figure below was worked out by hand from the rows each case inserts.
const TZ = 'Europe/Stockholm';
const NOW = Date.parse('2026-09-08T10:00:00+02:00');
const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (iso: string) => Date.parse(iso);

let db: TestStore;
let store: Store;
beforeEach(async () => {
  db = await openTestStore();
  store = db.store;
});
afterEach(async () => {
  await db.close();
});

describe('the list breakdown', () => {
  it('puts every contact in exactly one category, counts all lists, and orders them by municipality', async () => {
    const botkyrka = await buildList(db, { municipalityCode: '0127', municipalityName: 'Botkyrka', associationName: 'Botkyrka Blå' });
    const ale = await buildList(db, { municipalityCode: '1440', municipalityName: 'Ale', associationName: 'Ale Röda', active: false });
    await store.write((q) => q.db.update(callLists).set({ script: 'Hej!', instructions: 'Var snäll' }).where(eq(callLists.id, botkyrka.listId)));
    const ids = await buildContacts(db, botkyrka.listId, [1, 2, 3, 4, 5, 6, 7, 8].map(phoneNumber));
    const set = (index: number, values: Partial<typeof contacts.$inferInsert>) =>
      store.write((q) => q.db.update(contacts).set(values).where(eq(contacts.id, ids[index]!)));
    await set(0, { nextCallAt: 0 }); // ready
    await set(1, { nextCallAt: NOW }); // ready: due this very moment
    await set(2, { status: 'held' });
    await set(3, { nextCallAt: NOW + HOUR, lastOutcome: 'call_back' });
    await set(4, { nextCallAt: NOW + HOUR, lastOutcome: 'no_answer' });
    await set(5, { status: 'done', closedReason: 'do_not_call' });
    await set(6, { status: 'done', closedReason: 'max_attempts' });
    await set(7, { status: 'done', closedReason: 'reached_elsewhere' }); // not offered

    const lists = await store.read((q) => createListBreakdown().breakdown(q, NOW));
    expect(lists.map((list) => list.listId)).toEqual([ale.listId, botkyrka.listId]);
    expect(lists[0]).toMatchObject({ active: false, counts: { ready: 0, held: 0, coolingDown: 0, done: 0 } });
    const [, list] = lists;
    expect(list).toMatchObject({
      association: { id: botkyrka.associationId, name: 'Botkyrka Blå' },
      active: true,
      script: 'Hej!',
      instructions: 'Var snäll',
    });
    // The leader sees every list: the contact reached through another one is "not offered", not done here.
    expect(list!.counts).toEqual({ ready: 2, held: 1, callbackWaiting: 1, coolingDown: 1, waitingForSpeaker: 0, doNotCall: 1, outOfAttempts: 1, notOffered: 1, done: 0 });
    const total = Object.values(list!.counts).reduce((sum, n) => sum + n, 0);
    const { contactsCount } = (await store.read((q) => q.db.select().from(callLists).where(eq(callLists.id, botkyrka.listId))))[0]!;
    expect(total).toBe(contactsCount);
  });

  it('reuses the counts while younger than maxAgeMs, but shows a paused list at once', async () => {
    const { listId } = await buildList(db);
    const [id] = await buildContacts(db, listId, [phoneNumber(1)]);
    const repo = createListBreakdown({ maxAgeMs: 1000 });
    const breakdown = (now: number) => store.read((q) => repo.breakdown(q, now));
    expect((await breakdown(NOW))[0]!.counts.ready).toBe(1);
    await store.write((q) => q.db.update(contacts).set({ status: 'held' }).where(eq(contacts.id, id!)));
    await store.write((q) => q.db.update(callLists).set({ active: false }).where(eq(callLists.id, listId)));
    expect((await breakdown(NOW + 999))[0]).toMatchObject({ active: false, counts: { ready: 1, held: 0 } });
    expect((await breakdown(NOW + 1000))[0]!.counts).toMatchObject({ ready: 0, held: 1 });
  });
});

/**
 * Three associations in two municipalities plus one with nothing, activity on both sides of local
 * midnight (22:00Z) and in two rooms, and shifts that cross midnight or are still open.
 */
async function seedCampaign() {
  await store.write((q) => q.db.insert(rooms).values({ id: 2, name: 'Rum 2', createdAt: 0 }));
  const a1 = await buildList(db, { municipalityCode: '1440', municipalityName: 'Ale', associationName: 'Ale Röda' });
  const a2 = await buildList(db, { municipalityCode: '0127', municipalityName: 'Botkyrka', associationName: 'Botkyrka Blå' });
  const a3 = await buildList(db, { municipalityCode: '0127', municipalityName: 'Botkyrka', associationName: 'Botkyrka Gröna' });
  const a4 = await buildList(db, { municipalityCode: '0162', municipalityName: 'Danderyd', associationName: 'Danderyd Vita' });
  // The calls below need a contact; made first, so the counters set next are the ones that count.
  const [contactId] = await buildContacts(db, a1.listId, [phoneNumber(1)]);
  const counters = [
    [a1, 100, 20, 30, 12, 5],
    [a2, 50, 10, 15, 6, 5],
    [a3, 40, 8, 9, 3, 1],
    [a4, 10, 0, 0, 0, 0],
  ] as const;
  for (const [list, contactsCount, personsCalled, attempts, answered, conversations] of counters) {
    await store.write((q) => q.db.update(callLists).set({ contactsCount, personsCalled, attempts, answered, conversations }).where(eq(callLists.id, list.listId)));
  }
  const hour = (iso: string, roomId: number, listId: number, attempts: number, answered: number, conversations: number, personsCalled: number) =>
    store.write((q) => q.db.insert(activityHours).values({ hourStart: at(iso), roomId, listId, attempts, answered, conversations, personsCalled }));
  await hour('2026-09-05T10:00:00Z', 2, a1.listId, 3, 1, 0, 3); // 12:00 on the 5th
  await hour('2026-09-07T21:00:00Z', 1, a1.listId, 4, 2, 1, 3); // 23:00 yesterday
  await hour('2026-09-07T22:00:00Z', 1, a1.listId, 2, 1, 1, 2); // 00:00 today
  await hour('2026-09-08T07:00:00Z', 2, a2.listId, 5, 3, 2, 4); // 09:00
  await hour('2026-09-08T08:00:00Z', 1, a3.listId, 1, 0, 0, 1); // 10:00, the current hour

  const [s1, s2, s3] = await buildStations(db, 3);
  await store.write((q) => q.db.update(stations).set({ roomId: 2 }).where(eq(stations.id, s3!.id)));
  const shift = (stationId: number, roomId: number, associationId: number | null, from: string, to: string | null) =>
    store.write((q) => q.db.insert(shifts).values({ stationId, roomId, associationId, name: 'Vol', startedAt: at(from), endedAt: to === null ? null : at(to), lastActivityAt: to === null ? NOW : at(from) }));
  await shift(s1!.id, 1, a1.associationId, '2026-09-07T20:00:00Z', '2026-09-07T23:00:00Z'); // 3 h, 1 h of it today
  await shift(s2!.id, 1, a1.associationId, '2026-09-08T07:00:00Z', null); // open: 1 h so far
  await shift(s3!.id, 2, a2.associationId, '2026-09-08T06:30:00Z', '2026-09-08T07:15:00Z'); // 0.75 h
  await shift(s3!.id, 2, null, '2026-09-08T07:15:00Z', '2026-09-08T07:45:00Z'); // 0.5 h, the whole district
  await shift(s1!.id, 1, a2.associationId, '2026-09-05T10:00:00Z', '2026-09-05T12:00:00Z'); // 2 h, days ago

  const call = (stationId: number, endedAt: number, outcome: string) =>
    store.write((q) => q.db.insert(calls).values({ contactId: contactId!, stationId, listId: a1.listId, outcome, startedAt: endedAt - MIN, endedAt }));
  await call(s1!.id, NOW - 30 * MIN, 'conversation');
  await call(s3!.id, NOW - 10 * MIN, 'no_answer');
  await call(s1!.id, NOW, 'declined');
  await call(s2!.id, NOW - HOUR, 'conversation'); // exactly an hour ago: outside (now - 1 h, now]
  await call(s2!.id, NOW + MIN, 'conversation'); // not yet
  return { a1, a2, a3, a4 };
}

const figures = (attempts: number, answered: number, conversations: number) => ({ attempts, answered, conversations });
const standing = (contacts: number, personsCalled: number, attempts: number, answered: number, conversations: number, volunteerHours: number) => ({
  contacts,
  personsCalled,
  attempts,
  answered,
  conversations,
  volunteerHours,
});

describe('the standings', () => {
  it('splits today from the campaign at local midnight and lists everyone, zeros too, by conversations', async () => {
    const { a1, a2, a3, a4 } = await seedCampaign();
    const result = await store.read((q) => createStandingsRepo({ timeZone: TZ }).standings(q, null, NOW));
    expect(result.roomId).toBeNull();
    expect(result.associations.map((row) => row.key)).toEqual([a1, a2, a3, a4].map((a) => String(a.associationId)));
    expect(result.associations[0]).toEqual({
      key: String(a1.associationId),
      name: 'Ale Röda',
      municipality: 'Ale',
      // 00:00 today counts, 23:00 yesterday does not; the shift from 22:00 to 01:00 gives its last hour.
      today: standing(100, 2, 2, 1, 1, 2),
      campaign: standing(100, 20, 30, 12, 5, 4),
    });
    expect(result.associations[1]).toMatchObject({ today: standing(50, 4, 5, 3, 2, 0.8), campaign: standing(50, 10, 15, 6, 5, 2.8) });
    expect(result.associations[3]).toMatchObject({ name: 'Danderyd Vita', today: standing(10, 0, 0, 0, 0, 0) });
    // Botkyrka (6 conversations) before Ale (5); the district-wide half hour is in no row.
    expect(result.municipalities.map((row) => [row.key, row.name, row.municipality])).toEqual([
      ['0127', 'Botkyrka', null],
      ['1440', 'Ale', null],
      ['0162', 'Danderyd', null],
    ]);
    expect(result.municipalities[0]).toMatchObject({ today: standing(90, 5, 6, 3, 2, 0.8), campaign: standing(90, 18, 24, 9, 6, 2.8) });
  });

  it('counts one room from its activity hours and shifts, keeping whole-list contacts', async () => {
    const { a1, a2, a3, a4 } = await seedCampaign();
    const repo = createStandingsRepo({ timeZone: TZ });
    const room1 = await store.read((q) => repo.standings(q, 1, NOW));
    expect(room1.roomId).toBe(1);
    expect(room1.associations.map((row) => [row.key, row.today, row.campaign])).toEqual([
      [String(a1.associationId), standing(100, 2, 2, 1, 1, 2), standing(100, 5, 6, 3, 2, 4)],
      [String(a3.associationId), standing(40, 1, 1, 0, 0, 0), standing(40, 1, 1, 0, 0, 0)],
      [String(a2.associationId), standing(50, 0, 0, 0, 0, 0), standing(50, 0, 0, 0, 0, 2)],
      [String(a4.associationId), standing(10, 0, 0, 0, 0, 0), standing(10, 0, 0, 0, 0, 0)],
    ]);
    const room2 = await store.read((q) => repo.standings(q, 2, NOW));
    expect(room2.associations.map((row) => row.key)).toEqual([a2, a1, a3, a4].map((a) => String(a.associationId)));
    expect(room2.associations[0]!.campaign).toEqual(standing(50, 4, 5, 3, 2, 0.8));
    expect(room2.associations[1]!.campaign).toEqual(standing(100, 3, 3, 1, 0, 0));
  });
});

describe('the pace', () => {
  it('sums every room: the last hour from calls, today by hour without holes, and every day since the first', async () => {
    await seedCampaign();
    const pace = await store.read((q) => createPaceRepo({ timeZone: TZ }).pace(q, null, NOW));
    expect(pace.lastHour).toEqual(figures(3, 2, 1));
    expect(pace.today).toEqual(figures(8, 4, 3));
    expect(pace.hourly.map((h) => h.hour)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(pace.hourly[0]).toEqual({ hour: 0, ...figures(2, 1, 1) });
    expect(pace.hourly[5]).toEqual({ hour: 5, ...figures(0, 0, 0) });
    expect(pace.hourly[9]).toEqual({ hour: 9, ...figures(5, 3, 2) });
    expect(pace.hourly[10]).toEqual({ hour: 10, ...figures(1, 0, 0) });
    expect(pace.daily).toEqual([
      { day: '2026-09-05', ...figures(3, 1, 0) },
      { day: '2026-09-06', ...figures(0, 0, 0) },
      { day: '2026-09-07', ...figures(4, 2, 1) },
      { day: '2026-09-08', ...figures(8, 4, 3) },
    ]);
    // 1 + 1 + 0.75 + 0.5 hours today, the district-wide shift included; 8 / 3.25 = 2.46.
    expect(pace.volunteerHoursToday).toBe(3.3);
    expect(pace.attemptsPerVolunteerHour).toBe(2.5);
  });

  it('filters by room', async () => {
    await seedCampaign();
    const repo = createPaceRepo({ timeZone: TZ });
    const room1 = await store.read((q) => repo.pace(q, 1, NOW));
    expect(room1).toMatchObject({ lastHour: figures(2, 2, 1), today: figures(3, 1, 1), volunteerHoursToday: 2, attemptsPerVolunteerHour: 1.5 });
    expect(room1.daily).toEqual([
      { day: '2026-09-07', ...figures(4, 2, 1) },
      { day: '2026-09-08', ...figures(3, 1, 1) },
    ]);
    const room2 = await store.read((q) => repo.pace(q, 2, NOW));
    expect(room2).toMatchObject({ lastHour: figures(1, 0, 0), today: figures(5, 3, 2), volunteerHoursToday: 1.3, attemptsPerVolunteerHour: 4 });
    expect(room2.hourly).toEqual([
      { hour: 9, ...figures(5, 3, 2) },
      { hour: 10, ...figures(0, 0, 0) },
    ]);
    expect(room2.daily.map((d) => d.day)).toEqual(['2026-09-05', '2026-09-06', '2026-09-07', '2026-09-08']);
  });

  it('is empty before anything happened, with no rate before anyone checked in', async () => {
    await buildList(db);
    const pace = await store.read((q) => createPaceRepo({ timeZone: TZ }).pace(q, null, NOW));
    expect(pace).toEqual({
      lastHour: figures(0, 0, 0),
      today: figures(0, 0, 0),
      volunteerHoursToday: 0,
      attemptsPerVolunteerHour: null,
      hourly: [],
      daily: [],
    });
  });
});
