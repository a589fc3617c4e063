import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it, onTestFailed } from 'vitest';
import { assignmentOf } from '../../helpers/campaign-server.ts';
import { joinStation, seedCampaign, serverProcessFixture, startNodes, type NodeCluster } from '../../helpers/cluster.ts';
import { describeWithPostgres, postgresBin } from '../../helpers/postgres/binaries.ts';
import { pollClockHolder, processWithLocalPort, type ClockHolder } from '../../helpers/postgres/clock-holder.ts';
import { attemptDrift, counters, doubleHeld, missingOutcomes, NONE_HELD_TWICE, recount, withDatabase } from '../../helpers/postgres/cluster-checks.ts';
import { createDatabase, type TestDatabase } from '../../helpers/postgres/database.ts';
import type { StationClient } from '../../helpers/station-client.ts';
import { seededRandom, startStationLoop, waitUntil, type OutcomeReport } from '../../helpers/station-loop.ts';

const fixture = serverProcessFixture();
const NODES = 3;
// Started before the test (the hook's longer timeout): three node processes take a while on a loaded machine.
let database: TestDatabase | undefined;
let cluster: NodeCluster | undefined;
beforeAll(async () => {
  if (!postgresBin) return;
  database = await createDatabase();
  cluster = await startNodes({ databaseUrl: database.url, count: NODES });
});
afterAll(async () => {
  await database?.drop();
});

const STATIONS = 6;
const ROUNDS = 2;

/** The running node holding the leaderboard clock, other than the one whose node id is `except` (bounded: 60 × 250 ms). */
async function clockNode(nodes: NodeCluster, except?: string): Promise<{ index: number; nodeId: string }> {
  const nodeOf = (holder: ClockHolder | undefined) => {
    const running = nodes.nodes.filter((node) => node.isRunning()).map((node) => node.pid);
    const pid = holder && holder.nodeId !== except ? processWithLocalPort(running, holder.clientPort) : undefined;
    return pid === undefined ? undefined : { index: nodes.nodes.findIndex((node) => node.pid === pid), nodeId: holder!.nodeId };
  };
  const found = nodeOf(await pollClockHolder(nodes.databaseUrl, (holder) => nodeOf(holder) !== undefined, 60, 250));
  if (!found) throw new Error('no running node took the leaderboard clock');
  return found;
}

const attempts = (board: { municipalities: { attempts: number }[] }) => board.municipalities.reduce((sum, standing) => sum + standing.attempts, 0);

describeWithPostgres('kill -9 of a node under load (three nodes, one PostgreSQL)', () => {
  it('loses no acknowledged outcome, the killed node\'s stations resume their held contacts on another node, and the leaderboard clock moves on', async () => {
    const seed = Number(process.env.CLUSTER_SEED ?? Date.now() % 2 ** 31);
    onTestFailed(() => console.error(`node-killed seed ${seed}; CLUSTER_SEED=${seed} repeats its outcomes, pauses and kill delays`));
    const random = seededRandom(seed);
    const [databaseUrl, nodes] = [database!.url, cluster!];
    onTestFailed(() => console.error(nodes.report()));
    const campaign = await seedCampaign({ url: nodes.nodes[0]!.url, databaseUrl, lists: [Array.from({ length: 2_000 }, (_, i) => i + 1)], stations: STATIONS });
    const home = campaign.stations.map((_, index) => index % NODES);
    const sockets: StationClient[] = await Promise.all(campaign.stations.map((seat, index) => joinStation(fixture, nodes.nodes[home[index]!]!, seat)));
    const acked: OutcomeReport[] = [];

    // The first round kills the node holding the leaderboard clock; the second, the node its stations moved to.
    let clock = await clockNode(nodes);
    let killed = clock.index;
    for (let round = 0; round < ROUNDS; round += 1) {
      let stopped = false;
      const loops = sockets.map((socket, index) =>
        startStationLoop(socket, {
          random: seededRandom(seed + round * 100 + index),
          maxThinkMs: 3,
          maxCycles: 2_000,
          deadline: Date.now() + 60_000,
          stop: () => stopped,
        }),
      );
      await waitUntil(() => loops.every((loop) => loop.record.cycles > 0), 20_000, 'every station to finish a cycle');
      await sleep(500 + Math.floor(random() * 1_001));
      // The new holder may send the board before the checks below are done: heard from before the kill
      // (the old holder's boards are behind the standing read after it).
      const watcher = sockets[home.findIndex((node) => node !== killed)]!;
      const boards: number[] = [];
      const hear = (board: Parameters<typeof attempts>[0]) => boards.push(attempts(board));
      watcher.on('leaderboard:update', hear);
      await nodes.kill(killed);
      stopped = true;
      const records = await Promise.all(loops.map((loop) => loop.done));
      records.forEach((record, index) => {
        expect(record.refused, `station ${index} in round ${round}`).toEqual([]);
        expect(record.end, `station ${index} in round ${round}`).toBe(home[index] === killed ? 'disconnected' : 'stopped');
        acked.push(...record.acked);
      });

      await withDatabase(databaseUrl, async (client) => {
        expect(await missingOutcomes(client, acked), `acknowledged outcomes lost in round ${round}`).toEqual([]);
        expect(await doubleHeld(client)).toEqual(NONE_HELD_TWICE);
      });
      if (clock.index === killed) {
        // The holder's connection died with it, and its lock with that: a running node takes the clock
        // and sends the board as it now stands to a station on another node (only a holder sends it).
        const standing = (await withDatabase(databaseUrl, counters)).reduce((sum, figures) => sum + figures.attempts, 0);
        clock = await clockNode(nodes, clock.nodeId);
        expect(clock.index, `round ${round}`).not.toBe(killed);
        await waitUntil(() => boards.some((sent) => sent >= standing), 20_000, `the board as it stands (${standing} attempts) in round ${round}`);
        expect(Math.max(...boards)).toBe(standing);
      }
      watcher.off('leaderboard:update', hear);

      // The killed node's stations join another node, as the load balancer sends them, and carry on.
      const other = nodes.another(killed);
      for (const [index, record] of records.entries()) {
        if (home[index] !== killed) continue;
        sockets[index]!.close();
        sockets[index] = await joinStation(fixture, other, campaign.stations[index]!);
        home[index] = nodes.nodes.indexOf(other);
        if (record.unanswered) {
          // Committed before the kill or not: the resend is answered with success, recorded once.
          expect(await sockets[index]!.emitWithAck('call:outcome', record.unanswered)).toEqual({ ok: true });
          acked.push(record.unanswered);
        }
        const next = assignmentOf(await sockets[index]!.emitWithAck('contact:next'));
        if (record.held) expect(next.id, `station ${index} resumes its held contact`).toBe(record.held);
      }
      killed = nodes.nodes.indexOf(nodes.another(killed));
    }

    expect(acked.length).toBeGreaterThan(20);
    await withDatabase(databaseUrl, async (client) => {
      expect(await missingOutcomes(client, acked)).toEqual([]);
      expect(await attemptDrift(client)).toEqual([]);
      expect(await counters(client)).toEqual(await recount(client));
    });
  });
});
