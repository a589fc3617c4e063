// Where a PostgreSQL cycle's time goes: a closed loop on one node (or several, stations round-robin
// over them), and pg_stat_statements read after.
// `node --import tsx bench/postgres/statements-profile.ts [stations] [nodes] [--cpu-prof]` (needs `npm run build`
// first); `--cpu-prof`: each node writes V8's CPU profile into test-results/cpu-profiles when it stops.
import pg from 'pg';
import { z } from 'zod';
import { closeAll, closedLoop, connectStations } from '../load.ts';
import { stationTokens } from '../server-process.ts';
import { startBenchPostgres } from './database-server.ts';
import { startNodes } from './nodes.ts';
import { seedTemplate } from './template.ts';

const stations = z.coerce.number().int().min(1).max(2000).default(100).parse(process.argv[2]);
const nodeCount = z.coerce.number().int().min(1).max(5).default(1).parse(process.argv[3]);
const nodeFlags = process.argv.includes('--cpu-prof') ? ['--cpu-prof', '--cpu-prof-dir=test-results/cpu-profiles'] : [];
const MEASURE_MS = 10_000;

const postgres = await startBenchPostgres(['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track=all']);
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
    const tokens = (await stationTokens(nodes[0]!.url)).slice(0, stations);
    const spread = nodes.map((node, n) => connectStations(node.url, tokens.filter((_token, t) => t % nodeCount === n)));
    const sockets = (await Promise.all(spread)).flat();
    await client.query('SELECT pg_stat_statements_reset()');
    const [pgCpu, nodeCpu] = [postgres.cpuMs(), nodesCpuMs()];
    const { perSecond, cycles } = await closedLoop(sockets, 0, MEASURE_MS);
    closeAll(sockets);
    const perCycle = (ms: number) => ((ms * 1000) / cycles).toFixed(0);
    console.log(
      `${stations} stations on ${nodeCount} node(s): ${perSecond.toFixed(0)} cycles/s; per cycle ${perCycle(postgres.cpuMs() - pgCpu)} µs PostgreSQL CPU, ${perCycle(nodesCpuMs() - nodeCpu)} µs CPU of the node(s)`,
    );
    const { rows } = await client.query(
      `SELECT calls, round(total_exec_time::numeric, 1) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms,
         round((shared_blks_hit + shared_blks_read)::numeric / calls, 1) AS pages, toplevel AS sent,
         left(regexp_replace(query, '\\s+', ' ', 'g'), 100) AS query
       FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25`,
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
