// Two server builds side by side, for a change to the hot path: the closed loop at `stations`
// stations against each bundle in turn (A B A B …, so a drifting machine moves both alike), with
// the minimal floor before each pair; every figure the server's CPU per cycle as well as its rate.
// Run: node --import tsx bench/compare.ts server/dist-before/main.mjs server/dist/main.mjs [rounds] [stations]
// (make the earlier bundle with `npm run build -w server` on the earlier code, then move server/dist;
// a bundle must sit two folders below the project root, as server/dist does, to find the migrations).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemoTemplate, copyTemplate } from './fixtures.ts';
import { closeAll, closedLoop, connectStations } from './load.ts';
import { runMinimalFloor } from './raw-reference.ts';
import { startServerProcess, stationTokens } from './server-process.ts';
import { median } from './stats.ts';

const [before, after, rounds = '3', stationCount = '200'] = process.argv.slice(2);
if (!before || !after) throw new Error('usage: bench/compare.ts BUNDLE_BEFORE BUNDLE_AFTER [rounds] [stations]');
const stations = Number(stationCount);
const work = mkdtempSync(join(tmpdir(), 'ringstuga-compare-'));
const log = (message: string) => console.error(`[compare] ${message}`);

interface Figures {
  perSecond: number[];
  cpuUs: number[];
}

async function closedLoopOn(bundle: string, template: string, name: string): Promise<{ perSecond: number; cpuUsPerCycle: number }> {
  const server = await startServerProcess(copyTemplate(template, work, name), {}, [], bundle);
  try {
    const sockets = await connectStations(server.url, (await stationTokens(server.url)).slice(0, stations));
    const result = await closedLoop(sockets, 2000, 6000, () => server.cpuMs());
    closeAll(sockets);
    return result;
  } finally {
    await server.stop();
  }
}

try {
  const demo = join(work, 'demo-template.db');
  await buildDemoTemplate(demo);
  const floor: Figures = { perSecond: [], cpuUs: [] };
  const figures: Record<string, Figures> = { [before]: { perSecond: [], cpuUs: [] }, [after]: { perSecond: [], cpuUs: [] } };
  for (let round = 0; round < Number(rounds); round += 1) {
    const f = runMinimalFloor(join(work, `floor-${round}.db`), 6000, 96_971);
    floor.perSecond.push(f.perSecond);
    floor.cpuUs.push(f.cpuUsPerCycle);
    log(`round ${round + 1}: floor ${f.perSecond.toFixed(0)} cycles/s, ${f.cpuUsPerCycle.toFixed(0)} µs`);
    for (const bundle of [before, after]) {
      const r = await closedLoopOn(bundle, demo, `${round}-${bundle.replace(/\W/g, '_')}`);
      figures[bundle]!.perSecond.push(r.perSecond);
      figures[bundle]!.cpuUs.push(r.cpuUsPerCycle);
      log(`round ${round + 1}: ${bundle} ${r.perSecond.toFixed(0)} cycles/s, ${r.cpuUsPerCycle.toFixed(0)} µs of server CPU per cycle`);
    }
  }
  const floorRate = median(floor.perSecond);
  console.log(`floor (median of ${rounds}): ${floorRate.toFixed(0)} cycles/s, ${median(floor.cpuUs).toFixed(0)} µs per cycle`);
  for (const bundle of [before, after]) {
    const { perSecond, cpuUs } = figures[bundle]!;
    console.log(
      `${bundle}, ${stations} stations (median of ${rounds}): ${median(perSecond).toFixed(0)} cycles/s (${((median(perSecond) / floorRate) * 100).toFixed(0)} % of floor), ` +
        `${median(cpuUs).toFixed(0)} µs of server CPU per cycle (the floor's is ${((median(floor.cpuUs) / median(cpuUs)) * 100).toFixed(0)} % of it)`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
