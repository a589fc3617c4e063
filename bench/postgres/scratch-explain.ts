// Where a PostgreSQL cycle's time goes: a closed loop on one node (or several, stations round-robin
// over them), and pg_stat_statements read after.
// `node --import tsx bench/postgres/statements-profile.ts [stations] [nodes]` (needs `npm run build` first).
import pg from 'pg';
import { z } from 'zod';
import { closeAll, closedLoop, connectStations } from '../load.ts';
import { stationTokens } from '../server-process.ts';
import { startBenchPostgres } from './database-server.ts';
import { startNodes } from './nodes.ts';
import { seedTemplate } from './template.ts';

const stations = z.coerce.number().int().min(1).max(2000).default(100).parse(process.argv[2]);
const nodeCount = z.coerce.number().int().min(1).max(5).default(1).parse(process.argv[3]);
const MEASURE_MS = 10_000;

const postgres = await startBenchPostgres(['shared_preload_libraries=auto_explain', 'auto_explain.log_min_duration=0', 'auto_explain.log_analyze=on', 'auto_explain.log_buffers=on', 'auto_explain.log_nested_statements=on', 'auto_explain.sample_rate=0.01']);
try {
  await seedTemplate(postgres, 'bench_template');
  await postgres.createDatabase('profile', 'bench_template');
  const url = postgres.url('profile');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const nodes = await startNodes(url, nodeCount);
  const nodesCpuMs = () => nodes.reduce((sum, node) => sum + node.cpuMs(), 0);
  try {
    
    const tokens = (await stationTokens(nodes[0]!.url)).slice(0, stations);
    const spread = nodes.map((node, n) => connectStations(node.url, tokens.filter((_token, t) => t % nodeCount === n)));
    const sockets = (await Promise.all(spread)).flat();
    
    const [pgCpu, nodeCpu] = [postgres.cpuMs(), nodesCpuMs()];
    const { perSecond, cycles } = await closedLoop(sockets, 0, MEASURE_MS);
    closeAll(sockets);
    const perCycle = (ms: number) => ((ms * 1000) / cycles).toFixed(0);
    console.log(
      `${stations} stations on ${nodeCount} node(s): ${perSecond.toFixed(0)} cycles/s; per cycle ${perCycle(postgres.cpuMs() - pgCpu)} µs PostgreSQL CPU, ${perCycle(nodesCpuMs() - nodeCpu)} µs CPU of the node(s)`,
    );
  } finally {
    await client.end();
    for (const node of nodes) await node.stop();
  }
} finally {
  await postgres.stop();
}
