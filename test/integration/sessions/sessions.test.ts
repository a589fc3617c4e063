import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { expectStatus, HOUR, makeSession, signUp, signupLink, startFillRoom, type FillRoom, type SessionView } from './fill-room.ts';

let room: FillRoom;
beforeAll(async () => {
  room = await startFillRoom();
});
afterAll(async () => {
  await room?.campaign.close();
});

/** A time as the campaign's clock shows it, e.g. `Thu 2026-10-22 14:00`. */
const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Stockholm', locale: 'en' }).toFormat('ccc yyyy-MM-dd HH:mm');

describe('calling sessions', () => {
  it('cuts a series into local-time slots on the chosen weekdays, across the October DST change', async () => {
    const series = { from: '2026-10-22', to: '2026-10-28', weekdays: [1, 2, 3, 4], dailyStart: '14:00', dailyEnd: '20:00', slotMinutes: 120 };
    const { sessions } = await expectStatus<{ sessions: SessionView[] }>(api(room.url, 'POST', '/api/rooms/2/sessions', ADMIN_TOKEN, { series }), 201);
    // Thu 22, Mon 26, Tue 27, Wed 28 (Fri–Sun left out), three two-hour slots each.
    expect(sessions.map((session) => local(session.startsAt))).toEqual(
      ['Thu 2026-10-22', 'Mon 2026-10-26', 'Tue 2026-10-27', 'Wed 2026-10-28'].flatMap((day) => ['14:00', '16:00', '18:00'].map((time) => `${day} ${time}`)),
    );
    // Summer time (UTC+2) before 25 October, winter time (UTC+1) after: the same local hour is another UTC hour.
    expect(sessions[0]!.startsAt).toBe('2026-10-22T12:00:00.000Z');
    expect(sessions[3]!.startsAt).toBe('2026-10-26T13:00:00.000Z');
    expect(sessions.every((session) => Date.parse(session.endsAt) - Date.parse(session.startsAt) === 2 * HOUR)).toBe(true);
    // Capacity defaults to the room's stations.
    expect(new Set(sessions.map((session) => session.capacity))).toEqual(new Set([2]));
    // A Wednesday midday series fits beside it; one overlapping the afternoon does not, and leaves nothing behind.
    const midday = { ...series, weekdays: [3], dailyStart: '11:30', dailyEnd: '13:30' };
    await expectStatus(api(room.url, 'POST', '/api/rooms/2/sessions', ADMIN_TOKEN, { series: midday }), 201);
    const overlapping = { ...series, weekdays: [5, 3], dailyStart: '19:00', dailyEnd: '21:00' };
    await expectStatus(api(room.url, 'POST', '/api/rooms/2/sessions', ADMIN_TOKEN, { series: overlapping }), 409);
    const listed = await expectStatus<{ sessions: SessionView[] }>(api(room.url, 'GET', '/api/rooms/2/sessions', ADMIN_TOKEN), 200);
    expect(listed.sessions).toHaveLength(13);
  });

  it('refuses an end before the start, a capacity below 1 or above the stations, an overlap and an oversized series', async () => {
    const at = (hours: number) => new Date(room.clock.now() + hours * HOUR).toISOString();
    const post = (body: unknown) => api(room.url, 'POST', '/api/rooms/1/sessions', ADMIN_TOKEN, body);
    await expectStatus(post({ startsAt: at(50), endsAt: at(49) }), 400);
    await expectStatus(post({ startsAt: at(50), endsAt: at(52), capacity: 0 }), 400);
    await expectStatus(post({ startsAt: at(50), endsAt: at(52), capacity: 21 }), 400);
    await expectStatus(post({ startsAt: at(50), endsAt: at(52), capacity: 20 }), 201);
    await expectStatus(post({ startsAt: at(51), endsAt: at(53) }), 409);
    const huge = { from: '2027-01-01', to: '2027-12-31', weekdays: [1, 2, 3, 4, 5, 6, 7], dailyStart: '08:00', dailyEnd: '20:00', slotMinutes: 60 };
    await expectStatus(post({ series: huge }), 400);
    const listed = await expectStatus<{ sessions: SessionView[] }>(api(room.url, 'GET', `/api/rooms/1/sessions?from=${at(0)}&to=${at(1000)}`, ADMIN_TOKEN), 200);
    expect(listed.sessions.map((session) => session.startsAt)).toEqual([at(50)]);
  });

  it("lets a leader make, move and cancel their own room's sessions and no other room's", async () => {
    const at = (hours: number) => new Date(room.clock.now() + hours * HOUR).toISOString();
    await expectStatus(api(room.url, 'POST', `/api/rooms/${room.room2}/sessions`, room.leader1, { startsAt: at(100), endsAt: at(102) }), 403);
    await expectStatus(api(room.url, 'GET', `/api/rooms/${room.room2}/sessions`, room.leader1), 403);
    const { sessions } = await expectStatus<{ sessions: SessionView[] }>(
      api(room.url, 'POST', '/api/rooms/1/sessions', room.leader1, { startsAt: at(100), endsAt: at(102), capacity: 5 }),
      201,
    );
    const id = sessions[0]!.id;
    await expectStatus(api(room.url, 'PATCH', `/api/sessions/${id}`, room.leader2, { capacity: 4 }), 404);
    await expectStatus(api(room.url, 'DELETE', `/api/sessions/${id}`, room.leader2), 404);
    const moved = await expectStatus<SessionView>(api(room.url, 'PATCH', `/api/sessions/${id}`, room.leader1, { startsAt: at(101), endsAt: at(103) }), 200);
    expect([moved.startsAt, moved.capacity]).toEqual([at(101), 5]);
    await expectStatus(api(room.url, 'DELETE', `/api/sessions/${id}`, room.leader1), 204);
    const listed = await expectStatus<{ sessions: SessionView[] }>(api(room.url, 'GET', '/api/rooms/1/sessions', room.leader1), 200);
    expect(listed.sessions.map((session) => session.id)).not.toContain(id);
  });

  it('counts bookings in a made session', async () => {
    const session = await makeSession(room, { hoursAhead: 300, capacity: 3 });
    expect([session.capacity, session.booked, session.waitlisted]).toEqual([3, 0, 0]);
  });
});

describe("a session's capacity changed", () => {
  it('moves the waiting up when raised, and refuses going below the places taken', async () => {
    const session = await makeSession(room, { capacity: 1, hoursAhead: 400 });
    const token = await signupLink(room);
    const answers: { bookings: { id: number; status: string }[] }[] = [];
    for (let i = 0; i < 3; i += 1) answers.push(await expectStatus<{ bookings: { id: number; status: string }[] }>(signUp(room, token, [session.id]), 201));
    expect(answers.map((answer) => answer.bookings[0]!.status)).toEqual(['booked', 'waitlisted', 'waitlisted']);
    const raised = await expectStatus<SessionView>(api(room.url, 'PATCH', `/api/sessions/${session.id}`, ADMIN_TOKEN, { capacity: 2 }), 200);
    expect([raised.booked, raised.waitlisted]).toEqual([2, 1]);
    await expectStatus(api(room.url, 'PATCH', `/api/sessions/${session.id}`, ADMIN_TOKEN, { capacity: 1 }), 409);
  });
});
