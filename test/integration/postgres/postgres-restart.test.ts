import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, expect, it, onTestFailed } from 'vitest';
import type { Failure } from '@ringstuga/shared';
import { joinStation, seedCampaign, serverProcessFixture, startNodes, type NodeCluster } from '../../helpers/cluster.ts';
import { killServerProcesses } from '../../helpers/server-process.ts';
import { describeWithPostgres, postgresBin } from '../../helpers/postgres/binaries.ts';
import { attemptDrift, counters, doubleHeld, missingOutcomes, NONE_HELD_TWICE, recount, withDatabase } from '../../helpers/postgres/cluster-checks.ts';
import { startCluster, type Cluster } from '../../helpers/postgres/cluster.ts';
import type { StationClient } from '../../helpers/station-client.ts';
import { randomReport, seededRandom, waitUntil, type OutcomeReport } from '../../helpers/station-loop.ts';

const fixture = serverProcessFixture();
const NODES = 2;
const STATIONS = 4;
// A PostgreSQL of this file's own (the run's shared one must not restart under other files), and
// durable: a crash of it must not lose an acknowledged commit, as in production.
let postgres: Cluster | undefined;
let nodes: NodeCluster | undefined;
// Before the test (the hook's longer timeout): node processes take a while to start on a loaded machine.
beforeAll(async () => {
  if (!postgresBin) return;
  postgres = await startCluster(postgresBin, { durable: true });
  const admin = new pg.Client({ connectionString: postgres.url('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE ringstuga');
  await admin.end();
  // The nodes migrate the empty database at start, under the migration lock.
  nodes = await startNodes({ databaseUrl: postgres.url('ringstuga'), count: NODES });
});
afterAll(async () => {
  await killServerProcesses();
  await postgres?.stop();
});

const RETRY_PAUSE_MS = 100;
const ACK_TIMEOUT_MS = 15_000;

interface Station {
  acked: OutcomeReport[];
  /** Answers that said "try again" (code `unavailable`); any other refusal fails the test. */
  unavailable: number;
  others: Failure['error'][];
}

async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no acknowledgement of ${what} within ${ACK_TIMEOUT_MS} ms`)), ACK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A station that does what its page does on "try again": waits a moment and sends the same request
 * again (the same outcome for the same assignment), until it is answered or `stop()`.
 */
async function callUntilStopped(socket: StationClient, station: Station, random: () => number, stop: () => boolean): Promise<void> {
  const refused = async (error: Failure['error']) => {
    if (error.code === 'unavailable') station.unavailable += 1;
    else station.others.push(error);
    await sleep(RETRY_PAUSE_MS);
  };
  while (!stop() && station.others.length === 0) {
    const next = await within(socket.emitWithAck('contact:next'), 'contact:next');
    if (!next.ok) {
      await refused(next.error);
      continue;
    }
    if (!next.assignment) throw new Error(`nothing to call: ${next.reason}`);
    const report = randomReport(next.assignment.id, random);
    for (;;) {
      const ack = await within(socket.emitWithAck('call:outcome', report), 'call:outcome');
      if (ack.ok) {
        station.acked.push(report);
        break;
      }
      await refused(ack.error);
      if (station.others.length > 0) return;
    }
  }
}

describeWithPostgres('PostgreSQL restarted under load (two nodes)', () => {
  // Three bounded waits of up to a minute each: a restart under load on a busy two-core machine is slow, not wrong.
  it('tells stations to try again while it is down, loses nothing acknowledged, and the work resumes once it is back', { timeout: 240_000 }, async () => {
    const seed = Number(process.env.CLUSTER_SEED ?? Date.now() % 2 ** 31);
    onTestFailed(() => console.error(`postgres-restart seed ${seed}; CLUSTER_SEED=${seed} repeats its outcomes`));
    const [databaseUrl, cluster, database] = [postgres!.url('ringstuga'), nodes!, postgres!];
    onTestFailed(() => console.error(cluster.report()));
    const campaign = await seedCampaign({ url: cluster.nodes[0]!.url, databaseUrl, lists: [Array.from({ length: 2_000 }, (_, i) => i + 1)], stations: STATIONS });
    const sockets = await Promise.all(campaign.stations.map((seat, index) => joinStation(fixture, cluster.nodes[index % NODES]!, seat)));

    const stations: Station[] = sockets.map(() => ({ acked: [], unavailable: 0, others: [] }));
    let stopped = false;
    const running = Promise.all(sockets.map((socket, index) => callUntilStopped(socket, stations[index]!, seededRandom(seed + index), () => stopped)));
    const failed = running.then(() => 'ended early' as const);
    const progress = async (what: string, ready: () => boolean) => {
      const outcome = await Promise.race([failed, waitUntil(ready, 60_000, what).then(() => 'ok' as const)]);
      expect(outcome, `${what}; other refusals: ${JSON.stringify(stations.flatMap((station) => station.others))}`).toBe('ok');
    };
    try {
      await progress('every station to record an outcome', () => stations.every((station) => station.acked.length > 0));

      await database.halt();
      await progress('every station to be told to try again', () => stations.every((station) => station.unavailable > 0));
      const ackedWhileDown = stations.map((station) => station.acked.length);
      await sleep(500);
      expect(stations.map((station) => station.acked.length), 'nothing acknowledged while PostgreSQL is down').toEqual(ackedWhileDown);

      await database.resume();
      const before = stations.map((station) => station.acked.length);
      await progress('every station to record 5 more outcomes', () => stations.every((station, index) => station.acked.length >= before[index]! + 5));
    } finally {
      stopped = true;
      await running;
    }

    expect(stations.flatMap((station) => station.others)).toEqual([]);
    expect(cluster.nodes.every((node) => node.isRunning()), 'every node outlived the restart').toBe(true);
    await withDatabase(databaseUrl, async (client) => {
      expect(await missingOutcomes(client, stations.flatMap((station) => station.acked))).toEqual([]);
      expect(await doubleHeld(client)).toEqual(NONE_HELD_TWICE);
      expect(await attemptDrift(client)).toEqual([]);
      expect(await counters(client)).toEqual(await recount(client));
    });
  });
});
