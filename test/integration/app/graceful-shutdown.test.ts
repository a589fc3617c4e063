import { existsSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { prepareCampaignFile, withDatabase } from '../../helpers/campaign-file.ts';
import { activeLeases, callRowsFor, expectConsistent, missingOutcomes } from '../../helpers/database-checks.ts';
import { snapshotTables } from '../../helpers/db-snapshot.ts';
import { serverProcessFixture, startServerProcess } from '../../helpers/server-process.ts';
import { tempDatabasePath } from '../../helpers/server.ts';
import { io } from 'socket.io-client';
import { STATION_NAMESPACE } from '@ringstuga/shared';
import { connectStation, type StationClient } from '../../helpers/station-client.ts';
import { waitForEvent } from '../../helpers/wait-for-event.ts';
import { seededRandom, startStationLoop, waitUntil } from '../../helpers/station-loop.ts';
import { onPostgres } from '../../helpers/store-kind.ts';

/** close-with-grace's delay in server/src/main.ts: past it the server gives up and exits with 1. */
const GRACE_MS = 10_000;
const STATIONS = 8;

const files = serverProcessFixture();

const walBytes = (path: string) => (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);

// SQLite only: a server process over a seeded SQLite file, whose WAL and rows it checks after the signal.
describe.skipIf(onPostgres)('graceful shutdown', () => {
  /*
   * What "drains" means here, precisely. Handlers are synchronous, so a request the server has
   * read is committed and answered in one go; SIGTERM then closes the station sockets, and
   * socket.io writes every answer already queued before its close frame. So for each station:
   *  - every outcome answered { ok: true } has its call row;
   *  - an outcome sent but never answered has NO call row: the server never read it (it arrived
   *    after the close), so no commit lost its acknowledgement;
   *  - the station's active lease in the file is exactly the one it knows it holds (a claim
   *    never answered created none).
   * The client's recovery is then to send the unanswered outcome again to the next server,
   * which records it once.
   */
  it('answers every request it read, exits 0 within the grace period and closes the database cleanly on SIGTERM', async () => {
    files.temp = tempDatabasePath();
    const databasePath = files.temp.path;
    const seats = await prepareCampaignFile(databasePath, { contactsPerList: 2_000, stations: STATIONS });
    const server = await startServerProcess({ databasePath });
    files.clients = await Promise.all(seats.map((seat) => connectStation(server.url, seat.token)));
    const loops = files.clients.map((socket, index) =>
      startStationLoop(socket, {
        random: seededRandom(index + 1),
        maxThinkMs: 0,
        maxCycles: 5_000,
        deadline: Date.now() + 10_000,
        stop: () => false,
      }),
    );
    await waitUntil(() => loops.every((loop) => loop.record.cycles > 0), 10_000, 'every station to finish a cycle');
    await sleep(200);

    const signalledAt = Date.now();
    const exit = await server.kill('SIGTERM');
    const tookMs = Date.now() - signalledAt;
    expect(exit, server.output()).toEqual({ code: 0, signal: null });
    expect(tookMs).toBeLessThan(GRACE_MS);
    const records = await Promise.all(loops.map((loop) => loop.done));
    records.forEach((record) => {
      expect(record.end).toBe('disconnected');
      expect(record.refused).toEqual([]);
      expect(record.cycles).toBeGreaterThan(0);
    });
    // Stations ask again the moment they are answered, so requests were in flight at the signal.
    expect(records.some((record) => record.unanswered || record.claimUnanswered)).toBe(true);

    // A clean close of the last connection checkpoints the log into the file and removes it.
    expect(walBytes(databasePath)).toBe(0);
    const unanswered = records.flatMap((record) => (record.unanswered ? [record.unanswered] : []));
    await withDatabase(databasePath, async (sqlite, store) => {
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(await missingOutcomes(store, records.flatMap((record) => record.acked))).toEqual([]);
      expect(await Promise.all(unanswered.map((report) => callRowsFor(store, report.assignmentId)))).toEqual(unanswered.map(() => 0));
      const leases = await activeLeases(store);
      const held = seats.map((seat) => leases.get(seat.id)?.id ?? null);
      expect(held).toEqual(records.map((record) => record.held ?? record.unanswered?.assignmentId ?? null));
      await expectConsistent(store);
    });

    const restarted = await startServerProcess({ databasePath });
    files.clients.forEach((client) => client.close());
    files.clients = await Promise.all(seats.map((seat) => connectStation(restarted.url, seat.token)));
    const before = await withDatabase(databasePath, (_sqlite, store) => snapshotTables(store));
    const resent = await Promise.all(
      records.map((record, i) => Promise.all(record.acked.map((report) => files.clients[i]!.emitWithAck('call:outcome', report)))),
    );
    expect(resent.flat().filter((answer) => !answer.ok)).toEqual([]);
    expect(await withDatabase(databasePath, (_sqlite, store) => snapshotTables(store)), 'rows changed by re-sent acknowledged outcomes').toEqual(before);
    for (const [i, record] of records.entries()) {
      if (record.unanswered) expect(await files.clients[i]!.emitWithAck('call:outcome', record.unanswered)).toEqual({ ok: true });
    }
    await withDatabase(databasePath, async (sqlite, store) => {
      expect(await Promise.all(unanswered.map((report) => callRowsFor(store, report.assignmentId)))).toEqual(unanswered.map(() => 1));
      await expectConsistent(store);
    });
    expect(await restarted.kill('SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('lets stations reconnect by themselves after a restart and resume the contact they held', async () => {
    files.temp = tempDatabasePath();
    const seats = await prepareCampaignFile(files.temp.path, { contactsPerList: 20, stations: 1 });
    const first = await startServerProcess({ databasePath: files.temp.path });
    // Like the station page: socket.io's own reconnection, which a "kicked" disconnect would stop.
    const station: StationClient = io(`${first.url}${STATION_NAMESPACE}`, {
      auth: { token: seats[0]!.token },
      transports: ['websocket'],
      reconnectionDelay: 100,
      reconnectionDelayMax: 200,
    });
    files.clients.push(station);
    await waitForEvent(station, 'connect', { timeout: 10_000 });
    await station.emitWithAck('station:checkin', { name: 'Ada', associationId: null });
    const held = await station.emitWithAck('contact:next');
    expect(held).toMatchObject({ ok: true, assignment: { id: expect.any(String) } });

    const reasons: string[] = [];
    station.on('disconnect', (reason) => reasons.push(reason));
    await expect(first.kill('SIGTERM')).resolves.toMatchObject({ code: 0 });
    await startServerProcess({ databasePath: files.temp.path, port: first.port });
    await waitUntil(() => station.connected, 10_000, 'the station to reconnect');

    expect(reasons).toEqual(['transport close']);
    const resumed = await station.emitWithAck('contact:next');
    expect(resumed).toEqual(held);
  });
});
