import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { expectStatus, makeSession, signUp, signupLink, startFillRoom, type FillRoom, type SignupAnswer } from './fill-room.ts';

let room: FillRoom;
beforeAll(async () => {
  room = await startFillRoom();
});
afterAll(async () => {
  await room?.campaign.close();
});

/** The feed's events, each as its unfolded property lines. */
function events(text: string): Map<string, string>[] {
  const lines = text.replace(/\r\n /g, '').split('\r\n');
  const found: Map<string, string>[] = [];
  let current: Map<string, string> | undefined;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = new Map();
    else if (line === 'END:VEVENT') found.push(current!);
    else if (current) current.set(line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1));
  }
  return found;
}

describe('the personal calendar feed', () => {
  it('has one VEVENT per active booking, with its room and address, a stable UID and the personal link', async () => {
    await expectStatus(api(room.url, 'PUT', '/api/rooms/1/address', room.leader1, { address: 'Storgatan 1, Ale' }), 200);
    await expectStatus(api(room.url, 'PUT', '/api/rooms/1/address', room.leader2, { address: 'Någon annanstans' }), 403);
    const sessions = [await makeSession(room, { capacity: 2, hoursAhead: 10 }), await makeSession(room, { capacity: 2, hoursAhead: 20 }), await makeSession(room, { capacity: 2, hoursAhead: 30 })];
    const answer = await expectStatus<SignupAnswer>(signUp(room, await signupLink(room), sessions.map((session) => session.id)), 201);
    // One booking cancelled by the volunteer, one session cancelled: one event stays.
    await expectStatus(api(room.url, 'DELETE', `/api/me/bookings/${answer.bookings[0]!.id}`, answer.token), 200);
    await expectStatus(api(room.url, 'DELETE', `/api/sessions/${sessions[1]!.id}`, ADMIN_TOKEN), 204);

    const response = await api(room.url, 'GET', '/api/me/calendar.ics', answer.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await response.text();
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    // A real iCalendar parser reads it the same way.
    const parsed = new ICAL.Component(ICAL.parse(text));
    const vevents = parsed.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    expect(vevents.map((parsedEvent) => [parsedEvent.uid, parsedEvent.startDate.toJSDate().toISOString(), parsedEvent.location])).toEqual([
      [`booking-${answer.bookings[2]!.id}@ringstuga`, sessions[2]!.startsAt, `${await roomName()}, Storgatan 1, Ale`],
    ]);
    expect(vevents[0]!.description).toContain(answer.url);
    const [event, ...others] = events(text);
    expect(others).toEqual([]);
    expect(event!.get('UID')).toBe(`booking-${answer.bookings[2]!.id}@ringstuga`);
    expect(event!.get('DTSTART')).toBe(sessions[2]!.startsAt.replace(/[-:]/g, '').replace('.000', ''));
    expect(event!.get('LOCATION')).toBe(`${await roomName()}\\, Storgatan 1\\, Ale`);
    expect(event!.get('DESCRIPTION')).toContain(answer.url);

    // The same feed as a subscribable URL (no headers), with the same UIDs.
    const subscribed = await fetch(`${room.url}/api/me/calendar.ics?token=${encodeURIComponent(answer.token)}`);
    expect(subscribed.status).toBe(200);
    expect(events(await subscribed.text()).map((found) => found.get('UID'))).toEqual([event!.get('UID')]);
  });

  it('refuses a wrong token, in the header or the URL, with 401', async () => {
    expect((await fetch(`${room.url}/api/me/calendar.ics?token=not-a-token-of-anyone`)).status).toBe(401);
    expect((await fetch(`${room.url}/api/me/calendar.ics`)).status).toBe(401);
    expect((await api(room.url, 'GET', '/api/me/calendar.ics', 'not-a-token-of-anyone')).status).toBe(401);
    // Another role's token is not a personal one.
    expect((await api(room.url, 'GET', '/api/me/calendar.ics', ADMIN_TOKEN)).status).toBe(403);
  });
});

async function roomName(): Promise<string> {
  const { rooms } = (await (await api(room.url, 'GET', '/api/rooms', ADMIN_TOKEN)).json()) as { rooms: { id: number; name: string }[] };
  return rooms.find((listed) => listed.id === 1)!.name;
}
