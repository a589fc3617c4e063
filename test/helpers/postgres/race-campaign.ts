import pg from 'pg';
import { afterEach } from 'vitest';
import type { PgStore } from '../../../server/src/db/store/pg-store.ts';
import { startCampaign, type CampaignServer } from '../campaign-server.ts';
import { createDatabase, type TestDatabase } from './database.ts';

export interface RaceCampaign {
  campaign: CampaignServer;
  store: PgStore;
  /** A connection of the test's own, outside the server: to hold locks and read the rows back. */
  client: pg.Client;
}

/**
 * For tests that race two writers on PostgreSQL: a campaign server on a database of its own, and a
 * connection beside it; all three closed after each test. Call once at the top of the file.
 */
export function raceCampaigns(): (lists: { phones: string[] }[], stations: number) => Promise<RaceCampaign> {
  let database: TestDatabase | undefined;
  let campaign: CampaignServer | undefined;
  let client: pg.Client | undefined;
  afterEach(async () => {
    await client?.end();
    await campaign?.close();
    await database?.drop();
    [client, campaign, database] = [undefined, undefined, undefined];
  });
  return async (lists, stations) => {
    database = await createDatabase();
    // No pace limit: race loops ask for contacts far faster than a volunteer would.
    campaign = await startCampaign({ lists, stations, env: { DATABASE_URL: database.url, STATION_CONTACTS_PER_MINUTE: '0' } });
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    return { campaign, store: campaign.app.store as PgStore, client };
  };
}

/** Until `count` statements on the client's database wait for a lock (bounded: 150 × 20 ms). */
export async function lockWaiters(client: pg.Client, count = 1): Promise<void> {
  for (let i = 0; i < 150; i += 1) {
    const { rows } = await client.query<{ n: number }>(
      "SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
    );
    if (rows[0]!.n >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`fewer than ${count} statements waited for a lock`);
}
