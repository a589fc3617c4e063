// The demo's next two weeks in room 1: calling sessions, volunteers who booked them, a team
// evening and two pledges. Made through the app's own routes with the demo's derived leader and
// association links, so the demo holds exactly what a call leader and an association could make.
import type { FastifyInstance } from 'fastify';
import { asc } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { associations } from '../server/src/db/schema.ts';
import { first } from '../server/src/db/store/store.ts';
import { derivedToken } from '../server/src/features/auth/tokens.ts';
import { DEMO_SESSION_CAPACITY, WARNING_SESSION_INDEX, demoFill, demoVolunteers, whoBooks } from './demo-planning.ts';

export const DEMO_ROOM = 1;
export const DEMO_ROOM_ADDRESS = 'Exempelgatan 12, 123 45 Påhittby';
const DAYS = 14;
/** The demo's volunteers come from this many associations (the first by id; the team's is the first). */
const VOLUNTEER_ASSOCIATIONS = 6;

export interface DemoLinks {
  /** The demo's derived links for room 1 (the same at every start); null once revoked. */
  leader: string | null;
  signup: string | null;
  association: { id: number; name: string; token: string | null };
}

export interface DemoPlan {
  /** False: room 1 already had upcoming sessions, so nothing was added. */
  created: boolean;
  /** Shown once, when made: the team's sign-up link and a pledged person's personal link. */
  teamToken?: string;
  pledgeToken?: string;
}

/** Ensures the demo's derived links for room 1 and its first association, as every start does. */
export async function ensureDemoLinks(app: FastifyInstance, now: number): Promise<DemoLinks> {
  const key = app.tokenKey;
  const leader = derivedToken(key, `demo:leader:${DEMO_ROOM}`);
  const signup = derivedToken(key, `demo:signup:${DEMO_ROOM}`);
  const association = first(
    await app.store.read((q) => q.db.select({ id: associations.id, name: associations.name }).from(associations).orderBy(asc(associations.id)).limit(1)),
  );
  if (!association) throw new Error('The demo needs its associations: seed first');
  const associationToken = derivedToken(key, `demo:association:${association.id}`);
  const leaderKept = await app.store.write((q) => app.accessLinks.ensure(q, 'leader', leader, DEMO_ROOM, 'demo', now));
  const signupKept = await app.store.write((q) => app.signupLinks.ensure(q, { token: signup, roomId: DEMO_ROOM, createdBy: 'admin', label: 'demo' }, now));
  return {
    leader: leaderKept ? leader : null,
    signup: signupKept ? signup : null,
    association: {
      ...association,
      token: (await app.store.write((q) => app.associationLinks.ensure(q, association.id, associationToken, 'demo', now))) ? associationToken : null,
    },
  };
}

type Method = 'GET' | 'POST' | 'PUT';

/**
 * One request to the app's own route; anything but a 2xx stops the demo with the route and its code.
 * A string payload is a file, sent as `contentType`.
 */
export async function demoCall<T>(app: FastifyInstance, method: Method, url: string, token: string, payload?: object | string, contentType?: string): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (contentType) headers['content-type'] = contentType;
  const response = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  if (response.statusCode >= 300) throw new Error(`The demo's ${method} ${url.split('?')[0]} answered ${response.statusCode}: ${response.body}`);
  return response.json<T>();
}

interface SessionRow {
  id: number;
  startsAt: string;
}

/**
 * Plans room 1's next 14 days unless it already has sessions to come: Mon–Thu 17–19 and 19–21,
 * Saturdays 11–13, from tomorrow on the campaign's clock, booked in the pattern of `demoFill`.
 */
export async function planDemo(app: FastifyInstance, links: DemoLinks): Promise<DemoPlan> {
  const { leader, signup, association } = links;
  if (!leader || !signup || !association.token) return { created: false };
  const upcoming = await demoCall<{ sessions: SessionRow[] }>(app, 'GET', `/api/rooms/${DEMO_ROOM}/sessions`, leader);
  if (upcoming.sessions.length > 0) return { created: false };

  const zone = app.config.timeZone;
  const today = DateTime.fromMillis(app.now(), { zone }).startOf('day');
  const from = today.plus({ days: 1 }).toISODate()!;
  const to = today.plus({ days: DAYS }).toISODate()!;
  const stations = (await app.store.read((q) => app.stations.list(q))).filter((s) => s.roomId === DEMO_ROOM).length;
  const capacity = Math.min(DEMO_SESSION_CAPACITY, stations);
  await demoCall(app, 'PUT', `/api/rooms/${DEMO_ROOM}/address`, leader, { address: DEMO_ROOM_ADDRESS });
  const series = (weekdays: number[], dailyStart: string, dailyEnd: string) =>
    demoCall<{ sessions: SessionRow[] }>(app, 'POST', `/api/rooms/${DEMO_ROOM}/sessions`, leader, {
      series: { from, to, weekdays, dailyStart, dailyEnd, slotMinutes: 120 },
      capacity,
    });
  const evenings = await series([1, 2, 3, 4], '17:00', '21:00');
  const saturdays = await series([6], '11:00', '13:00');
  const sessions = [...evenings.sessions, ...saturdays.sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt));

  // The team evening: the first 19–21 session that is neither the warning one nor a full one.
  const evening = (s: SessionRow) => DateTime.fromISO(s.startsAt, { zone }).hour === 19;
  const teamSession = sessions.findIndex((s, i) => i > WARNING_SESSION_INDEX && i % 5 !== 3 && evening(s));
  const fill = demoFill(sessions.length, capacity, teamSession);

  const offer = await demoCall<{ associations: { id: number }[] }>(app, 'GET', '/api/signup/sessions', signup);
  const associationIds = offer.associations.map((a) => a.id).sort((a, b) => a - b).slice(0, VOLUNTEER_ASSOCIATIONS);
  const volunteers = demoVolunteers(capacity * 3 + fill.team.taken + 1, associationIds.length);
  const general = volunteers.slice(0, capacity * 3);
  const booking = (v: (typeof volunteers)[number], sessionIds: number[], associationId: number) => ({
    sessionIds,
    name: v.name,
    associationId,
    ...(v.email ? { email: v.email } : { phone: v.phone }),
    languages: v.languages,
    consent: true,
  });
  const plans = whoBooks(fill.general, general.length);
  for (const [i, v] of general.entries()) {
    const sessionIds = plans[i]!.map((index) => sessions[index]!.id);
    if (sessionIds.length > 0) await demoCall(app, 'POST', '/api/signup/bookings', signup, booking(v, sessionIds, associationIds[v.association]!));
  }

  const team = await demoCall<{ token: string }>(app, 'POST', `/api/associations/${association.id}/teams`, association.token, {
    sessionId: sessions[teamSession]!.id,
    places: fill.team.places,
    captain: volunteers.at(-1)!.name,
  });
  for (const member of volunteers.slice(general.length, general.length + fill.team.taken)) {
    await demoCall(app, 'POST', '/api/signup/bookings', team.token, booking(member, [sessions[teamSession]!.id], association.id));
  }

  // A person's pledge with two sessions booked toward it, and the association's own.
  const by = to;
  const pledged = await demoCall<{ token: string }>(app, 'POST', '/api/pledges', association.token, {
    name: volunteers.at(-1)!.name,
    associationId: association.id,
    shifts: 3,
    by,
  });
  const towardPledge = sessions.filter((_, i) => fill.general[i]! < capacity && i !== WARNING_SESSION_INDEX && i !== teamSession).slice(0, 2);
  await demoCall(app, 'POST', '/api/me/bookings', pledged.token, { sessionIds: towardPledge.map((s) => s.id) });
  await demoCall(app, 'POST', '/api/pledges', association.token, { name: association.name, associationId: association.id, shifts: 20, by });
  return { created: true, teamToken: team.token, pledgeToken: pledged.token };
}
