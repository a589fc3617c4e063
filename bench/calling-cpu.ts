// CPU per cycle of the calling service alone, in-process, against the minimal floor in the same
// process: the measure to develop the hot path's SQL with (a closed loop over sockets moves with
// whatever else the shared machine runs; this moves far less). `stations` stations each ask for a
// contact, then each reports an outcome, every round's requests in one transaction with a savepoint
// each, as the write batcher groups them under a closed loop.
// Run: node --import tsx bench/calling-cpu.ts [seconds] [stations]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Outcome } from '@ringstuga/shared';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/open.ts';
import { SqliteStore } from '../server/src/db/store/sqlite-store.ts';
import { WriteBatcher } from '../server/src/db/write-batcher.ts';
import { QuestionCache } from '../server/src/features/questions/question-cache.ts';
import { liveQuestionViews } from '../server/src/features/lists/list-questions.ts';
import { CallingService } from '../server/src/features/calling/calling.service.ts';
import { buildShift } from '../test/factories/campaign.ts';
import { sqliteFixture } from '../test/helpers/sqlite-fixture.ts';
import { mulberry32 } from '../seeds/demo-data.ts';
import { drawOutcome } from '../tools/simulate/outcome-mix.ts';
import { buildDemoTemplate, copyTemplate } from './fixtures.ts';
import { runMinimalFloor } from './raw-reference.ts';

const config = loadConfig({ CALLING_HOURS: '00:00-24:00', STATION_CONTACTS_PER_MINUTE: '0' });

function cpuUs(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

export interface ServiceCpu {
  cycles: number;
  perSecond: number;
  cpuUsPerCycle: number;
}

export async function runCallingService(path: string, durationMs: number, stations: number): Promise<ServiceCpu> {
  const db = openDatabase(path);
  const sqlite = db.$client;
  const service = new CallingService(
    new SqliteStore(db, new WriteBatcher(sqlite)),
    { ...config, contactsPerMinute: config.stationContactsPerMinute },
    new QuestionCache(liveQuestionViews),
  );
  for (let station = 1; station <= stations; station += 1) await buildShift(sqliteFixture(db), station, { name: 'Bench' }, Date.now());
  // Every station's request at once: the write batcher runs them in one transaction, a savepoint each.
  const batch = (work: (station: number) => Promise<void>) => Promise.all(Array.from({ length: stations }, (_, i) => work(i + 1)));
  const random = mulberry32(5);
  const held = new Map<number, string>();
  let cycles = 0;
  const round = async () => {
    await batch(async (station) => {
      const next = await service.next(station, Date.now());
      if (!next.ok || !next.assignment) throw new Error('no contact offered');
      held.set(station, next.assignment.id);
    });
    await batch(async (station) => {
      const outcome: Outcome = drawOutcome(random);
      const callbackAt = outcome === 'call_back' ? new Date(Date.now() + 3_600_000).toISOString() : undefined;
      const { result } = await service.recordOutcome(station, { assignmentId: held.get(station)!, outcome, callbackAt }, Date.now());
      if (!result.ok) throw new Error(`outcome refused: ${result.error.code}`);
    });
    cycles += stations;
  };
  for (let i = 0; i < 5; i += 1) await round(); // warm-up
  cycles = 0;
  const started = performance.now();
  const before = cpuUs();
  while (performance.now() - started < durationMs) await round();
  const cpu = cpuUs() - before;
  const seconds = (performance.now() - started) / 1000;
  sqlite.close();
  return { cycles, perSecond: cycles / seconds, cpuUsPerCycle: cpu / cycles };
}

if (process.argv[1]?.endsWith('calling-cpu.ts')) {
  const seconds = Number(process.argv[2] ?? 5);
  const stations = Number(process.argv[3] ?? 200);
  const work = mkdtempSync(join(tmpdir(), 'ringstuga-calling-cpu-'));
  try {
    // BENCH_DEMO_TEMPLATE: a demo template built before, so that back-to-back comparisons skip building it.
    const demo = process.env.BENCH_DEMO_TEMPLATE ?? join(work, 'demo-template.db');
    if (!process.env.BENCH_DEMO_TEMPLATE) await buildDemoTemplate(demo);
    const runs = Number(process.env.BENCH_RUNS ?? 2);
    for (let run = 0; run < runs; run += 1) {
      const floor = runMinimalFloor(join(work, `floor-${run}.db`), seconds * 1000, 96_971);
      const service = await runCallingService(copyTemplate(demo, work, `service-${run}`), seconds * 1000, stations);
      console.log(
        `floor ${floor.cpuUsPerCycle.toFixed(0)} µs/cycle (${floor.perSecond.toFixed(0)}/s) · calling service ${service.cpuUsPerCycle.toFixed(0)} µs/cycle ` +
          `(${service.perSecond.toFixed(0)}/s) · floor/service ${((floor.cpuUsPerCycle / service.cpuUsPerCycle) * 100).toFixed(0)} %`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
