import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, expect, it, onTestFailed } from 'vitest';
import { assignmentOf } from '../../helpers/campaign-server.ts';
import { joinStation, seedCampaign, startNodes, type NodeCluster } from '../../helpers/cluster.ts';
import { killServerProcesses } from '../../helpers/server-process.ts';
import type { StationClient } from '../../helpers/station-client.ts';
import { describeWithPostgres, postgresBin } from '../../helpers/postgres/binaries.ts';
import { attemptDrift, callRowsFor, counters, doubleHeld, missingOutcomes, NONE_HELD_TWICE, recount, withDatabase } from '../../helpers/postgres/cluster-checks.ts';
import { createDatabase, type TestDatabase } from '../../helpers/postgres/database.ts';
import { seededRandom, startStationLoop } from '../../helpers/station-loop.ts';

// The file's nodes live across its tests: only the station sockets are closed after each.
const fixture: { clients: StationClient[] } = { clients: [] };
afterEach(() => {
  fixture.clients.forEach((client) => client.close());
  fixture.clients = [];
});
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

const NODES = 3;
const STATIONS_PER_NODE = 3;
const CYCLES = 30;

// One database and three nodes for the file: starting node processes is what takes the time.
let database: TestDatabase | undefined;
let cluster: NodeCluster | undefined;
beforeAll(async () => {
  if (!postgresBin) return;
  database = await createDatabase();
  cluster = await startNodes({ databaseUrl: database.url, count: NODES });
});
afterAll(async () => {
  await killServerProcesses();
  await database?.drop();
});

describeWithPostgres('three nodes on one PostgreSQL database', () => {
  it('never hands one contact or one number to two stations at once, and the counters equal a recount', async () => {
    const seed = Number(process.env.CLUSTER_SEED ?? Date.now() % 2 ** 31);
    onTestFailed(() => console.error(`three-nodes seed ${seed}; CLUSTER_SEED=${seed} repeats its outcomes and pauses`));
    const [databaseUrl, nodes] = [database!.url, cluster!.nodes];
    // Two lists sharing 150 of their 300 numbers each: the same person on both.
    const campaign = await seedCampaign({
      url: nodes[0]!.url,
      databaseUrl,
      lists: [range(1, 300), range(151, 300)],
      stations: NODES * STATIONS_PER_NODE,
    });
    const sockets = await Promise.all(campaign.stations.map((seat, index) => joinStation(fixture, nodes[index % NODES]!, seat)));

    const loops = sockets.map((socket, index) =>
      startStationLoop(socket, { random: seededRandom(seed + index), maxThinkMs: 5, maxCycles: CYCLES, deadline: Date.now() + 25_000, stop: () => false }),
    );
    let finished = false;
    const all = Promise.all(loops.map((loop) => loop.done)).finally(() => (finished = true));
    // While they call: sampled from outside the nodes, every sample free of double holds.
    let samples = 0;
    while (!finished && samples < 200) {
      const held = await withDatabase(databaseUrl, doubleHeld);
      expect(held, `sample ${samples}`).toEqual(NONE_HELD_TWICE);
      samples += 1;
      await sleep(50);
    }
    const records = await all;

    // Bounded in cycles and in time: a loaded machine may end a station at the deadline instead.
    records.forEach((record, index) => {
      expect(['cycle_limit', 'deadline'], `station ${index}`).toContain(record.end);
      expect(record.cycles, `station ${index}`).toBeGreaterThan(0);
      expect(record.refused, `station ${index}`).toEqual([]);
    });
    const acked = records.flatMap((record) => record.acked);
    expect(acked.length).toBe(records.reduce((sum, record) => sum + record.cycles, 0));
    expect(samples).toBeGreaterThan(0);
    await withDatabase(databaseUrl, async (client) => {
      expect(await doubleHeld(client)).toEqual(NONE_HELD_TWICE);
      expect(await missingOutcomes(client, acked)).toEqual([]);
      expect(await attemptDrift(client)).toEqual([]);
      expect(await counters(client)).toEqual(await recount(client));
    });
  });

  it('counts one outcome sent twice at once through two nodes once', async () => {
    const [databaseUrl, nodes] = [database!.url, cluster!.nodes];
    // A list and a station of its own (the station calls every list: what it gets is its own to report).
    const campaign = await seedCampaign({ url: nodes[1]!.url, databaseUrl, lists: [range(1_001, 20)], stations: 1 });
    const seat = campaign.stations.at(-1)!;
    // The same station on both nodes (a browser tab that reconnected elsewhere while the old socket lingers).
    const [first, second] = [await joinStation(fixture, nodes[1]!, seat), await joinStation(fixture, nodes[2]!, seat)];

    const assignments: string[] = [];
    for (let round = 0; round < 10; round += 1) {
      const assignment = assignmentOf(await first!.emitWithAck('contact:next'));
      const report = { assignmentId: assignment.id, outcome: 'conversation' as const };
      const answers = await Promise.all([first!.emitWithAck('call:outcome', report), second!.emitWithAck('call:outcome', report)]);
      expect(answers, `round ${round}`).toEqual([{ ok: true }, { ok: true }]);
      assignments.push(assignment.id);
    }
    await withDatabase(databaseUrl, async (client) => {
      for (const id of assignments) expect(await callRowsFor(client, id), id).toBe(1);
      expect(await attemptDrift(client)).toEqual([]);
      expect(await counters(client)).toEqual(await recount(client));
    });
  });
});
