import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../../server/src/features/auth/tokens.ts';
import { PURGE_CONFIRMATION } from '../../../server/src/features/privacy/erasure.routes.ts';
import { buildBooking, buildRoom, buildSession, buildVolunteer, HOUR } from '../../helpers/booking-rows.ts';
import { buildStations } from '../../factories/campaign.ts';
import { api } from '../../helpers/http.ts';
import { ADMIN_TOKEN, startServer, type TestServer } from '../../helpers/server.ts';
import { onPostgres } from '../../helpers/store-kind.ts';
import { column, execute, rows, single } from '../../helpers/store-values.ts';
import { tracesInStore, tracesOnDisk } from '../../helpers/trace-scan.ts';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const DAY = 24 * HOUR;

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// Each person's details, distinct enough to search the file's bytes for.
const person = (n: number) => ({ name: `Volontär Personsson${n}`, email: `person${n}@exempel.se`, phone: `+4670555000${n}` });
const traces = (...people: ReturnType<typeof person>[]) => people.flatMap(({ name, email, phone }) => [name, email, phone]);

// The file's bytes are SQLite's. PostgreSQL promises nothing about its pages (README: Privacy); that it
// VACUUMs after an erasure is checked in test/integration/postgres/erasure-on-postgres.test.ts.
const expectNotOnDisk = (path: string, needles: readonly string[]) => {
  if (!onPostgres) expect(tracesOnDisk(path, needles)).toEqual([]);
};

/** An association (pledges and teams belong to one). */
const association = (app: TestServer['app']): Promise<number> =>
  app.store.write(async (q) => {
    await q.run(sql`INSERT INTO municipalities (code, name) VALUES ('0180', 'Stockholm') ON CONFLICT DO NOTHING`);
    return (await q.value<number>(sql`INSERT INTO associations (municipality_code, name) VALUES ('0180', 'Förening') RETURNING id`))!;
  });

const volunteerRow = async (app: TestServer['app'], id: number) =>
  (
    await rows<{ name: string; email: string | null; phone: string | null; erasedAt: number | null; generation: number; tokenHash: string }>(
      app.store,
      sql`SELECT name, email, phone, erased_at AS "erasedAt", token_generation AS generation, token_hash AS "tokenHash" FROM volunteers WHERE id = ${id}`,
    )
  )[0]!;

describe('erasing volunteers', () => {
  it('DELETE /api/volunteers/{id} blanks their details in the file, voids their link, cancels bookings ahead, drops unsent mail and is audited', async () => {
    server = await startServer({ now: () => NOW });
    const { app } = server;
    const roomId = await buildRoom(app, { name: 'Folkets hus', address: 'Storgatan 1' });
    const ahead = await buildSession(app, { roomId, startsAt: NOW + DAY });
    const past = await buildSession(app, { roomId, startsAt: NOW - DAY });
    const [anna, bo] = [person(1), person(2)];
    const annaRow = await buildVolunteer(app, { ...anna, createdAt: NOW - 10 * DAY });
    const boRow = await buildVolunteer(app, { ...bo, createdAt: NOW - 10 * DAY });
    const annaAhead = await buildBooking(app, { sessionId: ahead, volunteerId: annaRow.id, createdAt: NOW - 9 * DAY });
    const annaPast = await buildBooking(app, { sessionId: past, volunteerId: annaRow.id, createdAt: NOW - 9 * DAY });
    // She came to the past session: checked in as herself, her name is on the shift.
    const [station] = await buildStations(app, 1);
    await execute(
      app.store,
      sql`INSERT INTO shifts (station_id, room_id, name, languages, started_at, last_activity_at, campaign_id, volunteer_id)
          VALUES (${station!.id}, 1, ${anna.name}, '[]', ${NOW - DAY}, ${NOW - DAY}, 1, ${annaRow.id})`,
    );
    const annaShift = await single(app.store, sql`SELECT id FROM shifts WHERE volunteer_id = ${annaRow.id}`);
    await execute(app.store, sql`UPDATE bookings SET status = 'attended', shift_id = ${annaShift} WHERE id = ${annaPast}`);
    const boAhead = await buildBooking(app, { sessionId: ahead, volunteerId: boRow.id, createdAt: NOW - 9 * DAY });
    const pledger = await association(app);
    await execute(
      app.store,
      sql`INSERT INTO pledges (association_id, volunteer_id, name, shifts, by, created_by, created_at) VALUES (${pledger}, ${annaRow.id}, ${anna.name}, 3, '2026-12-20', 'admin', 0)`,
    );
    expect(await tracesInStore(app.store, traces(anna))).not.toEqual([]);

    const path = `/api/volunteers/${annaRow.id}`;
    expect((await api(server.url, 'DELETE', path)).status).toBe(401);
    const erased = await api(server.url, 'DELETE', path, ADMIN_TOKEN);
    expect(erased.status).toBe(200);
    expect(await erased.json()).toEqual({ bookingsCancelled: 1, messagesDropped: 2 });

    const row = await volunteerRow(app, annaRow.id);
    expect(row).toMatchObject({ name: '', email: null, phone: null, erasedAt: NOW, generation: 1 });
    expect(row.tokenHash).not.toBe(hashToken(annaRow.token));
    expect(await rows(app.store, sql`SELECT id, status FROM bookings ORDER BY id`)).toEqual([
      { id: annaAhead, status: 'cancelled' },
      { id: annaPast, status: 'attended' },
      { id: boAhead, status: 'booked' },
    ]);
    expect(await column(app.store, sql`SELECT volunteer_id FROM mail_outbox`)).toEqual([boRow.id]);
    // Her shift stays, its figures counted, under a pseudonym of her own.
    expect(await single(app.store, sql`SELECT name FROM shifts WHERE id = ${annaShift}`)).toBe('Volontär 1');
    expect(await tracesInStore(app.store, traces(anna))).toEqual([]);
    expectNotOnDisk(server.databasePath, traces(anna));
    expect((await tracesInStore(app.store, traces(bo))).length).toBe(3);
    const audit = await rows(app.store, sql`SELECT actor, action, target, detail FROM audit_log WHERE target LIKE 'volunteer%'`);
    expect(audit).toEqual([{ actor: 'admin', action: 'erase', target: `volunteer:${annaRow.id}`, detail: JSON.stringify({ bookingsCancelled: 1, messagesDropped: 2 }) }]);

    // Retried: the same answer, nothing more to do; an unknown id is a 404.
    expect(await (await api(server.url, 'DELETE', path, ADMIN_TOKEN)).json()).toEqual({ bookingsCancelled: 0, messagesDropped: 0 });
    expect(await single(app.store, sql`SELECT name FROM shifts WHERE id = ${annaShift}`)).toBe('Volontär 1');
    expect((await api(server.url, 'DELETE', '/api/volunteers/9999', ADMIN_TOKEN)).status).toBe(404);
  });

  it('GET /api/volunteers/find finds whom a person asking to be erased is, by email or phone however written, and is audited by counts', async () => {
    server = await startServer({ now: () => NOW });
    const { app } = server;
    const roomId = await buildRoom(app, { name: 'Folkets hus', address: 'Storgatan 1' });
    const ahead = await buildSession(app, { roomId, startsAt: NOW + DAY });
    const [anna, bo] = [person(1), person(2)];
    const annaRow = await buildVolunteer(app, { ...anna, createdAt: NOW - 10 * DAY, lastBookedAt: NOW - 9 * DAY });
    await buildVolunteer(app, { ...bo, createdAt: NOW - 10 * DAY });
    await buildBooking(app, { sessionId: ahead, volunteerId: annaRow.id, createdAt: NOW - 9 * DAY });
    const find = async (query: string, expected = 200) => {
      const response = await api(server!.url, 'GET', `/api/volunteers/find?${query}`, ADMIN_TOKEN);
      expect(response.status).toBe(expected);
      return (await response.json()) as { volunteers: { id: number; name: string; email: string | null; phone: string | null; lastBookedAt: string | null; bookings: number }[] };
    };
    const annaFound = { id: annaRow.id, ...anna, lastBookedAt: new Date(NOW - 9 * DAY).toISOString(), bookings: 1 };
    expect((await find(`email=${encodeURIComponent(' PERSON1@Exempel.se ')}`)).volunteers).toEqual([annaFound]);
    // The phone as a person would say it, stored E.164.
    expect((await find(`phone=${encodeURIComponent('070-555 000 1')}`)).volunteers).toEqual([annaFound]);
    expect((await find(`email=${encodeURIComponent(anna.email)}&phone=${encodeURIComponent(bo.phone)}`)).volunteers.map((row) => row.name)).toEqual([anna.name, bo.name]);
    expect((await find('email=nobody%40exempel.se')).volunteers).toEqual([]);
    for (const bad of ['', 'email=not-an-email', 'phone=123', 'name=Anna']) await find(bad, 400);
    expect((await api(server.url, 'GET', '/api/volunteers/find?email=person1%40exempel.se')).status).toBe(401);

    // Erased, they are found no more; the audit names counts, never what was asked.
    expect((await api(server.url, 'DELETE', `/api/volunteers/${annaRow.id}`, ADMIN_TOKEN)).status).toBe(200);
    expect((await find(`email=${encodeURIComponent(anna.email)}`)).volunteers).toEqual([]);
    const audit = await rows<{ detail: string }>(app.store, sql`SELECT detail FROM audit_log WHERE action = 'view' AND target = 'volunteers' ORDER BY id`);
    expect(audit.map((row) => JSON.parse(row.detail) as unknown)).toEqual([
      { view: 'find', by: 'email', volunteers: 1 },
      { view: 'find', by: 'phone', volunteers: 1 },
      { view: 'find', by: 'email_or_phone', volunteers: 2 },
      { view: 'find', by: 'email', volunteers: 0 },
      { view: 'find', by: 'email', volunteers: 0 },
    ]);
    expect(audit.map((row) => row.detail).join()).not.toMatch(/person|exempel|4670/);
  });

  it('removes the details of volunteers with no booking for VOLUNTEER_RETENTION_DAYS, by their last booking or else their sign-up, keeping anyone booked ahead', async () => {
    server = await startServer({ now: () => NOW, env: { VOLUNTEER_RETENTION_DAYS: '30' } });
    const { app } = server;
    const roomId = await buildRoom(app, { name: 'Folkets hus' });
    const ahead = await buildSession(app, { roomId, startsAt: NOW + 60 * DAY });
    const [lapsed, neverBooked, recent, bookedAhead, fresh] = [1, 2, 3, 4, 5].map(person);
    const ids = {
      lapsed: (await buildVolunteer(app, { ...lapsed!, createdAt: NOW - 100 * DAY, lastBookedAt: NOW - 31 * DAY })).id,
      neverBooked: (await buildVolunteer(app, { ...neverBooked!, createdAt: NOW - 31 * DAY })).id,
      recent: (await buildVolunteer(app, { ...recent!, createdAt: NOW - 100 * DAY, lastBookedAt: NOW - 29 * DAY })).id,
      bookedAhead: (await buildVolunteer(app, { ...bookedAhead!, createdAt: NOW - 100 * DAY })).id,
      fresh: (await buildVolunteer(app, { ...fresh!, createdAt: NOW - DAY })).id,
    };
    await buildBooking(app, { sessionId: ahead, volunteerId: ids.bookedAhead, createdAt: NOW - 40 * DAY });

    expect(await app.sweepVolunteerRetention()).toEqual({ volunteers: 2, bookingsCancelled: 0, messagesDropped: 0 });
    expect(await volunteerRow(app, ids.lapsed)).toMatchObject({ name: '', email: null, phone: null, erasedAt: NOW });
    expect(await volunteerRow(app, ids.neverBooked)).toMatchObject({ name: '', email: null, phone: null, erasedAt: NOW });
    expectNotOnDisk(server.databasePath, traces(lapsed!, neverBooked!));
    expect((await tracesInStore(app.store, traces(recent!, bookedAhead!, fresh!))).length).toBe(9);
    expect(await rows(app.store, sql`SELECT actor, target FROM audit_log WHERE action = 'erase'`)).toEqual([{ actor: 'system', target: 'volunteers' }]);
    expect(await app.sweepVolunteerRetention()).toEqual({ volunteers: 0, bookingsCancelled: 0, messagesDropped: 0 });
  });

  it('the end-of-campaign purge removes every volunteer’s details, their pledges’ names and teams’ captains', async () => {
    server = await startServer({ now: () => NOW });
    const { app } = server;
    const roomId = await buildRoom(app, { name: 'Folkets hus' });
    const sessionId = await buildSession(app, { roomId, startsAt: NOW + DAY });
    const people = [1, 2].map(person);
    const ids: number[] = [];
    for (const who of people) ids.push((await buildVolunteer(app, { ...who, createdAt: NOW - DAY })).id);
    await buildBooking(app, { sessionId, volunteerId: ids[0]!, createdAt: NOW - DAY });
    const captain = 'Kapten Lagledarsson';
    const team = await association(app);
    await execute(app.store, sql`INSERT INTO teams (session_id, association_id, places, captain, token_hash, created_at) VALUES (${sessionId}, ${team}, 2, ${captain}, 'x', 0)`);

    const purged = await api(server.url, 'POST', '/api/purge', ADMIN_TOKEN, { confirm: PURGE_CONFIRMATION });
    expect(purged.status).toBe(200);
    for (const id of ids) expect(await volunteerRow(app, id)).toMatchObject({ name: '', email: null, phone: null, erasedAt: NOW, generation: 1 });
    expect(await tracesInStore(app.store, [...traces(...people), captain])).toEqual([]);
    expectNotOnDisk(server.databasePath, [...traces(...people), captain]);
    expect(Number(await single(app.store, sql`SELECT COUNT(*) FROM mail_outbox`))).toBe(0);
    const [detail] = (await column(app.store, sql`SELECT detail FROM audit_log WHERE target = 'campaign'`)) as string[];
    expect(JSON.parse(detail!)).toMatchObject({ volunteers: 2, bookingsCancelled: 1, messagesDropped: 1 });
  });
});
