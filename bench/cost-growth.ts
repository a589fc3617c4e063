// Does a cycle cost more when the database is large? Measured in-process (the database work alone)
// and over the full stack (one station, one cycle at a time).
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
import { closeAll, connectStations } from './load.ts';
import { startServerProcess, stationTokens } from './server-process.ts';
import { median } from './stats.ts';

export interface CycleCost {
  name: string;
  serviceP50Us: number;
  stackP50Ms: number;
}

const config = loadConfig({ CALLING_HOURS: '00:00-24:00', STATION_CONTACTS_PER_MINUTE: '0' });

function callbackFor(outcome: Outcome): string | undefined {
  return outcome === 'call_back' ? new Date(Date.now() + 3_600_000).toISOString() : undefined;
}

async function inProcess(path: string, cycles: number): Promise<number> {
  const db = openDatabase(path);
  const service = new CallingService(
    new SqliteStore(db, new WriteBatcher(db.$client)),
    { ...config, contactsPerMinute: config.stationContactsPerMinute },
    new QuestionCache(liveQuestionViews),
  );
  // Each of the 50 stations has a volunteer checked in, as the calling loop requires.
  for (let station = 1; station <= 50; station += 1) await buildShift(sqliteFixture(db), station, { name: 'Bench' }, Date.now());
  const random = mulberry32(3);
  const times: number[] = [];
  for (let i = 0; i < cycles + 200; i += 1) {
    const station = (i % 50) + 1;
    const started = performance.now();
    const next = await service.next(station, Date.now());
    if (!next.ok || !next.assignment) throw new Error('no contact offered');
    const outcome = drawOutcome(random);
    await service.recordOutcome(station, { assignmentId: next.assignment.id, outcome, callbackAt: callbackFor(outcome) }, Date.now());
    if (i >= 200) times.push((performance.now() - started) * 1000);
  }
  db.$client.close();
  return median(times);
}

async function overStack(path: string, cycles: number): Promise<number> {
  const server = await startServerProcess(path);
  try {
    const [socket] = await connectStations(server.url, (await stationTokens(server.url)).slice(0, 1));
    const random = mulberry32(4);
    const times: number[] = [];
    for (let i = 0; i < cycles + 200; i += 1) {
      const started = performance.now();
      const next = await socket!.emitWithAck('contact:next');
      if (!next.ok || !next.assignment) throw new Error('no contact offered');
      const outcome = drawOutcome(random);
      await socket!.emitWithAck('call:outcome', { assignmentId: next.assignment.id, outcome, callbackAt: callbackFor(outcome) });
      if (i >= 200) times.push(performance.now() - started);
    }
    closeAll([socket!]);
    return median(times);
  } finally {
    await server.stop();
  }
}

export async function measureCycleCost(databases: { name: string; path: string }[], cycles: number): Promise<CycleCost[]> {
  const results: CycleCost[] = [];
  for (const { name, path } of databases) {
    const serviceP50Us = await inProcess(path, cycles);
    results.push({ name, serviceP50Us, stackP50Ms: await overStack(path, cycles) });
  }
  return results;
}
