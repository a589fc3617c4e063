import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { OUTCOME_RULES, OUTCOMES, tileStatus, type RoomState } from '@ringstuga/shared';
import { assignmentOf, manualClock, MINUTE, type CampaignServer } from '../../helpers/campaign-server.ts';
import { roomStateWhere } from '../../helpers/board-client.ts';
import { startRooms } from '../../helpers/campaign-setups.ts';
import { connectStation } from '../../helpers/station-client.ts';
import { waitForEvent } from '../../helpers/wait-for-event.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

const iso = (ms: number) => new Date(ms).toISOString();
const figures = (attempts: number, answered: number, conversations: number) => ({ attempts, answered, conversations });
const inList = (keep: (rule: (typeof OUTCOME_RULES)[keyof typeof OUTCOME_RULES]) => boolean) =>
  OUTCOMES.filter((outcome) => keep(OUTCOME_RULES[outcome])).map((outcome) => `'${outcome}'`).join(', ');
const REACHED = inList((rule) => rule.reached);
const CONVERSATION = inList((rule) => rule.conversation);

async function start(now?: () => number) {
  const rooms = await startRooms({ now });
  campaign = rooms.campaign;
  const store = campaign.app.store;
  const lists = campaign.app.lists;
  const [ale, botkyrka] = campaign.lists;
  if (!ale || !botkyrka) throw new Error('the room campaign has two lists');
  return { ...rooms, campaign, store, lists, ale, botkyrka };
}

const listOf = (state: RoomState, listId: number) => state.lists.find((list) => list.listId === listId)!;

describe('the room board', () => {
  it("shows the room's stations as tiles, and moves a tile, the pace and the standings as its station calls", async () => {
    const clock = manualClock();
    const { campaign, leader, store, lists, ale, botkyrka } = await start(clock.now);
    const initial = await roomStateWhere(leader);
    expect(initial.room).toEqual({ id: 1, name: 'Rum 1' });
    // Stations 1–3 of room 1, not room 2's station 4.
    expect(initial.stations).toEqual(
      campaign.stations.map((station) => ({
        id: station.id,
        number: station.number,
        name: `Station ${station.number}`,
        online: false,
        remote: false,
        fixedListId: null,
        shift: null,
        callStartedAt: null,
        lastActivityAt: null,
        rateLimited: false,
        skipsInARow: 0,
      })),
    );
    expect(initial.pace).toEqual({
      lastHour: figures(0, 0, 0), today: figures(0, 0, 0), volunteerHoursToday: 0, attemptsPerVolunteerHour: null, hourly: [], daily: [],
    });
    expect(initial.flags).toEqual([]);
    expect(initial.lists.map((list) => [list.listId, list.active, list.counts.ready])).toEqual([
      [ale.listId, true, 5],
      [botkyrka.listId, true, 5],
    ]);
    expect(initial.standings.associations.map((row) => [row.key, row.today.attempts, row.campaign.contacts])).toEqual([
      [String(ale.associationId), 0, 5],
      [String(botkyrka.associationId), 0, 5],
    ]);

    const started = clock.now();
    const station = await campaign.join(0, { checkin: { name: 'Åsa Lind', associationId: ale.associationId } });
    const checkedIn = await roomStateWhere(leader, (state) => state.stations[0]!.shift !== null);
    expect(checkedIn.stations[0]).toMatchObject({
      online: true,
      shift: { name: 'Åsa Lind', association: { id: ale.associationId, name: (await campaign.app.store.read((q) => lists.find(q, ale.listId)))!.associationName }, startedAt: iso(started), ...figures(0, 0, 0) },
      callStartedAt: null,
      lastActivityAt: iso(started),
    });
    expect(tileStatus(checkedIn.stations[0]!, clock.now(), checkedIn.idleAfterMs)).toBe('waiting');
    expect(checkedIn.stations.slice(1).map((tile) => [tile.online, tile.shift])).toEqual([[false, null], [false, null]]);

    const outcomes = ['conversation', 'no_answer', 'declined'] as const;
    for (const outcome of outcomes) {
      clock.advance(MINUTE);
      const handedOut = clock.now();
      const held = assignmentOf(await station.emitWithAck('contact:next'));
      const onCall = await roomStateWhere(leader, (state) => state.stations[0]!.callStartedAt === iso(handedOut));
      expect(onCall.stations[0]!.lastActivityAt).toBe(iso(handedOut));
      expect(tileStatus(onCall.stations[0]!, clock.now(), onCall.idleAfterMs)).toBe('on_call');
      clock.advance(3 * MINUTE);
      await expect(station.emitWithAck('call:outcome', { assignmentId: held.id, outcome })).resolves.toEqual({ ok: true });
    }
    // Twelve minutes since the check-in: 0.2 volunteer hours.
    const after = await roomStateWhere(leader, (state) => state.pace.today.attempts === 3 && state.stations[0]!.callStartedAt === null);
    const tile = after.stations[0]!;
    expect(tile.shift).toMatchObject(figures(3, 2, 1));
    expect(tile.lastActivityAt).toBe(iso(clock.now()));
    expect(after.pace).toMatchObject({ lastHour: figures(3, 2, 1), today: figures(3, 2, 1), volunteerHoursToday: 0.2, attemptsPerVolunteerHour: 15 });
    expect(listOf(after, ale.listId).counts).toMatchObject({ ready: 2, held: 0, coolingDown: 1, done: 2 });

    // The tile's and the standings' figures are those of the call rows.
    const byShift = await store.read((q) =>
      q.all(
        sql.raw(`SELECT shift_id AS "shiftId", count(*) AS attempts, count(*) FILTER (WHERE outcome IN (${REACHED})) AS answered,
                count(*) FILTER (WHERE outcome IN (${CONVERSATION})) AS conversations
         FROM calls GROUP BY shift_id`),
      ),
    );
    expect(byShift).toEqual([{ shiftId: tile.shift!.id, ...figures(3, 2, 1) }]);
    const byAssociation = await store.read((q) =>
      q.all(
        sql.raw(`SELECT l.association_id AS "associationId", count(DISTINCT k.contact_id) AS "personsCalled", count(*) AS attempts,
                count(*) FILTER (WHERE k.outcome IN (${REACHED})) AS answered, count(*) FILTER (WHERE k.outcome IN (${CONVERSATION})) AS conversations
         FROM calls k JOIN call_lists l ON l.id = k.list_id GROUP BY l.association_id`),
      ),
    );
    expect(byAssociation).toEqual([{ associationId: ale.associationId, personsCalled: 3, ...figures(3, 2, 1) }]);
    const aleRow = { contacts: 5, personsCalled: 3, ...figures(3, 2, 1), volunteerHours: 0.2 };
    const botkyrkaRow = { contacts: 5, personsCalled: 0, ...figures(0, 0, 0), volunteerHours: 0 };
    expect(after.standings.associations.map((row) => [row.key, row.municipality, row.today, row.campaign])).toEqual([
      [String(ale.associationId), 'Ale', aleRow, aleRow],
      [String(botkyrka.associationId), 'Botkyrka', botkyrkaRow, botkyrkaRow],
    ]);
    expect(after.standings.municipalities.map((row) => [row.name, row.campaign])).toEqual([
      ['Ale', aleRow],
      ['Botkyrka', botkyrkaRow],
    ]);

    // A station that connects shows online before anyone checks in, and offline once it leaves.
    const visitor = await campaign.join(1, { checkin: false });
    const visited = await roomStateWhere(leader, (state) => state.stations[1]!.online);
    expect(tileStatus(visited.stations[1]!, clock.now(), visited.idleAfterMs)).toBe('not_checked_in');
    visitor.close();
    await roomStateWhere(leader, (state) => !state.stations[1]!.online);
    // Checking out empties the tile.
    await expect(station.emitWithAck('station:checkout')).resolves.toMatchObject({ ok: true, shift: { endReason: 'checkout' } });
    const out = await roomStateWhere(leader, (state) => state.stations[0]!.shift === null);
    expect(out.stations[0]).toMatchObject({ online: true, shift: null, callStartedAt: null });
  });

  it('station:scope fixes a station of the room to a list, null frees it, another room’s station is not found', async () => {
    const { campaign, leader, other, ale, botkyrka } = await start();
    const station = await campaign.join(0); // calls every list
    const stationId = campaign.stations[0]!.id;
    await expect(leader.emitWithAck('station:scope', { stationId, listId: botkyrka.listId })).resolves.toEqual({ ok: true });
    expect((await roomStateWhere(leader, (state) => state.stations[0]!.fixedListId !== null)).stations[0]!.fixedListId).toBe(botkyrka.listId);
    for (let i = 0; i < 2; i += 1) {
      const held = assignmentOf(await station.emitWithAck('contact:next'));
      expect(held.contact.list.id).toBe(botkyrka.listId);
      expect(botkyrka.contactIds).toContain(held.contact.id);
      await station.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'conversation' });
    }

    await expect(leader.emitWithAck('station:scope', { stationId, listId: null })).resolves.toEqual({ ok: true });
    expect(await campaign.app.store.read((q) => campaign.app.stations.byId(q, stationId))).toMatchObject({ listId: null });
    expect((await roomStateWhere(leader, (state) => state.stations[0]!.fixedListId === null)).stations[0]!.fixedListId).toBeNull();
    // Freed, it calls every list again: Ale, the list with the least coverage, comes first.
    expect(assignmentOf(await station.emitWithAck('contact:next')).contact.list.id).toBe(ale.listId);

    const elsewhere = other.stations[0]!.id;
    await expect(leader.emitWithAck('station:scope', { stationId: elsewhere, listId: ale.listId })).resolves.toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await campaign.app.store.read((q) => campaign.app.stations.byId(q, elsewhere))).toMatchObject({ listId: null });
    await expect(leader.emitWithAck('station:scope', { stationId, listId: 9999 })).resolves.toMatchObject({ ok: false, error: { code: 'not_found' } });
    await expect(leader.emitWithAck('station:scope', { stationId: '1', listId: null } as never)).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
  });

  it("list:pause stops a list in the leader's room only (list_paused for a station calling only it), list:resume restores it", async () => {
    const { campaign, other, leader, lists, ale, botkyrka } = await start();
    const aleCaller = await campaign.join(0, { checkin: { name: 'Åsa', associationId: ale.associationId } });
    const anyList = await campaign.join(1);
    const elsewhere = await connectStation(campaign.url, other.stations[0]!.token, { checkin: { name: 'Bo', associationId: ale.associationId } });

    await expect(leader.emitWithAck('list:pause', { listId: ale.listId })).resolves.toEqual({ ok: true });
    // Paused for this room, not for the campaign: another room's station calls the list on.
    const roomCommands = campaign.app.roomCommands;
    const pausedHere = (roomId: number) => campaign.app.store.read(async (q) => [...(await roomCommands.pausedHere(q, roomId))]);
    expect([await pausedHere(1), await pausedHere(other.roomId)]).toEqual([[ale.listId], []]);
    expect(await campaign.app.store.read((q) => lists.summary(q, ale.listId))).toMatchObject({ active: true });
    expect(ale.contactIds).toContain(assignmentOf(await elsewhere.emitWithAck('contact:next')).contact.id);
    elsewhere.close();
    await expect(aleCaller.emitWithAck('contact:next')).resolves.toEqual({ ok: true, assignment: null, reason: 'list_paused' });
    // A station calling every list goes on with the others.
    expect(assignmentOf(await anyList.emitWithAck('contact:next')).contact.list.id).toBe(botkyrka.listId);
    const paused = await roomStateWhere(leader, (state) => !listOf(state, ale.listId).active);
    expect(listOf(paused, botkyrka.listId).active).toBe(true);

    await expect(leader.emitWithAck('list:resume', { listId: ale.listId })).resolves.toEqual({ ok: true });
    const resumed = assignmentOf(await aleCaller.emitWithAck('contact:next'));
    expect(ale.contactIds).toContain(resumed.contact.id);
    await roomStateWhere(leader, (state) => listOf(state, ale.listId).active);
    await expect(leader.emitWithAck('list:pause', { listId: 9999 })).resolves.toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('list:script reaches a station calling the list at once, and its next contact card carries it', async () => {
    const { campaign, leader, store, lists, ale } = await start();
    const station = await campaign.join(0, { checkin: { name: 'Åsa', associationId: ale.associationId } });
    const pushed = waitForEvent(station, 'list:script', { accept: (script) => script.listId === ale.listId });
    const command = { listId: ale.listId, script: '  Hej! Jag ringer från Ale Röda.  ', instructions: 'Fråga om valet.' };
    await expect(leader.emitWithAck('list:script', command)).resolves.toEqual({ ok: true });
    const expected = { listId: ale.listId, language: null, script: 'Hej! Jag ringer från Ale Röda.', instructions: 'Fråga om valet.' };
    expect(await pushed).toEqual(expected);
    expect(await store.read((q) => q.get(sql`SELECT script, instructions FROM call_lists WHERE id = ${ale.listId}`))).toEqual({
      script: expected.script,
      instructions: expected.instructions,
    });
    const card = assignmentOf(await station.emitWithAck('contact:next')).contact;
    expect(card.list).toEqual({ id: ale.listId, name: (await campaign.app.store.read((q) => lists.find(q, ale.listId)))!.name, script: expected.script, instructions: expected.instructions, scriptLanguage: null, notesEnabled: true });
    expect(listOf(await roomStateWhere(leader, (state) => listOf(state, ale.listId).script !== null), ale.listId)).toMatchObject({
      script: expected.script,
      instructions: expected.instructions,
    });

    // Blank text clears it.
    const cleared = waitForEvent(station, 'list:script', { accept: (script) => script.script === null });
    await expect(leader.emitWithAck('list:script', { listId: ale.listId, script: '   ', instructions: null })).resolves.toEqual({ ok: true });
    expect(await cleared).toEqual({ listId: ale.listId, language: null, script: null, instructions: null });
    await expect(leader.emitWithAck('list:script', { ...command, listId: 9999 })).resolves.toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
