// Where a PostgreSQL cycle's time goes: a closed loop on one node (or several, stations round-robin
// over them), and pg_stat_statements read after (planning included).
// `node --import tsx bench/postgres/statements-profile.ts [stations] [nodes] [--cpu-prof] [--steady]` (needs `npm run build`
// first); `--cpu-prof`: each node writes V8's CPU profile into test-results/cpu-profiles when it stops;
// `--steady`: the bench's steady pace instead (the stations, 2,000 by default, in its load processes,
// one cycle each per 10 s, for 30 s), with its acknowledgement p50 / p99.
import pg from 'pg';
import { z } from 'zod';
import { AgentPool } from '../agents.ts';
import { closeAll, closedLoop, connectStations } from '../load.ts';
import { percentile } from '../stats.ts';
import { stationTokens } from '../server-process.ts';
import { startBenchPostgres } from './database-server.ts';
import { startNodes } from './nodes.ts';
import { STEADY_PERIOD_MS } from './load-row.ts';
import { seedTemplate } from './template.ts';

const steady = process.argv.includes('--steady');
const [stationsArg, nodesArg] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const stations = z.coerce.number().int().min(1).max(2000).default(steady ? 2000 : 100).parse(stationsArg);
const nodeCount = z.coerce.number().int().min(1).max(5).default(1).parse(nodesArg);
const nodeFlags = process.argv.includes('--cpu-prof') ? ['--cpu-prof', '--cpu-prof-dir=test-results/cpu-profiles'] : [];
const MEASURE_MS = 10_000;
const STEADY_MS = 30_000;

const postgres = await startBenchPostgres(['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track=all', 'pg_stat_statements.track_planning=on']);
try {
  await seedTemplate(postgres, 'bench_template');
  await postgres.createDatabase('profile', 'bench_template');
  const url = postgres.url('profile');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const nodes = await startNodes(url, nodeCount, nodeFlags);
  const nodesCpuMs = () => nodes.reduce((sum, node) => sum + node.cpuMs(), 0);
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    /** `window`'s cycles, with the CPU PostgreSQL and the nodes spent per cycle in it; the statistics start with it. */
    const measured = async (window: () => Promise<{ cycles: number; figures: string }>) => {
      await client.query('SELECT pg_stat_statements_reset()');
      const [pgCpu, nodeCpu] = [postgres.cpuMs(), nodesCpuMs()];
      const { cycles, figures } = await window();
      const perCycle = (ms: number) => ((ms * 1000) / cycles).toFixed(0);
      return { cycles, figures: `${figures}; per cycle ${perCycle(postgres.cpuMs() - pgCpu)} µs PostgreSQL CPU, ${perCycle(nodesCpuMs() - nodeCpu)} µs CPU of the node(s)` };
    };
    const closedLoopOn = async (urls: string[], tokens: string[]) => {
      const sockets = (await Promise.all(urls.map((url, n) => connectStations(url, tokens.filter((_token, t) => t % urls.length === n))))).flat();
      try {
        return await measured(async () => {
          const { perSecond, cycles } = await closedLoop(sockets, 0, MEASURE_MS);
          return { cycles, figures: `${perSecond.toFixed(0)} cycles/s` };
        });
      } finally {
        closeAll(sockets);
      }
    };
    const steadyPace = async (urls: string[], tokens: string[]) => {
      const pool = await AgentPool.connect(urls, tokens);
      try {
        return await measured(async () => {
          const { latencies } = await pool.steady(STEADY_PERIOD_MS, STEADY_MS);
          const p = (n: number) => percentile(latencies, n).toFixed(1);
          // Two acknowledgements per cycle: the claim's and the outcome's.
          return { cycles: latencies.length / 2, figures: `steady pace, acknowledgement p50 / p99 ${p(50)} / ${p(99)} ms` };
        });
      } finally {
        await pool.close();
      }
    };
    const tokens = (await stationTokens(nodes[0]!.url)).slice(0, stations);
    const urls = nodes.map((node) => node.url);
    const { figures, cycles } = await (steady ? steadyPace(urls, tokens) : closedLoopOn(urls, tokens));
    console.log(`${stations} stations on ${nodeCount} node(s): ${figures}`);
    const { rows } = await client.query(
      `SELECT calls, plans, round(total_plan_time::numeric, 1) AS plan_ms, round(total_exec_time::numeric, 1) AS total_ms,
         round(mean_exec_time::numeric, 3) AS mean_ms, round((shared_blks_hit + shared_blks_read)::numeric / NULLIF(calls, 0), 1) AS pages, toplevel AS sent,
         left(regexp_replace(query, '\\s+', ' ', 'g'), 100) AS query
       FROM pg_stat_statements ORDER BY total_plan_time + total_exec_time DESC LIMIT 25`,
    );
    console.table(rows);
    // Top level: the statements sent (round trips), whose pages include those of the statements they ran
    // (a function's, a foreign key's). Pages read from shared buffers are the executor's work, which
    // unlike CPU time does not move with the machine's load.
    const total = await client.query<{ n: number; sent: number; pages: number }>(
      `SELECT sum(calls)::int AS n, sum(calls) FILTER (WHERE toplevel)::int AS sent,
         sum(shared_blks_hit + shared_blks_read) FILTER (WHERE toplevel)::int AS pages
       FROM pg_stat_statements`,
    );
    const { n, sent, pages } = total.rows[0]!;
    const per = (count: number, digits = 1) => (count / cycles).toFixed(digits);
    console.log(`per cycle: ${per(n)} statements, ${per(sent)} of them sent (round trips), ${per(pages, 0)} buffer pages`);
  } finally {
    await client.end();
    for (const node of nodes) await node.stop();
  }
} finally {
  await postgres.stop();
}
