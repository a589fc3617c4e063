// Two per-operation costs that PostgreSQL adds and SQLite does not have, each timed over a burst.
import { createAdapter } from '@socket.io/postgres-adapter';
import { sql } from 'drizzle-orm';
import { Server } from 'socket.io';
import { settings } from '../../server/src/db/schema.ts';
import { createPool, PgStore } from '../../server/src/db/store/pg-store.ts';
import { sleep } from '../stats.ts';

export interface UnitCost {
  /** Wall time per operation, µs. */
  wallUs: number;
  /** PostgreSQL server CPU per operation, µs. */
  serverCpuUs: number;
  /** This process's CPU per operation (the node's side), µs. */
  clientCpuUs: number;
}

async function timed(count: number, serverCpuMs: () => number, burst: () => Promise<void>): Promise<UnitCost> {
  const cpu = serverCpuMs();
  const own = process.cpuUsage();
  const started = performance.now();
  await burst();
  const wallMs = performance.now() - started;
  const ownUs = process.cpuUsage(own);
  return {
    wallUs: (wallMs * 1000) / count,
    serverCpuUs: ((serverCpuMs() - cpu) * 1000) / count,
    clientCpuUs: (ownUs.user + ownUs.system) / count,
  };
}

/**
 * One announcement as a node sends it to the others (clusterAnnouncements: a server-side emit
 * through socket.io's PostgreSQL adapter, a NOTIFY): `count` sent by one node, timed until a second
 * node has received them all, divided by `count`. Both "nodes" are socket.io servers in this process.
 */
export async function announcementCost(url: string, count: number, serverCpuMs: () => number): Promise<UnitCost> {
  const pools = [createPool(url, { maxConnections: 2 }), createPool(url, { maxConnections: 2 })];
  const [sender, receiver] = pools.map((pool) => new Server({ adapter: createAdapter(pool) }));
  let received = 0;
  let done: () => void = () => {};
  receiver!.on('announce', () => {
    received += 1;
    if (received === count) done();
  });
  let heard = false;
  receiver!.on('ready', () => (heard = true));
  try {
    // The receiver's LISTEN starts asynchronously: ping until it hears one (bounded).
    for (let tries = 0; !heard && tries < 200; tries += 1) {
      sender!.serverSideEmit('ready');
      await sleep(50);
    }
    if (!heard) throw new Error('the second node never heard the first through the adapter');
    const payload = { name: 'contactChanged', args: [17] }; // the shape and size of a real announcement
    return await timed(count, serverCpuMs, async () => {
      const all = new Promise<void>((resolve) => (done = resolve));
      for (let i = 0; i < count; i += 1) sender!.serverSideEmit('announce', payload);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`only ${received} of ${count} announcements arrived`)), 60_000);
      });
      // Cleared either way: a pending timer kept the bench alive for a minute after its report.
      await Promise.race([all, late]).finally(() => clearTimeout(timer));
    });
  } finally {
    await Promise.all([sender!.close(), receiver!.close()]).catch(() => undefined);
    await Promise.all(pools.map((pool) => pool.end()));
  }
}

/**
 * The question cache's version read (features/questions/question-cache.ts), which every claim and
 * outcome makes on PostgreSQL: `count` reads through the store inside one read, as inside a claim's
 * transaction, divided by `count`.
 */
export async function versionReadCost(url: string, count: number, serverCpuMs: () => number): Promise<UnitCost> {
  const store = new PgStore(createPool(url, { maxConnections: 1 }));
  try {
    // As after a first save of a question set: the row is there.
    await store.write((q) => q.db.insert(settings).values({ key: 'questions_version', value: 'bench' }).onConflictDoNothing());
    const versionSql = sql`SELECT value FROM settings WHERE key = ${'questions_version'}`;
    return await timed(count, serverCpuMs, () =>
      store.read(async (q) => {
        for (let i = 0; i < count; i += 1) await q.value<string>(versionSql);
      }),
    );
  } finally {
    await store.close();
  }
}
