import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zPledgeProgress, zSession, zSignupLink, zSignupOffer, zTeamSummary } from '@ringstuga/shared';
import { ensureDemoLinks, planDemo, type DemoLinks } from '../../../seeds/plan-demo.ts';
import { seedDemoInStore } from '../../../seeds/seed-store.ts';
import { api, bodyOf } from '../../helpers/http.ts';
import { ADMIN_TOKEN, startServer, type TestServer } from '../../helpers/server.ts';

const DAY = 86_400_000;
const ZONE = 'Europe/Stockholm';
const zSessions = z.object({ sessions: z.array(zSession) });

/** The mobilisation warning: not started, starting within 7 days, under half its places booked. */
const warns = (s: z.infer<typeof zSession>, now: number) =>
  Date.parse(s.startsAt) > now && Date.parse(s.startsAt) <= now + 7 * DAY && s.booked / s.capacity < 0.5;

// A Wednesday morning and a Friday evening: the pattern holds whatever day the demo is made.
describe.each([
  ['a Wednesday morning', Date.UTC(2026, 8, 16, 8)],
  ['a Friday evening', Date.UTC(2026, 8, 18, 19)],
])('the demo made on %s', (_, now) => {
  let server: TestServer;
  let links: DemoLinks;
  let sessions: z.infer<typeof zSession>[];

  beforeAll(async () => {
    // Seeded through the store before the server listens, on SQLite or PostgreSQL alike.
    server = await startServer({ now: () => now, prepare: (app) => seedDemoInStore(app, { stations: 12, now }).then(() => undefined) });
    links = await ensureDemoLinks(server.app, now);
    expect(await planDemo(server.app, links)).toMatchObject({ created: true });
    sessions = (await bodyOf(await api(server.url, 'GET', '/api/rooms/1/sessions', ADMIN_TOKEN), 200, zSessions)).sessions;
    // 97 k contacts seeded through the store: on PostgreSQL in a niced CI run that can take minutes.
  }, 300_000);

  afterAll(async () => {
    await server?.close();
  });

  it('has sessions in room 1 on Mon–Thu evenings and Saturday late mornings of the next 14 days, none today', () => {
    expect(sessions.length).toBeGreaterThanOrEqual(16);
    const tomorrow = DateTime.fromMillis(now, { zone: ZONE }).startOf('day').plus({ days: 1 }).toMillis();
    for (const s of sessions) {
      const start = DateTime.fromISO(s.startsAt, { zone: ZONE });
      expect(Date.parse(s.startsAt)).toBeGreaterThanOrEqual(tomorrow);
      expect(Date.parse(s.startsAt)).toBeLessThan(tomorrow + 14 * DAY);
      expect(s.roomId).toBe(1);
      expect([1, 2, 3, 4, 6]).toContain(start.weekday);
      expect(start.weekday === 6 ? [11] : [17, 19]).toContain(start.hour);
    }
  });

  it('warns for exactly one session, and most sessions are half booked or more', () => {
    expect(sessions.filter((s) => warns(s, now))).toHaveLength(1);
    expect(sessions.filter((s) => s.booked / s.capacity >= 0.5).length).toBe(sessions.length - 1);
  });

  it('has full sessions with people on their waiting lists', () => {
    const full = sessions.filter((s) => s.booked === s.capacity && s.waitlisted > 0);
    expect(full.length).toBeGreaterThanOrEqual(2);
  });

  it("has one team evening with a captain and some of its places taken through the team's link", async () => {
    const teams = z.object({ teams: z.array(zTeamSummary) });
    const answer = await bodyOf(await api(server.url, 'GET', `/api/associations/${links.association.id}/teams`, ADMIN_TOKEN), 200, teams);
    expect(answer.teams).toHaveLength(1);
    const [team] = answer.teams;
    expect(team!.captain.length).toBeGreaterThan(0);
    expect(team!.taken).toBeGreaterThan(0);
    expect(team!.taken).toBeLessThan(team!.places);
    expect(sessions.find((s) => s.id === team!.sessionId)?.teamPlaces).toBe(team!.places);
  });

  it("has two pledges, one a person's with sessions booked toward it, one the association's own", async () => {
    const pledges = z.object({ pledges: z.array(zPledgeProgress) });
    const answer = await bodyOf(await api(server.url, 'GET', '/api/pledges', ADMIN_TOKEN), 200, pledges);
    expect(answer.pledges).toHaveLength(2);
    expect(answer.pledges.map((p) => p.name)).toContain(links.association.name);
    const person = answer.pledges.find((p) => p.name !== links.association.name);
    expect(person?.booked).toBe(2);
  });

  it("offers the sessions at Kafé Marx's address through the sign-up link", async () => {
    const offer = await bodyOf(await api(server.url, 'GET', '/api/signup/sessions', links.signup!), 200, zSignupOffer);
    expect(offer.sessions.map((s) => s.id)).toEqual(sessions.map((s) => s.id));
    expect(offer.sessions.every((s) => s.room === 'Kafé Marx' && (s.address ?? '').length > 0)).toBe(true);
  });

  it('adds nothing when the demo starts again on the same database', async () => {
    const again = await ensureDemoLinks(server.app, now + DAY);
    expect(again).toEqual(links);
    expect(await planDemo(server.app, again)).toEqual({ created: false });
    const after = await bodyOf(await api(server.url, 'GET', '/api/rooms/1/sessions', ADMIN_TOKEN), 200, zSessions);
    expect(after.sessions).toEqual(sessions);
  });

  it('keeps a revoked demo sign-up link revoked at the next start, which then shows none', async () => {
    const listed = z.object({ links: z.array(zSignupLink) });
    const { links: all } = await bodyOf(await api(server.url, 'GET', '/api/signup-links', ADMIN_TOKEN), 200, listed);
    const demo = all.filter((link) => link.label === 'demo');
    expect(demo).toHaveLength(1);
    expect((await api(server.url, 'DELETE', `/api/signup-links/${demo[0]!.id}`, ADMIN_TOKEN)).ok).toBe(true);
    expect(await ensureDemoLinks(server.app, now + DAY)).toEqual({ ...links, signup: null });
    expect((await api(server.url, 'GET', '/api/signup/sessions', links.signup!)).status).toBe(401);
  });
});
