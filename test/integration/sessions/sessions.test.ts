import { SERIES_MAX_SESSIONS } from '@ringstuga/shared';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { expectRefusal, expectStatus, HOUR, makeSession, signUp, signupLink, startFillRoom, type FillRoom, type SessionView } from './fill-room.ts';

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
    // Each with the reason (and its params) the planning page says in its own language.
    await expectRefusal(post({ startsAt: at(50), endsAt: at(49) }), 400, { reason: 'session_ends_before_start' });
    await expectStatus(post({ startsAt: at(50), endsAt: at(52), capacity: 0 }), 400);
    await expectRefusal(post({ startsAt: at(50), endsAt: at(52), capacity: 21 }), 400, { reason: 'session_over_stations', params: { stations: 20 } });
    await expectStatus(post({ startsAt: at(50), endsAt: at(52), capacity: 20 }), 201);
    // The overlapping session's start as planned, on the campaign's clock.
    const localStart = DateTime.fromISO(at(51), { zone: 'Europe/Stockholm' }).toFormat('yyyy-MM-dd HH:mm');
    await expectRefusal(post({ startsAt: at(51), endsAt: at(53) }), 409, { reason: 'session_overlaps', params: { at: localStart } });
    const huge = { from: '2027-01-01', to: '2027-12-31', weekdays: [1, 2, 3, 4, 5, 6, 7], dailyStart: '08:00', dailyEnd: '20:00', slotMinutes: 60 };
    await expectRefusal(post({ series: huge }), 400, { reason: 'series_too_long', params: { max: SERIES_MAX_SESSIONS } });
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

describe('sessions within CALLING_HOURS', () => {
  let daytime: FillRoom;
  beforeAll(async () => {
    daytime = await startFillRoom({ stations: 2, env: { CALLING_HOURS: '09:00-21:00' } });
  });
  afterAll(async () => {
    await daytime?.campaign.close();
  });
  /** An ISO instant from the campaign's wall clock, e.g. `2026-10-08T21:12`. */
  const wall = (localTime: string) => DateTime.fromISO(localTime, { zone: 'Europe/Stockholm' }).toUTC().toISO()!;

  it('refuses a session, a series or a move that reaches outside them, saying which hours hold', async () => {
    const post = (body: unknown) => api(daytime.url, 'POST', '/api/rooms/1/sessions', ADMIN_TOKEN, body);
    const late = await post({ startsAt: wall('2026-10-08T21:12'), endsAt: wall('2026-10-08T22:42') });
    expect(late.status).toBe(400);
    expect(((await late.json()) as { error: unknown }).error).toEqual({
      code: 'invalid_request',
      message: 'Calls are made 09:00–21:00 (CALLING_HOURS, Europe/Stockholm): a session must lie within them',
      reason: 'session_outside_hours',
      params: { hours: '09:00–21:00', zone: 'Europe/Stockholm' },
    });
    await expectStatus(post({ startsAt: wall('2026-10-08T08:30'), endsAt: wall('2026-10-08T10:00') }), 400);
    const [evening] = (await expectStatus<{ sessions: SessionView[] }>(post({ startsAt: wall('2026-10-08T19:00'), endsAt: wall('2026-10-08T21:00') }), 201)).sessions;
    if (!evening) throw new Error('no session made');
    // A series whose last slot ends past 21:00 is refused whole.
    const series = { from: '2026-10-12', to: '2026-10-14', weekdays: [1, 2, 3], dailyStart: '18:00', dailyEnd: '22:00', slotMinutes: 120 };
    await expectStatus(post({ series }), 400);
    await expectStatus(api(daytime.url, 'PATCH', `/api/sessions/${evening.id}`, ADMIN_TOKEN, { endsAt: wall('2026-10-08T21:30') }), 400);
    const listed = await expectStatus<{ sessions: SessionView[] }>(api(daytime.url, 'GET', '/api/rooms/1/sessions', ADMIN_TOKEN), 200);
    expect(listed.sessions.map((session) => [session.startsAt, session.endsAt])).toEqual([[evening.startsAt, evening.endsAt]]);
  });
});
