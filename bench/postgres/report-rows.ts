// The comparison's rows and targets: each PostgreSQL row beside the SQLite row of the same run.
import type { Report } from '../report.ts';
import { describeInvariants, invariantsHold, type Invariants } from './invariants.ts';
import type { LoadFigures } from './load-row.ts';
import { describeMaintenance, type Maintenance } from './maintenance.ts';
import type { Seeded } from './template.ts';
import type { UnitCost } from './unit-costs.ts';

export interface PostgresRow {
  nodes: number;
  figures: LoadFigures;
  /** PostgreSQL's autovacuum and autoanalyze during the steady pace: they move its p99 (maintenance.ts). */
  maintenance: Maintenance;
  invariants: Invariants;
}

export interface Comparison {
  sqlite: LoadFigures;
  rows: PostgresRow[];
  units: { announcement: UnitCost; versionRead: UnitCost };
  seeded: Seeded;
  unitCount: number;
}

const ratio = (value: number, base: number) => `${(value / base).toFixed(2)}× SQLite's`;
const nodesLabel = (n: number) => `PostgreSQL, ${n} node${n > 1 ? 's' : ''}`;

function loadRows(report: Report, label: string, figures: LoadFigures, sqlite: LoadFigures | undefined, cpuWhat: string): void {
  report.row(`${label}: closed loop, 200 stations`, `${figures.closedPerSecond.toFixed(0)} cycles/s`, sqlite ? ratio(figures.closedPerSecond, sqlite.closedPerSecond) : '');
  // No cycle finished inside a short (--quick) window: no per-cycle figure, rather than Infinity.
  const cpu = Number.isFinite(figures.cpuUsPerCycle) ? `${figures.cpuUsPerCycle.toFixed(0)} µs` : 'n/a (no cycle finished)';
  report.row(`${label}: server CPU per closed-loop cycle (${cpuWhat})`, cpu, sqlite && Number.isFinite(figures.cpuUsPerCycle) ? ratio(figures.cpuUsPerCycle, sqlite.cpuUsPerCycle) : '');
  report.row(
    `${label}: steady pace, 2,000 stations × 1 cycle / 10 s, acknowledgement p50 / p99 (after the first period)`,
    `${figures.ackP50Ms.toFixed(1)} / ${figures.ackP99Ms.toFixed(1)} ms`,
    `${figures.acks} acks${sqlite ? `; p99 ${ratio(figures.ackP99Ms, sqlite.ackP99Ms)}` : ''}; the first period (each station's first cycle): p99 ${figures.firstPeriodAckP99Ms.toFixed(1)} ms`,
  );
}

const unitRow = (cost: UnitCost) =>
  `${cost.wallUs.toFixed(0)} µs wall, ${cost.serverCpuUs.toFixed(0)} µs PostgreSQL CPU, ${cost.clientCpuUs.toFixed(0)} µs CPU of the bench's own process (for an announcement: its sending and its receiving node, both in it)`;

export function reportComparison(report: Report, { sqlite, rows, units, seeded, unitCount }: Comparison): void {
  loadRows(report, 'SQLite, one server', sqlite, undefined, 'the server process');
  report.row('PostgreSQL: demo campaign seeded through the store (migrations + 96,971 contacts + 2,000 stations, one write)', `${seeded.seconds.toFixed(1)} s`, `${seeded.contacts} contacts`);
  for (const row of rows) {
    const label = nodesLabel(row.nodes);
    loadRows(report, label, row.figures, sqlite, `${row.nodes > 1 ? `${row.nodes} node processes` : 'the node process'} + PostgreSQL's processes`);
    report.row(`${label}: autovacuum / autoanalyze during the steady pace (its warm-up period included)`, describeMaintenance(row.maintenance), 'each replans every connection\'s statements on that table: a burst of CPU');
    report.row(`${label}: invariants read from the database after the run`, invariantsHold(row.invariants) ? 'hold' : '**BROKEN**', describeInvariants(row.invariants));
  }
  report.row(`Per announcement: adapter broadcast (NOTIFY) to another node, burst of ${unitCount}`, unitRow(units.announcement), 'a server-side emit, timed until the other node has them all');
  report.row(`Per claim: the question cache's version read through the store, ${unitCount} in one transaction`, unitRow(units.versionRead), 'one primary-key read, one round trip');
  const one = rows.find((row) => row.nodes === 1)!;
  report.target('PostgreSQL, 1 node: closed loop at 200 stations ≥ 500 cycles/s', one.figures.closedPerSecond >= 500, `${one.figures.closedPerSecond.toFixed(0)} cycles/s`);
  const most = rows[rows.length - 1]!;
  report.target(
    `${nodesLabel(most.nodes)}: acknowledgement p99 < 50 ms at 2,000 stations × 1 cycle / 10 s`,
    most.figures.ackP99Ms < 50,
    `${most.figures.ackP99Ms.toFixed(1)} ms (autovacuum / autoanalyze: ${describeMaintenance(most.maintenance)})`,
  );
  report.target('PostgreSQL: no contact or number held twice, counters equal a recount, after every run', rows.every((row) => invariantsHold(row.invariants)), rows.map((row) => `${row.nodes}: ${invariantsHold(row.invariants) ? 'hold' : 'broken'}`).join(', '));
}
