import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { afterEach, expect, it } from 'vitest';
import type { Leaderboard } from '@ringstuga/shared';
import { loadConfig } from '../../../server/src/config.ts';
import { databasePlugin } from '../../../server/src/db/database.plugin.ts';
import { realtimePlugin } from '../../../server/src/realtime/realtime.plugin.ts';
import { describeWithPostgres } from '../../helpers/postgres/binaries.ts';
import { pollClockHolder } from '../../helpers/postgres/clock-holder.ts';
import { createDatabase, type TestDatabase } from '../../helpers/postgres/database.ts';

let database: TestDatabase | undefined;
let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  await database?.drop();
  database = undefined;
});

/** The node id holding the leaderboard clock, polled until `until` says stop (bounded: `tries` × 100 ms). */
const pollClock = async (url: string, until: (holder: string | undefined) => boolean, tries: number): Promise<string | undefined> =>
  (await pollClockHolder(url, (holder) => until(holder?.nodeId), tries, 100))?.nodeId;

const emptyBoard: Leaderboard = { municipalities: [], campaigns: [] };

describeWithPostgres('the leaderboard clock of a node', () => {
  it('is taken only once the features have given the announcements what they read, however slowly they load', async () => {
    database = await createDatabase();
    const url = database.url;
    const warnings: string[] = [];
    const logs = new Writable({
      write(chunk: Buffer, _encoding, done) {
        const line = JSON.parse(chunk.toString()) as { level: number; msg: string; err?: { message?: string } };
        if (line.level >= 40) warnings.push(`${line.msg}: ${line.err?.message ?? ''}`);
        done();
      },
    });
    const made = Fastify({ logger: { level: 'warn', stream: logs } });
    app = made;
    made.decorate('config', loadConfig({ DATABASE_URL: url, ADMIN_TOKEN: 'test-admin-token-0123456789' }));
    made.decorate('now', Date.now);
    await made.register(databasePlugin);
    await made.register(realtimePlugin);
    let boardsRead = 0;
    // A feature that loads slowly (a loaded machine, three nodes starting): it provides its
    // sources only after the clock could have been taken and its retry timer (2 s) run.
    await made.register(
      fp(async (feature) => {
        await pollClock(url, (holder) => holder !== undefined, 25);
        feature.announce.provide({
          leaderboard: () => {
            boardsRead += 1;
            return emptyBoard;
          },
          shiftOf: () => null,
          pairState: () => ({ paired: false, phoneConnected: false, expiresAt: null }),
          validPairing: () => undefined,
          contactOf: () => null,
          roomState: () => undefined,
          screenState: () => undefined,
          expectedOf: () => [],
        });
      }),
    );
    await made.ready();

    // Ready: this node, alone on its database, takes the clock and sends the board once.
    expect(await pollClock(url, (holder) => holder === made.realtime.nodeId && boardsRead > 0, 50)).toBe(made.realtime.nodeId);
    expect(boardsRead).toBeGreaterThan(0);
    expect(warnings).toEqual([]);
  });
});
