import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, onTestFailed } from 'vitest';
import { assignmentOf } from '../../helpers/campaign-server.ts';
import { prepareCampaignFile, withDatabase, type StationSeat } from '../../helpers/campaign-file.ts';
import { activeLeases, expectConsistent, missingOutcomes } from '../../helpers/database-checks.ts';
import { snapshotTables } from '../../helpers/db-snapshot.ts';
import { acceptsConnections, serverProcessFixture, startServerProcess, type ServerProcess } from '../../helpers/server-process.ts';
import { tempDatabasePath } from '../../helpers/server.ts';
import { connectStation, type StationClient } from '../../helpers/station-client.ts';
import { seededRandom, startStationLoop, waitUntil, type LoopRecord, type OutcomeReport } from '../../helpers/station-loop.ts';
import { onPostgres } from '../../helpers/store-kind.ts';

const FAST_STATIONS = 5;
/** One more station claims a contact at the start of each round and holds it (a long conversation). */
const SLOW = FAST_STATIONS;
const ROUNDS = 4;
/** The last crashed round runs with 1 s leases, so its held contacts must expire rather than come back. */
const SHORT_LEASE_ROUND = ROUNDS;

interface Acked {
  station: number;
  report: OutcomeReport;
}

/** Where a station stood when the server died. */
type CrashState = Pick<LoopRecord, 'held' | 'unanswered' | 'claimUnanswered'> & {
  /** Set when the held lease may already have run out before the kill: then it need not come back. */
  heldLapsed?: boolean;
};

const files = serverProcessFixture();

async function connectAll(server: ServerProcess, seats: StationSeat[]): Promise<StationClient[]> {
  files.clients = await Promise.all(seats.map((seat) => connectStation(server.url, seat.token)));
  return files.clients;
}

// SQLite only: kills a server over the SQLite file and checks what its WAL kept.
describe.skipIf(onPostgres)('crash recovery', () => {
  // Five server starts and kills: a minute or more on a loaded two-core machine (each round's own waits are bounded).
  it('keeps every acknowledged outcome, counts nothing twice and gives held contacts back after repeated SIGKILLs', { timeout: 180_000 }, async () => {
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 2 ** 31);
    onTestFailed(() => console.error(`crash-recovery seed ${seed}; CRASH_SEED=${seed} repeats its outcomes, pauses and kill delays`));
    const random = seededRandom(seed);
    files.temp = tempDatabasePath();
    const databasePath = files.temp.path;
    const seats = await prepareCampaignFile(databasePath, { contactsPerList: 3_000, stations: FAST_STATIONS + 1 });
    const acked: Acked[] = [];
    let crashed: CrashState[] = [];

    for (let round = 1; round <= ROUNDS + 1; round += 1) {
      const server = await startServerProcess({
        databasePath,
        env: round === SHORT_LEASE_ROUND ? { LEASE_SECONDS: '1' } : {},
      });
      const stations = await connectAll(server, seats);
      const afterShortLeases = round - 1 === SHORT_LEASE_ROUND;
      if (round > 1) await recoverAndVerify({ databasePath, seats, stations, crashed, acked, afterShortLeases });
      if (round > ROUNDS) {
        expect(await server.kill('SIGTERM')).toEqual({ code: 0, signal: null });
        break;
      }

      const loops = stations.slice(0, FAST_STATIONS).map((socket, index) =>
        startStationLoop(socket, {
          random: seededRandom(seed + round * 100 + index),
          maxThinkMs: 3,
          maxCycles: 5_000,
          deadline: Date.now() + 10_000,
          stop: () => false,
        }),
      );
      // Every station is under way first (a loaded machine can be slow to start), then a random moment.
      await waitUntil(() => loops.every((loop) => loop.record.cycles > 0), 10_000, 'every station to finish a cycle');
      // Meanwhile the slow station takes a contact and keeps it.
      const slowHold = assignmentOf(await stations[SLOW]!.emitWithAck('contact:next'));
      await sleep(150 + Math.floor(random() * 451));
      const killedAt = Date.now();
      const exit = await server.kill('SIGKILL');
      expect(exit.signal).toBe('SIGKILL');
      // The child was the server itself (tsx runs in-process): nothing is left holding the port.
      expect(await acceptsConnections(server.port)).toBe(false);

      const records = await Promise.all(loops.map((loop) => loop.done));
      records.forEach((record, index) => {
        expect(record.end, `station ${index} in round ${round}`).toBe('disconnected');
        expect(record.refused).toEqual([]);
        expect(record.cycles).toBeGreaterThan(0);
        acked.push(...record.acked.map((report) => ({ station: index, report })));
      });
      const heldLapsed = Date.parse(slowHold.expiresAt) <= killedAt;
      crashed = [...records, { held: slowHold.id, heldLapsed, unanswered: null, claimUnanswered: false }];
      files.clients.forEach((client) => client.close());
    }
    expect(acked.length).toBeGreaterThan(100);
  });
});

/**
 * What a restarted server owes the stations, checked in the order a real station would notice:
 * the data as the crash left it, unanswered outcomes sent again, held contacts handed back (or
 * expired), and every acknowledged outcome re-sent without changing a row.
 */
async function recoverAndVerify(context: {
  databasePath: string;
  seats: StationSeat[];
  stations: StationClient[];
  crashed: CrashState[];
  acked: Acked[];
  /** The crashed round handed out 1 s leases: wait until they are past, then they must expire. */
  afterShortLeases: boolean;
}): Promise<void> {
  const { databasePath, seats, stations, crashed, acked, afterShortLeases } = context;
  await withDatabase(databasePath, async (sqlite, store) => {
    expect(await missingOutcomes(store, acked.map((entry) => entry.report)), 'acknowledged outcomes lost').toEqual([]);
    await expectConsistent(store);
  });

  // An unanswered outcome may or may not have been committed before the kill; either way the
  // station's resend is answered with success and its call row is then there, once (the
  // assignment id is unique in calls; checked with the acknowledged outcomes below).
  for (const [station, state] of crashed.entries()) {
    if (!state.unanswered) continue;
    expect(await stations[station]!.emitWithAck('call:outcome', state.unanswered)).toEqual({ ok: true });
    acked.push({ station, report: state.unanswered });
  }

  const leases = await withDatabase(databasePath, (_sqlite, store) => activeLeases(store));
  if (afterShortLeases) {
    // Leases are expired lazily, by the next claim; wait until every one of them is surely past.
    const latestExpiry = Math.max(0, ...[...leases.values()].map((lease) => lease.expiresAt));
    await sleep(Math.min(2_000, Math.max(0, latestExpiry + 50 - Date.now())));
    expect([...leases.values()].filter((lease) => lease.expiresAt > Date.now())).toEqual([]);
  }

  const expired: string[] = [];
  for (const [station, state] of crashed.entries()) {
    const lease = leases.get(seats[station]!.id);
    // A contact handed out before the crash is still this station's, whatever the kill interrupted.
    if (state.held && !state.heldLapsed) expect(lease?.id, `station ${station}'s held assignment`).toBe(state.held);
    const next = assignmentOf(await stations[station]!.emitWithAck('contact:next'));
    if (!lease) continue;
    if (lease.expiresAt > Date.now()) {
      expect(next.id, `station ${station} gets its own assignment back`).toBe(lease.id);
      if (station === SLOW) {
        const report: OutcomeReport = { assignmentId: lease.id, outcome: 'conversation' };
        expect(await stations[station]!.emitWithAck('call:outcome', report)).toEqual({ ok: true });
        acked.push({ station, report });
      }
    } else {
      expect(next.id).not.toBe(lease.id);
      expired.push(lease.id);
    }
  }

  await withDatabase(databasePath, async (sqlite, store) => {
    const status = sqlite.prepare(`SELECT status FROM assignments WHERE id = ?`).pluck();
    expect(expired.map((id) => status.get(id))).toEqual(expired.map(() => 'expired'));
    await expectConsistent(store);
  });

  const before = await withDatabase(databasePath, (_sqlite, store) => snapshotTables(store));
  const answers = await Promise.all(
    stations.map(async (socket, station) => {
      const reports = acked.filter((entry) => entry.station === station).map((entry) => entry.report);
      const results = [];
      // In batches, so thousands of resends stay a bounded burst.
      for (let start = 0; start < reports.length; start += 200) {
        const batch = reports.slice(start, start + 200);
        results.push(...(await Promise.all(batch.map((report) => socket.emitWithAck('call:outcome', report)))));
      }
      return results;
    }),
  );
  expect(answers.flat().filter((answer) => !answer.ok)).toEqual([]);
  expect(await withDatabase(databasePath, (_sqlite, store) => snapshotTables(store)), 'rows changed by re-sent outcomes').toEqual(before);
  await withDatabase(databasePath, async (sqlite, store) => {
    expect(await missingOutcomes(store, acked.map((entry) => entry.report))).toEqual([]);
  });
}
