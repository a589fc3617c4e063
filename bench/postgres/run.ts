// `npm run bench -- --postgres --nodes 3`: the load scenarios on SQLite, on PostgreSQL with one node
// and on PostgreSQL with N nodes, in one run, so the ratios hold on a shared machine (issue 16).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { BENCH_STATIONS, buildDemoTemplate, copyTemplate } from '../fixtures.ts';
import { Report } from '../report.ts';
import { startServerProcess, stationTokens } from '../server-process.ts';
import { startBenchPostgres, type BenchPostgres } from './database-server.ts';
import { checkInvariants, invariantsHold } from './invariants.ts';
import { maintenanceBetween, readMaintenance, type TableMaintenance } from './maintenance.ts';
import { measureRow, type LoadFigures, type RowTiming } from './load-row.ts';
import { startNodes } from './nodes.ts';
import { seedTemplate } from './template.ts';
import { announcementCost, versionReadCost, type UnitCost } from './unit-costs.ts';
import { reportComparison, type PostgresRow } from './report-rows.ts';

const zArgs = z.object({ nodes: z.coerce.number().int().min(1).max(8).default(3), quick: z.boolean() });
const nodesAt = process.argv.indexOf('--nodes');
const args = zArgs.parse({ nodes: nodesAt === -1 ? undefined : process.argv[nodesAt + 1], quick: process.argv.includes('--quick') });
// A quick run still warms up for 3 s: on PostgreSQL 200 stations' first claims queue behind the
// claim lock for seconds, and a shorter window ends before any cycle does.
const timing: RowTiming = args.quick ? { warmupMs: 3000, measureMs: 3000, steadyMs: 10_000 } : { warmupMs: 3000, measureMs: 8000, steadyMs: 30_000 };
const UNIT_COUNT = args.quick ? 500 : 5000;
const TEMPLATE = 'bench_template';

const log = (message: string) => console.error(`[bench] ${message}`);
const work = mkdtempSync(join(tmpdir(), 'ringstuga-bench-pg-'));

async function sqliteRow(): Promise<LoadFigures> {
  const demo = join(work, 'demo-template.db');
  await buildDemoTemplate(demo);
  const server = await startServerProcess(copyTemplate(demo, work, 'sqlite'));
  try {
    return await measureRow([server.url], await stationTokens(server.url), () => server.cpuMs(), timing);
  } finally {
    await server.stop();
  }
}

async function postgresRow(postgres: BenchPostgres, count: number): Promise<PostgresRow> {
  const name = `bench_nodes_${count}`;
  const drop = await postgres.createDatabase(name, TEMPLATE);
  try {
    const url = postgres.url(name);
    const nodes = await startNodes(url, count);
    let figures: LoadFigures;
    let maintenanceBefore: TableMaintenance[] = [];
    try {
      const cpuMs = () => nodes.reduce((sum, node) => sum + node.cpuMs(), postgres.cpuMs());
      figures = await measureRow(
        nodes.map((node) => node.url),
        await stationTokens(nodes[0]!.url),
        cpuMs,
        timing,
        async () => void (maintenanceBefore = await readMaintenance(url)),
      );
    } finally {
      for (const node of nodes) await node.stop();
    }
    // Read once every node has stopped: nothing is in flight any more.
    const maintenance = maintenanceBetween(maintenanceBefore, await readMaintenance(url), figures.measured);
    return { nodes: count, figures, maintenance, invariants: await checkInvariants(url) };
  } finally {
    await drop();
  }
}

async function unitCosts(postgres: BenchPostgres): Promise<{ announcement: UnitCost; versionRead: UnitCost }> {
  const drop = await postgres.createDatabase('bench_units', TEMPLATE);
  try {
    const url = postgres.url('bench_units');
    return { announcement: await announcementCost(url, UNIT_COUNT, postgres.cpuMs), versionRead: await versionReadCost(url, UNIT_COUNT, postgres.cpuMs) };
  } finally {
    await drop();
  }
}

try {
  log(`SQLite, one server: closed loop at 200 stations, steady pace at ${BENCH_STATIONS}`);
  const sqlite = await sqliteRow();
  log('starting a throwaway PostgreSQL (fsync on) and seeding the demo campaign through the store');
  const postgres = await startBenchPostgres();
  try {
    const seeded = await seedTemplate(postgres, TEMPLATE);
    log(`seeded ${seeded.contacts} contacts in ${seeded.seconds.toFixed(1)} s`);
    const rows: PostgresRow[] = [];
    for (const count of [...new Set([1, args.nodes])]) {
      log(`PostgreSQL, ${count} node${count > 1 ? 's' : ''}: the same scenarios, stations round-robin over the nodes`);
      rows.push(await postgresRow(postgres, count));
    }
    log(`unit costs: ${UNIT_COUNT} announcements through the adapter, ${UNIT_COUNT} question-cache version reads`);
    const units = await unitCosts(postgres);
    const report = new Report();
    reportComparison(report, { sqlite, rows, units, seeded, unitCount: UNIT_COUNT });
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
    const text = report.render(machine, args.quick);
    console.log(text);
    const dir = resolve(import.meta.dirname, '..', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `bench-postgres-${new Date().toISOString().replace(/[:.]/g, '-')}.md`);
    writeFileSync(file, text);
    log(`written to ${file}`);
    if (!rows.every((row) => invariantsHold(row.invariants))) process.exitCode = 1;
  } finally {
    await postgres.stop();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
