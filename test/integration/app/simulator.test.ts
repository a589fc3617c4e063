import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { OUTCOMES, OUTCOME_RULES } from '@ringstuga/shared';
import { stationRandom } from '../../../tools/simulate/outcome-mix.ts';
import { StationBot } from '../../../tools/simulate/station-bot.ts';
import { phoneNumber } from '../../factories/campaign.ts';
import { startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { recountByMunicipality } from '../../helpers/recount.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { rows } from '../../helpers/store-values.ts';
import { waitForEvent } from '../../helpers/wait-for-event.ts';

const run = promisify(execFile);
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => phoneNumber(from + i));

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

async function startRoom(stations: number): Promise<CampaignServer> {
  return startCampaign({
    lists: [
      { phones: range(1, 300), municipalityCode: '0180', municipalityName: 'Stockholm' },
      { phones: range(1_001, 300), municipalityCode: '0182', municipalityName: 'Nacka' },
      { phones: range(2_001, 200), municipalityCode: '0188', municipalityName: 'Norrtälje' },
    ],
    stations,
  });
}

async function callsByOutcome(server: CampaignServer): Promise<Record<string, number>> {
  const counted = await rows<{ outcome: string; n: number }>(server.app.store, sql`SELECT outcome, COUNT(*) AS n FROM calls GROUP BY outcome`);
  return Object.fromEntries(counted.map((row) => [row.outcome, row.n]));
}

describe('the simulator', () => {
  it('drives ten real stations whose counted attempts match the call rows, the counters and a recount', async () => {
    campaign = await startRoom(10);
    const server = campaign;
    // Bounded by attempts, not by time: how many fit in a few seconds depends on the store and the
    // machine's load. The deadline only ends a run that went wrong.
    const deadline = Date.now() + 20_000;
    const bots = server.stations.map(
      (station, index) =>
        new StationBot({
          url: server.url,
          token: station.token,
          random: stationRandom(2018, index),
          speed: 5_000,
          maxAttempts: 12,
          deadline,
          stopWhenEmpty: true,
        }),
    );
    const reasons = await Promise.all(bots.map((bot) => bot.start().done));

    const attempts = bots.reduce((sum, bot) => sum + bot.stats.attempts, 0);
    const byOutcome = Object.fromEntries(
      OUTCOMES.map((o) => [o, bots.reduce((sum, bot) => sum + bot.stats.byOutcome[o], 0)] as const).filter(([, n]) => n > 0),
    );
    expect(reasons).toEqual(bots.map(() => 'max_attempts'));
    expect(attempts).toBe(120);
    expect(await callsByOutcome(server)).toEqual(byOutcome);
    expect((await server.app.store.read((q) => server.app.leaderboard.totals(q))).attempts).toBe(attempts);

    const board = (await server.app.store.read((q) => server.app.leaderboard.leaderboard(q))).municipalities.map(({ code, contacts, personsCalled, attempts: a, answered, conversations }) => ({
        code,
        contacts,
        personsCalled,
        attempts: a,
        answered,
        conversations,
      }))
      .sort((a, b) => a.code.localeCompare(b.code));
    expect(board).toEqual((await recountByMunicipality(server.app.store)));

    const answered = OUTCOMES.filter((o) => OUTCOME_RULES[o].reached).reduce((sum, o) => sum + (byOutcome[o] ?? 0), 0);
    expect(answered / attempts).toBeGreaterThan(0.2);
    expect(answered / attempts).toBeLessThan(0.5);

    for (const bot of bots) {
      expect(bot.stats.errors, JSON.stringify(bot.stats.errorsByKind)).toBe(0);
      expect(bot.stats.interrupted).toBe(0);
      expect(bot.stats.latencyMs.outcome.length).toBeGreaterThanOrEqual(bot.stats.attempts);
      expect(bot.socket.connected).toBe(false);
    }
    // The server has seen every station leave.
    for (let i = 0; i < 50 && (await server.app.realtime.stationsConnected()) > 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await server.app.realtime.stationsConnected()).toBe(0);
  });

  it('rides out dropped connections: reconnects, resumes, and still counts every attempt once', async () => {
    campaign = await startRoom(4);
    const server = campaign;
    const bots = server.stations.map(
      (station, index) =>
        new StationBot({
          url: server.url,
          token: station.token,
          random: stationRandom(7, index),
          speed: 2_000,
          maxAttempts: 20,
          // A safety stop only: every bot is expected to reach its 20 attempts.
          deadline: Date.now() + 20_000,
        }).start(),
    );
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // Every bot connected and calling before the drop: a drop that comes before a bot's first
    // connection (a slower start, as on PostgreSQL or a loaded machine) would not drop it at all.
    await Promise.all(bots.map((bot) => (bot.socket.connected ? undefined : waitForEvent(bot.socket, 'connect', { timeout: 5_000 }))));
    await wait(200);
    // The server drops everyone (as on a graceful restart), then the network drops each client.
    // Up to 3 s for the bots to reconnect; the network drop below follows either way.
    const back = bots.map((bot) => waitForEvent(bot.socket, 'connect', { timeout: 3_000 }));
    server.app.realtime.channels.stations.disconnectAll();
    await Promise.allSettled(back);
    await wait(200);
    for (const bot of bots) bot.socket.io.engine.close();
    const reasons = await Promise.all(bots.map((bot) => bot.done));

    expect(reasons).toEqual(bots.map(() => 'max_attempts'));
    const attempts = bots.reduce((sum, bot) => sum + bot.stats.attempts, 0);
    expect(attempts).toBe(80);
    expect((await server.app.store.read((q) => server.app.leaderboard.totals(q))).attempts).toBe(attempts);
    expect(await callsByOutcome(server)).toEqual(
      Object.fromEntries(
        OUTCOMES.map((o) => [o, bots.reduce((sum, bot) => sum + bot.stats.byOutcome[o], 0)] as const).filter(([, n]) => n > 0),
      ),
    );
    for (const bot of bots) {
      expect(bot.stats.disconnects).toBe(2);
      expect(bot.stats.errors, JSON.stringify(bot.stats.errorsByKind)).toBe(0);
    }
  });

  it('runs as a CLI against a server and prints a final summary with the totals', async () => {
    campaign = await startRoom(3);
    const args = ['--import', 'tsx', 'tools/simulate/simulate.ts', '--url', campaign.url, '--admin-token', ADMIN_TOKEN];
    const { stdout } = await run(process.execPath, [...args, '--stations', '3', '--speed', '5000', '--attempts', '30'], {
      timeout: 20_000,
      env: { ...process.env, ADMIN_TOKEN: '' },
    });

    expect(stdout).toContain('Simulating 3 stations');
    expect(stdout).toContain('Simulator stopped (attempt cap reached)');
    expect(stdout).toMatch(/^ {2}attempts +30 \(/m);
    expect(stdout).toMatch(/^ {2}errors +0$/m);
    expect((await campaign.app.store.read((q) => campaign!.app.leaderboard.totals(q))).attempts).toBe(30);
    const answered = Number(/^ {2}answered +(\d+) /m.exec(stdout)?.[1]);
    expect(answered).toBe((await campaign.app.store.read((q) => campaign!.app.leaderboard.totals(q))).answered);
  });

  it('explains a refused admin token and a bad option without starting', async () => {
    campaign = await startRoom(1);
    const cli = (...extra: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'tools/simulate/simulate.ts', '--url', campaign!.url, ...extra], {
        timeout: 20_000,
        env: { ...process.env, ADMIN_TOKEN: '' },
      });
    await Promise.all([
      expect(cli('--admin-token', 'wrong-token-0123456789')).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringContaining('refused the admin token'),
      }),
      expect(cli('--admin-token', ADMIN_TOKEN, '--speed', 'fast')).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringContaining('--speed: speed must be a number'),
      }),
    ]);
  });
});
