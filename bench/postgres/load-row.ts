// One row of the comparison: the closed loop at 200 stations and the steady pace at 2,000, on
// whatever servers `urls` name (one SQLite server, or PostgreSQL nodes), stations round-robin.
import { AgentPool } from '../agents.ts';
import { BENCH_STATIONS } from '../fixtures.ts';
import { closeAll, closedLoop, connectStations, type BenchSocket } from '../load.ts';
import { percentile } from '../stats.ts';

export const CLOSED_STATIONS = 200;
export const STEADY_PERIOD_MS = 10_000;

export interface LoadFigures {
  closedPerSecond: number;
  /** CPU per closed-loop cycle, summed over every server process the row has (nodes and PostgreSQL). */
  cpuUsPerCycle: number;
  /** After one period's warm-up: every station has made its first cycle. */
  ackP50Ms: number;
  ackP99Ms: number;
  acks: number;
  /** The warm-up: each station's first cycle, on servers that had run only the closed loop's 200. */
  firstPeriodAckP99Ms: number;
  /** When the steady pace's measured window was (epoch ms), to set beside what else ran then. */
  measured: { from: number; to: number };
}

export interface RowTiming {
  warmupMs: number;
  measureMs: number;
  steadyMs: number;
}

/** Station t connects to `urls[t % urls.length]`: each station's socket to one node. */
async function connectRoundRobin(urls: readonly string[], tokens: string[]): Promise<BenchSocket[]> {
  const groups = await Promise.all(urls.map((url, u) => connectStations(url, tokens.filter((_, t) => t % urls.length === u))));
  return groups.flat();
}

/** `beforeSteady`: run once the closed loop is over, before the steady pace starts (a reading to compare with after). */
export async function measureRow(
  urls: readonly string[],
  tokens: string[],
  cpuMs: () => number,
  timing: RowTiming,
  beforeSteady: () => Promise<void> = async () => {},
): Promise<LoadFigures> {
  const sockets = await connectRoundRobin(urls, tokens.slice(0, CLOSED_STATIONS));
  const closed = await closedLoop(sockets, timing.warmupMs, timing.measureMs, cpuMs);
  closeAll(sockets);
  const pool = await AgentPool.connect(urls, tokens.slice(0, BENCH_STATIONS));
  await beforeSteady();
  const started = Date.now();
  // Measured as a steady state, after one period in which every station makes its first cycle (the
  // closed loop's warm-up, likewise): that period is reported apart.
  const { latencies, warmupLatencies } = await pool.steady(STEADY_PERIOD_MS, timing.steadyMs, STEADY_PERIOD_MS);
  const ended = Date.now();
  await pool.close();
  return {
    closedPerSecond: closed.perSecond,
    cpuUsPerCycle: closed.cpuUsPerCycle,
    ackP50Ms: percentile(latencies, 50),
    ackP99Ms: percentile(latencies, 99),
    acks: latencies.length,
    firstPeriodAckP99Ms: percentile(warmupLatencies, 99),
    measured: { from: started + STEADY_PERIOD_MS, to: ended },
  };
}
