import { afterEach, expect, it } from 'vitest';
import type { PgStore } from '../../../server/src/db/store/pg-store.ts';
import { callingRepo, type OutcomeWrite } from '../../../server/src/features/calling/calling.repo.ts';
import { describeWithPostgres } from '../../helpers/postgres/binaries.ts';
import { createDatabase, type TestDatabase } from '../../helpers/postgres/database.ts';
import { assignmentOf, manualClock, MINUTE, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import pg from 'pg';
import { createLink } from '../../helpers/admin-setup.ts';
import { connectRoom } from '../../helpers/board-client.ts';
import { lockWaiters } from '../../helpers/postgres/race-campaign.ts';

// PostgreSQL records an active lease's outcome as one statement after an unlocked read
// (OutcomeRecorder.quick), guarded on the lease still being active. Every write in it, the counters
// too, must wait for that guard: a lease ended between the read and the write (an expiry, a skip, a
// repeat through another node) leaves everything as it was, and only one of several racing writes counts.
let database: TestDatabase | undefined;
let server: CampaignServer | undefined;
afterEach(async () => {
  await server?.close();
  await database?.drop();
  [server, database] = [undefined, undefined];
});

/** Everything an outcome counts or changes, summed over the database. */
const FOOTPRINT = `SELECT
    (SELECT COUNT(*) FROM calls)::int AS calls,
    (SELECT COUNT(*) FROM call_answers)::int AS answers,
    (SELECT COUNT(*) FROM new_helpers)::int AS helpers,
    (SELECT COALESCE(SUM(attempts), 0) FROM call_lists)::int AS list_attempts,
    (SELECT COALESCE(SUM(attempts), 0) FROM activity_hours)::int AS hour_attempts,
    (SELECT COALESCE(SUM(attempts), 0) FROM shifts)::int AS shift_attempts,
    (SELECT COALESCE(SUM(attempts), 0) FROM contacts)::int AS contact_attempts,
    (SELECT COUNT(*) FROM contacts WHERE status = 'done')::int AS done`;

describeWithPostgres('an outcome in one statement (PostgreSQL)', () => {
  it('writes nothing once its lease is no longer active, and counts once when written several times at once', async () => {
    database = await createDatabase();
    // The same number on two lists: the outcome closes the other list's contact too.
    server = await startCampaign({ lists: [{ phones: ['+46701234501'] }, { phones: ['+46701234501'] }], stations: 1, env: { DATABASE_URL: database.url } });
    const station = await server.join(0);
    const assignment = assignmentOf(await station.emitWithAck('contact:next'));
    const store = server.app.store as PgStore;
    const footprint = async () => (await store.pool.query(FOOTPRINT)).rows[0];
    const lease = (await store.pool.query('SELECT station_id, contact_id, shift_id, created_at FROM assignments WHERE id = $1', [assignment.id])).rows[0];
    const now = Number(lease.created_at) + 60_000;
    const write: OutcomeWrite = {
      call: {
        assignmentId: assignment.id,
        contactId: lease.contact_id,
        stationId: lease.station_id,
        listId: assignment.contact.list.id,
        shiftId: lease.shift_id,
        outcome: 'conversation',
        startedAt: Number(lease.created_at),
        endedAt: now,
        note: null,
        callbackAt: null,
      },
      contact: { id: lease.contact_id, attempts: 1, lastOutcome: 'conversation', lastAttemptAt: now, status: 'done', closedReason: 'conversation', nextCallAt: now, barrierLanguage: null },
      phone: '+46701234501',
      settlement: { kind: 'close', reason: 'reached_elsewhere' },
      counts: { listId: assignment.contact.list.id, stationId: lease.station_id, shiftId: lease.shift_id, now, answered: 1, conversations: 1, firstAttempt: 1 },
      // No question on the list: the answers' foreign key would refuse one; the helper needs none.
      answers: {},
      wantsToHelp: true,
    };
    const before = await footprint();

    for (const ended of ['expired', 'skipped', 'completed']) {
      await store.pool.query('UPDATE assignments SET status = $1 WHERE id = $2', [ended, assignment.id]);
      await expect(callingRepo.writeQuickOutcome(store, write), ended).resolves.toBeUndefined();
      expect(await footprint(), ended).toEqual(before);
    }

    await store.pool.query("UPDATE assignments SET status = 'active' WHERE id = $1", [assignment.id]);
    const written = await Promise.all(Array.from({ length: 6 }, () => callingRepo.writeQuickOutcome(store, write)));
    expect(written.filter(Boolean)).toHaveLength(1);
    // The write returns the station's shift as it left it (no read follows each outcome): what a read gives now, this call counted.
    const shift = await store.read((q) => server!.app.shifts.current(q, lease.station_id));
    expect(written.find(Boolean)).toEqual({ shift });
    expect(shift).toMatchObject({ attempts: 1, answered: 1, conversations: 1 });
    expect(await footprint()).toEqual({
      ...before,
      calls: before.calls + 1,
      helpers: before.helpers + 1,
      list_attempts: before.list_attempts + 1,
      hour_attempts: before.hour_attempts + 1,
      shift_attempts: before.shift_attempts + 1,
      contact_attempts: before.contact_attempts + 1,
      // The contact and the number's contact on the other list.
      done: before.done + 2,
    });
    const { status } = (await store.pool.query('SELECT status FROM assignments WHERE id = $1', [assignment.id])).rows[0];
    expect(status).toBe('completed');
  });

  it('answers a resent call-back report as the repeat it is, though its time passed while the first was being written', async () => {
    database = await createDatabase();
    const clock = manualClock();
    server = await startCampaign({ lists: [{ phones: ['+46701234501'] }], stations: 1, now: clock.now, env: { DATABASE_URL: database.url } });
    const station = await server.join(0);
    const assignment = assignmentOf(await station.emitWithAck('contact:next'));
    const report = { assignmentId: assignment.id, outcome: 'call_back' as const, callbackAt: new Date(clock.now() + 2 * MINUTE).toISOString() };
    const blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
    try {
      // The first report's statement waits for the shift's row, its lease updated but not committed
      // (a row lock: a table's would stop the statement before it began).
      await blocker.query('BEGIN');
      await blocker.query('SELECT id FROM shifts FOR UPDATE');
      const first = station.emitWithAck('call:outcome', report);
      for (let i = 0; i < 100 && (await blocker.query("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")).rowCount === 0; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // The station resends (its connection dropped) after the call-back time: the read still finds the lease active.
      clock.advance(5 * MINUTE);
      const resent = station.emitWithAck('call:outcome', report);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await blocker.query('COMMIT');
      expect({ first: await first, resent: await resent }).toEqual({ first: { ok: true }, resent: { ok: true } });
    } finally {
      await blocker.end();
    }
    const store = server.app.store as PgStore;
    expect((await store.pool.query(FOOTPRINT)).rows[0]).toMatchObject({ calls: 1, list_attempts: 1, hour_attempts: 1 });
  });

  it("keeps a leader's release of the speakers that came between the outcome's read and its write", async () => {
    database = await createDatabase();
    server = await startCampaign({ lists: [{ phones: ['+46701234501'] }], stations: 2, env: { DATABASE_URL: database.url } });
    const { listId } = server.lists[0]!;
    const swedish = await server.join(0, { checkin: { name: 'Ada', associationId: null, languages: ['sv'] } });
    const speaker = await server.join(1, { checkin: { name: 'Samir', associationId: null, languages: ['sv', 'ar'] } });
    const first = assignmentOf(await swedish.emitWithAck('contact:next'));
    await swedish.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'language_barrier', language: 'ar' });
    const second = assignmentOf(await speaker.emitWithAck('contact:next'));
    const leader = await connectRoom(server.url, (await createLink(server.url, 'leader', { roomId: 1 })).token);
    const blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
    try {
      // The speaker's report has read the contact (waiting for a speaker); its write waits for the calls table.
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE calls IN EXCLUSIVE MODE');
      const report = speaker.emitWithAck('call:outcome', { assignmentId: second.id, outcome: 'no_answer' });
      await lockWaiters(blocker);
      await expect(leader.emitWithAck('list:release-speakers', { listId })).resolves.toEqual({ ok: true });
      await blocker.query('COMMIT');
      await expect(report).resolves.toEqual({ ok: true });
    } finally {
      await blocker.end();
      leader.close();
    }
    const contact = await (server.app.store as PgStore).pool.query('SELECT preferred_language, needs_speaker, status FROM contacts');
    expect(contact.rows).toEqual([{ preferred_language: 'ar', needs_speaker: 0, status: 'ready' }]);
  });
});
