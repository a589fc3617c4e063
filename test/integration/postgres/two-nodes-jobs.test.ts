import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { associations, callLists, mailOutbox, municipalities, volunteers } from '../../../server/src/db/schema.ts';
import { hashToken, newSecret } from '../../../server/src/features/auth/tokens.ts';
import { importLock } from '../../../server/src/features/import/import.service.ts';
import type { ParsedContact } from '../../../server/src/features/import/parse-contacts.ts';
import { queueMail } from '../../../server/src/features/mail/mail-outbox.ts';
import { RETENTION_SWEEP_LOCK } from '../../../server/src/features/volunteers/volunteers.plugin.ts';
import { assignmentOf } from '../../helpers/campaign-server.ts';
import { describeWithPostgres } from '../../helpers/postgres/binaries.ts';
import { createDatabase, type TestDatabase } from '../../helpers/postgres/database.ts';
import { ADMIN_TOKEN, startServer, type TestServer } from '../../helpers/server.ts';
import { startSmtpInbox, type SmtpInbox } from '../../helpers/smtp-inbox.ts';
import { connectStation, type StationClient } from '../../helpers/station-client.ts';

// Two nodes on one PostgreSQL database: the periodic jobs, the mail sender, imports and the
// question cache, each seen from both.

let database: TestDatabase | undefined;
const servers: TestServer[] = [];
const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  for (const server of servers.splice(0)) await server.close();
  await database?.drop();
  database = undefined;
});

/** A node on the test's database (made with the first node). */
async function node(env: Record<string, string> = {}): Promise<TestServer> {
  database ??= await createDatabase();
  const server = await startServer({ env: { DATABASE_URL: database.url, PUBLIC_URL: 'http://ringstuga.test', ...env } });
  servers.push(server);
  return server;
}

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
async function call(server: TestServer, method: string, path: string, body?: string, contentType = 'application/json'): Promise<Response> {
  return fetch(`${server.url}${path}`, { method, headers: { ...admin, ...(body && { 'content-type': contentType }) }, body });
}
async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** An association and a list of it, made on `server`. */
async function associationList(server: TestServer): Promise<{ associationId: number; listId: number }> {
  const associationId = await server.app.store.write(async (q) => {
    await q.db.insert(municipalities).values({ code: '0127', name: 'Botkyrka' });
    const [made] = await q.db.insert(associations).values({ name: 'Botkyrka Blå', municipalityCode: '0127' }).returning({ id: associations.id });
    return made!.id;
  });
  const list = await json<{ id: number }>(await call(server, 'POST', '/api/lists', JSON.stringify({ name: 'Medlemmar', associationId })));
  return { associationId, listId: list.id };
}

const CSV = 'Namn;Telefon\r\nAnna Andersson;070-123 45 67\r\nBo Berg;0701234568\r\nCilla Ceder;0701234569\r\n';

/** Volunteers as sign-up leaves them: `count` of them, created at `createdAt`. */
const addVolunteers = (server: TestServer, count: number, createdAt: number) =>
  server.app.store.write(async (q) => {
    const ids: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const [row] = await q.db
        .insert(volunteers)
        .values({ name: `Frivillig ${i}`, email: `v${i}@example.org`, languages: [], tokenHash: hashToken(newSecret()), createdAt })
        .returning({ id: volunteers.id });
      ids.push(row!.id);
    }
    return ids;
  });

/** A connection of the test's own that holds `key` as a node would (a session advisory lock). */
async function holdAsAnotherNode(key: string): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: database!.url });
  await client.connect();
  await client.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
  return () => client.end();
}

describeWithPostgres('two nodes on one PostgreSQL database', () => {
  it('a retention sweep runs on one node per round: skipped while another holds its lock, and a round right after finds nothing', async () => {
    const a = await node();
    const b = await node();
    // Idle since long before the retention period.
    await addVolunteers(a, 5, 0);
    const release = await holdAsAnotherNode(RETENTION_SWEEP_LOCK);
    expect((await a.app.sweepVolunteerRetention()).volunteers).toBe(0);
    await release();
    const rounds = await Promise.all([a.app.sweepVolunteerRetention(), b.app.sweepVolunteerRetention()]);
    expect(rounds.map((round) => round.volunteers).sort()).toEqual([0, 5]);
    expect((await b.app.sweepVolunteerRetention()).volunteers).toBe(0);
  });

  it('sends each queued email once while two nodes send at the same time', async () => {
    const inbox: SmtpInbox = await startSmtpInbox();
    closers.push(() => inbox.stop());
    const env = { SMTP_URL: inbox.url, MAIL_FROM: 'Ringstuga <ring@ringstuga.test>' };
    const a = await node(env);
    const b = await node(env);
    const now = a.app.now();
    const ids = await addVolunteers(a, 12, now);
    await a.app.store.write(async (q) => {
      for (const id of ids) await queueMail(q, { kind: 'personal_link', volunteerId: id, key: `personal_link:volunteer:${id}:0` }, now);
    });
    const [fromA, fromB] = await Promise.all([a.app.sendQueuedMail(), b.app.sendQueuedMail()]);
    expect(fromA.sent + fromB.sent).toBe(12);
    expect(inbox.received.map((mail) => mail.to).sort()).toEqual(ids.map((_, i) => `v${i}@example.org`).sort());
    // Nothing left for either node.
    expect(await Promise.all([a.app.sendQueuedMail(), b.app.sendQueuedMail()])).toEqual([
      { sent: 0, failed: 0, dropped: 0 },
      { sent: 0, failed: 0, dropped: 0 },
    ]);
    const unsent = await a.app.store.read((q) => q.db.select({ id: mailOutbox.id }).from(mailOutbox).where(sql`${mailOutbox.lastError} IS NOT NULL`));
    expect(unsent).toEqual([]);
  });

  it("refuses a second import for an association while the first runs on the other node, and takes one after", async () => {
    const a = await node();
    const b = await node();
    const { associationId, listId } = await associationList(a);
    // What a running import on node A holds for its whole run.
    const running = await a.app.store.hold(importLock(associationId));
    expect(running).not.toBeNull();
    const refused = await call(b, 'POST', `/api/lists/${listId}/import`, CSV, 'text/csv');
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'import_running' } });
    await running!.release();
    await expect(json(await call(b, 'POST', `/api/lists/${listId}/import`, CSV, 'text/csv'))).resolves.toMatchObject({ imported: 3 });
  });

  it("a node's start leaves another node's running import alone, and clears it once that node is gone", async () => {
    const a = await node();
    const { associationId, listId } = await associationList(a);
    await json(await call(a, 'POST', `/api/lists/${listId}/import`, CSV, 'text/csv'));
    // A first import half written on node A: the list hidden, its rows in, the association's key held.
    await a.app.store.write((q) => q.run(q.db.update(callLists).set({ importing: true }).where(eq(callLists.id, listId))));
    const running = await a.app.store.hold(importLock(associationId));
    const listState = (server: TestServer) =>
      server.app.store.read(async (q) => ({
        importing: (await q.db.select({ importing: callLists.importing }).from(callLists).where(eq(callLists.id, listId)))[0]!.importing,
        contacts: await q.value<number>(sql`SELECT COUNT(*) FROM contacts WHERE list_id = ${listId}`),
      }));

    await node();
    expect(await listState(a)).toEqual({ importing: true, contacts: 3 });
    // Node A dies: its connection, and the key with it, are gone.
    await running!.release();
    await node();
    expect(await listState(a)).toEqual({ importing: false, contacts: 0 });
  });

  it('an erasure on one node during an import on the other keeps the person out of its later writes, and stores no number', async () => {
    const a = await node();
    const b = await node();
    const hashRows = () => a.app.store.read((q) => q.all<{ key: string }>(sql`SELECT key FROM settings WHERE key LIKE 'import-erased:%'`));
    const contact = (phone: string): ParsedContact => ({ row: 2, name: 'Anna', phone, altPhone: null, votingDistrict: null, priority: 2, preferredLanguage: null, externalId: null });
    // No import runs: an erasure leaves nothing behind.
    expect((await call(a, 'DELETE', '/api/people/0701234567')).status).toBe(200);
    expect(await hashRows()).toEqual([]);

    // An import is running on node B (it read its file before the erasure).
    const watch = await b.app.erasureWatch.begin();
    expect((await call(a, 'DELETE', '/api/people/0701234567')).status).toBe(200);
    // B's next write leaves the number out (as its number or its alternative one); others go in.
    const skip = await b.app.store.write((q) => b.app.erasureWatch.guard(q, watch.erased));
    expect(watch.erased.size).toBe(0);
    expect(skip(contact('+46701234567'))).toBe(true);
    expect(skip({ ...contact('+46701234568'), altPhone: '+46701234567' })).toBe(true);
    expect(skip(contact('+46701234568'))).toBe(false);
    const rows = await hashRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.key).not.toMatch(/701234567/);

    await b.app.erasureWatch.end(watch);
    expect(await hashRows()).toEqual([]);
  });

  it('a question set saved on one node is asked by a station on the other', async () => {
    const a = await node();
    const b = await node();
    const { listId } = await associationList(a);
    await json(await call(a, 'POST', `/api/lists/${listId}/import`, CSV, 'text/csv'));
    const ask = (key: string, sv: string) => JSON.stringify({ questions: [{ key, kind: 'yes_no', text: { sv } }] });
    await json(await call(a, 'PUT', `/api/lists/${listId}/questions`, ask('vote', 'Röstar du?')));
    await json(await call(b, 'POST', '/api/rooms/1/stations', JSON.stringify({ count: 1 })));
    const { stations } = await json<{ stations: { token: string }[] }>(await call(b, 'GET', '/api/stations'));
    const station: StationClient = await connectStation(b.url, stations[0]!.token);
    closers.push(() => station.close());

    const first = assignmentOf(await station.emitWithAck('contact:next'));
    expect(first.contact.questions.map((question) => question.key)).toEqual(['vote']);
    await expect(station.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'declined' })).resolves.toMatchObject({ ok: true });

    await json(await call(a, 'PUT', `/api/lists/${listId}/questions`, ask('help', 'Vill du hjälpa till?')));
    const second = assignmentOf(await station.emitWithAck('contact:next'));
    expect(second.contact.questions.map((question) => question.key)).toEqual(['help']);
  });
});
