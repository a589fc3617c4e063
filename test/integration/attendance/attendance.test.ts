import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationHello } from '@ringstuga/shared';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { rows, single } from '../../helpers/store-values.ts';
import { createLink } from '../../helpers/admin-setup.ts';
import { connectRoom, connectScreen, roomStateWhere, screenStateWhere } from '../../helpers/board-client.ts';
import { api } from '../../helpers/http.ts';
import { connect } from '../../helpers/socket-connect.ts';
import { stationSocket, type StationClient } from '../../helpers/station-client.ts';
import { waitForEvent } from '../../helpers/wait-for-event.ts';
import { HOUR, expectStatus, makeSession, signUp, signupLink, startFillRoom, type FillRoom, type SignupAnswer } from '../sessions/fill-room.ts';

let room: FillRoom;
let link: string;
beforeAll(async () => {
  room = await startFillRoom({ stations: 8 });
  link = await signupLink(room);
});
afterAll(async () => {
  await room?.campaign.close();
});

/** A room-1 station joined without check-in, with the hello it was greeted with. */
async function joinStation(index: number): Promise<{ socket: StationClient; hello: StationHello }> {
  const socket = stationSocket(room.url, room.campaign.stations[index]!.token);
  const hello = waitForEvent(socket, 'station:hello');
  await connect(socket);
  return { socket, hello: await hello };
}

async function booked(sessionId: number, name: string): Promise<SignupAnswer & { bookingId: number }> {
  const answer = await expectStatus<SignupAnswer>(signUp(room, link, [sessionId], { name, email: `${name.toLowerCase()}@example.org` }), 201);
  expect(answer.bookings[0]!.status).toBe('booked');
  return { ...answer, bookingId: answer.bookings[0]!.id };
}

const bookingRow = async (id: number) =>
  (await rows<{ status: string; shiftId: number | null }>(room.campaign.app.store, sql`SELECT status, shift_id AS "shiftId" FROM bookings WHERE id = ${id}`))[0]!;

describe('check-in by booking at the station', () => {
  // Starts in 20 minutes: check-in is open (it opens 30 minutes before).
  let now: { id: number };
  let later: { id: number };
  let elsewhere: { id: number };
  beforeAll(async () => {
    now = await makeSession(room, { hoursAhead: 1 / 3, capacity: 8 });
    later = await makeSession(room, { hoursAhead: 24 });
    elsewhere = await makeSession(room, { roomId: room.room2, hoursAhead: 1 / 3 });
  });

  it('greets the station with who is expected now, checks in by bookingId (attended, carrying the shift) and answers a repeat with the same shift', async () => {
    const anna = await booked(now.id, 'Anna');
    const { socket, hello } = await joinStation(0);
    expect(hello.expected).toContainEqual({ bookingId: anna.bookingId, name: 'Anna' });

    const result = await socket.emitWithAck('station:checkin', { bookingId: anna.bookingId });
    if (!result.ok) throw new Error(result.error.message);
    // The shift is the volunteer's, as they signed up.
    expect(result.shift).toMatchObject({ name: 'Anna', association: { id: room.associations.A } });
    expect(await bookingRow(anna.bookingId)).toEqual({ status: 'attended', shiftId: result.shift.id });

    const again = await socket.emitWithAck('station:checkin', { bookingId: anna.bookingId });
    expect(again).toEqual(result);
    expect(await bookingRow(anna.bookingId)).toEqual({ status: 'attended', shiftId: result.shift.id });
    // Checked in before the start, the booking can no longer be cancelled, and she is told why.
    const cancel = await api(room.url, 'DELETE', `/api/me/bookings/${anna.bookingId}`, anna.token);
    expect(cancel.status).toBe(409);
    expect(((await cancel.json()) as { error: unknown }).error).toMatchObject({ message: expect.stringMatching(/checked in/), reason: 'booking_attended' });
    socket.close();
  });

  it('moves a booked volunteer who checks in at another station: checked out where they were, so one open shift', async () => {
    const cia = await booked(now.id, 'Cia');
    const { socket: first } = await joinStation(3);
    const there = await first.emitWithAck('station:checkin', { bookingId: cia.bookingId });
    if (!there.ok) throw new Error(there.error.message);
    const { socket: second } = await joinStation(4);
    const checkedOut = waitForEvent(first, 'station:shift', { accept: (shift) => shift === null });
    const here = await second.emitWithAck('station:checkin', { personalToken: cia.token });
    if (!here.ok) throw new Error(here.error.message);
    expect(here.shift).toMatchObject({ name: 'Cia', endedAt: null });
    await checkedOut;
    const { store } = room.campaign.app;
    const open = await rows<{ stationId: number }>(store, sql`SELECT station_id AS "stationId" FROM shifts WHERE name = 'Cia' AND ended_at IS NULL`);
    expect(open).toEqual([{ stationId: room.campaign.stations[4]!.id }]);
    expect(await single(store, sql`SELECT end_reason FROM shifts WHERE id = ${there.shift.id}`)).toBe('checkout');
    // The booking keeps the shift that made it attended.
    expect(await bookingRow(cia.bookingId)).toEqual({ status: 'attended', shiftId: there.shift.id });
    first.close();
    second.close();
  });

  it('moves a booked volunteer who checked in again after an idle check-out: the later shift is the one checked out', async () => {
    const dan = await booked(now.id, 'Dan');
    const { store } = room.campaign.app;
    const { socket: first } = await joinStation(5);
    const before = await first.emitWithAck('station:checkin', { bookingId: dan.bookingId });
    if (!before.ok) throw new Error(before.error.message);
    // Away too long: the idle sweep ends the shift (as it would, at the last sign of him).
    await store.write((q) => q.run(sql`UPDATE shifts SET ended_at = started_at, end_reason = 'idle' WHERE id = ${before.shift.id}`));
    const back = await first.emitWithAck('station:checkin', { bookingId: dan.bookingId });
    if (!back.ok) throw new Error(back.error.message);
    expect(back.shift.id).not.toBe(before.shift.id);
    // Both shifts are his, though the booking keeps the one that made it attended.
    const his = await rows<{ id: number }>(store, sql`SELECT id FROM shifts WHERE volunteer_id = (SELECT volunteer_id FROM bookings WHERE id = ${dan.bookingId}) ORDER BY id`);
    expect(his).toEqual([{ id: before.shift.id }, { id: back.shift.id }]);
    expect(await bookingRow(dan.bookingId)).toEqual({ status: 'attended', shiftId: before.shift.id });

    const { socket: second } = await joinStation(3);
    const checkedOut = waitForEvent(first, 'station:shift', { accept: (shift) => shift === null });
    const here = await second.emitWithAck('station:checkin', { personalToken: dan.token });
    if (!here.ok) throw new Error(here.error.message);
    await checkedOut;
    const open = await rows<{ stationId: number }>(store, sql`SELECT station_id AS "stationId" FROM shifts WHERE name = 'Dan' AND ended_at IS NULL`);
    expect(open).toEqual([{ stationId: room.campaign.stations[3]!.id }]);
    expect(await single(store, sql`SELECT end_reason FROM shifts WHERE id = ${back.shift.id}`)).toBe('checkout');
    first.close();
    second.close();
  });

  it('checks in by the personal token of the QR code', async () => {
    const bo = await booked(now.id, 'Bo');
    const { socket } = await joinStation(1);
    const result = await socket.emitWithAck('station:checkin', { personalToken: bo.token });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.shift.name).toBe('Bo');
    expect(await bookingRow(bo.bookingId)).toEqual({ status: 'attended', shiftId: result.shift.id });
    socket.close();
  });

  it("refuses another room's booking, a cancelled one, one not yet open, an unknown one and a token with no booking here now", async () => {
    const { socket } = await joinStation(2);
    const refusal = async (input: { bookingId: number } | { personalToken: string }) => {
      const result = await socket.emitWithAck('station:checkin', input);
      if (result.ok) throw new Error(`check-in with ${JSON.stringify(input)} was accepted`);
      return result.error.message;
    };
    const other = await booked(elsewhere.id, 'Cecilia');
    expect(await refusal({ bookingId: other.bookingId })).toMatch(/another room/);
    // Her token finds no booking in this room now either.
    expect(await refusal({ personalToken: other.token })).toMatch(/No booking for this room right now/);

    const cancelled = await booked(now.id, 'David');
    await expectStatus(api(room.url, 'DELETE', `/api/me/bookings/${cancelled.bookingId}`, cancelled.token), 200);
    expect(await refusal({ bookingId: cancelled.bookingId })).toMatch(/cancelled/);

    const tomorrow = await booked(later.id, 'Eva');
    expect(await refusal({ bookingId: tomorrow.bookingId })).toMatch(/opens 30 minutes before/);
    expect(await refusal({ personalToken: tomorrow.token })).toMatch(/No booking for this room right now/);

    expect(await refusal({ bookingId: 999_999 })).toMatch(/No such booking/);
    expect(await refusal({ personalToken: 'not-a-token' })).toMatch(/not valid/);
    for (const id of [other.bookingId, cancelled.bookingId, tomorrow.bookingId]) expect((await bookingRow(id)).status).not.toBe('attended');
    // Nothing refused started a shift.
    expect(await room.campaign.app.store.read((q) => room.campaign.app.shifts.current(q, room.campaign.stations[2]!.id))).toBeNull();
    socket.close();
  });

  it("pushes the room's stations who is expected as bookings come and check-ins happen", async () => {
    const { socket } = await joinStation(3);
    const named = (name: string) => (expected: { name: string }[]) => expected.some((person) => person.name === name);
    const arrives = waitForEvent(socket, 'station:expected', { accept: named('Filip') });
    const filip = await booked(now.id, 'Filip');
    expect(await arrives).toContainEqual({ bookingId: filip.bookingId, name: 'Filip' });

    const { socket: other } = await joinStation(4);
    const gone = waitForEvent(socket, 'station:expected', { accept: (expected) => !named('Filip')(expected) });
    expect((await other.emitWithAck('station:checkin', { bookingId: filip.bookingId })).ok).toBe(true);
    await gone;
    socket.close();
    other.close();
  });

  it('takes a person off "expected now" when they cancel on their personal page, and everyone when the leader cancels the session', async () => {
    const { socket } = await joinStation(5);
    const named = (name: string) => (expected: { name: string }[]) => expected.some((person) => person.name === name);
    const both = waitForEvent(socket, 'station:expected', { accept: (expected) => named('Gun')(expected) && named('Hans')(expected) });
    const gun = await booked(now.id, 'Gun');
    await booked(now.id, 'Hans');
    await both;

    const gunGone = waitForEvent(socket, 'station:expected', { accept: (expected) => !named('Gun')(expected) && named('Hans')(expected) });
    await expectStatus(api(room.url, 'DELETE', `/api/me/bookings/${gun.bookingId}`, gun.token), 200);
    await gunGone;

    const hansGone = waitForEvent(socket, 'station:expected', { accept: (expected) => !named('Hans')(expected) });
    await expectStatus(api(room.url, 'DELETE', `/api/sessions/${now.id}`, ADMIN_TOKEN), 204);
    await hansGone;
    socket.close();
  });
});

describe('the end of a session', () => {
  it('marks the bookings with no check-in no_show and closes the session; attended ones stay', async () => {
    const session = await makeSession(room, { hoursAhead: 3 });
    const came = await booked(session.id, 'Gustav');
    const stayedAway = await booked(session.id, 'Hanna');
    room.clock.advance(3 * HOUR);
    const { socket } = await joinStation(5);
    expect((await socket.emitWithAck('station:checkin', { bookingId: came.bookingId })).ok).toBe(true);
    socket.close();

    // Still running: the sweep leaves it alone.
    await room.campaign.app.sweepSessionEnds();
    expect((await bookingRow(stayedAway.bookingId)).status).toBe('booked');

    room.clock.advance(2 * HOUR);
    await room.campaign.app.sweepSessionEnds();
    expect((await bookingRow(stayedAway.bookingId)).status).toBe('no_show');
    expect((await bookingRow(came.bookingId)).status).toBe('attended');
    expect(await single(room.campaign.app.store, sql`SELECT closed_at FROM calling_sessions WHERE id = ${session.id}`)).toBe(room.clock.now());
    // Too late now: the session has ended.
    const { socket: late } = await joinStation(5);
    const result = await late.emitWithAck('station:checkin', { bookingId: stayedAway.bookingId });
    expect(result).toMatchObject({ ok: false });
    late.close();
  });
});

describe("today's teams on the board and the big screen", () => {
  it('show the association and the places booked, and no names on the screen', async () => {
    const tonight = await makeSession(room, { hoursAhead: 1, capacity: 6 });
    const team = await expectStatus<{ team: { id: number }; token: string }>(
      api(room.url, 'POST', `/api/associations/${room.associations.A}/teams`, room.associationA, { sessionId: tonight.id, places: 4, captain: 'Kaptenen Karin' }),
      201,
    );
    await expectStatus(signUp(room, team.token, [tonight.id], { name: 'Lagmedlem Lisa', email: 'lisa@example.org' }), 201);
    // Tomorrow's team is not today's.
    const tomorrow = await makeSession(room, { hoursAhead: 30 });
    await expectStatus(
      api(room.url, 'POST', `/api/associations/${room.associations.B}/teams`, room.associationB, { sessionId: tomorrow.id, places: 1, captain: 'Bengt' }),
      201,
    );

    const leader = await connectRoom(room.url, room.leader1);
    const state = await roomStateWhere(leader, (seen) => seen.teams.length > 0);
    expect(state.teams).toEqual([
      expect.objectContaining({ id: team.team.id, association: { id: room.associations.A, name: expect.any(String) }, sessionId: tonight.id, places: 4, booked: 1 }),
    ]);
    const screen = await connectScreen(room.url, (await createLink(room.url, 'screen', { roomId: 1 })).token);
    const shown = await screenStateWhere(screen, (seen) => seen.teams.length > 0);
    expect(shown.teams).toEqual(state.teams);
    const text = JSON.stringify(shown);
    for (const name of ['Kaptenen Karin', 'Lagmedlem Lisa', 'Bengt']) expect(text).not.toContain(name);
    leader.close();
    screen.close();
  });
});
