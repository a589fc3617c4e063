import type { Assignment, ContactNextResult } from '@ringstuga/shared';
import type { AppOptions } from '../../server/src/app.ts';
import { buildContacts, buildList, buildStations } from '../factories/campaign.ts';
import type { PageOrigin } from './page-origin.ts';
import { startServer, type TestServer } from './server.ts';
import { connectStation, type StationClient } from './station-client.ts';

export interface ListSpec {
  phones: string[];
  municipalityCode?: string;
  municipalityName?: string;
  priority?: number;
}

export interface CampaignServer extends TestServer {
  lists: { listId: number; associationId: number; contactIds: number[] }[];
  stations: { id: number; number: number; token: string }[];
  /** Joins as station `index` (0-based) with a real socket.io client, closed with the server. */
  join(index: number, options?: Parameters<typeof connectStation>[2]): Promise<StationClient>;
}

/** A real server with the given lists and stations, and a clock the test can move. */
export async function startCampaign(options: {
  lists: ListSpec[];
  stations: number;
  now?: () => number;
  env?: Record<string, string>;
  databasePath?: string;
  logger?: AppOptions['logger'];
  origin?: PageOrigin;
}): Promise<CampaignServer> {
  const lists: CampaignServer['lists'] = [];
  let stations: CampaignServer['stations'] = [];
  const server = await startServer({
    now: options.now,
    env: options.env,
    databasePath: options.databasePath,
    logger: options.logger,
    origin: options.origin,
    prepare: async (app) => {
      for (const spec of options.lists) {
        const { listId, associationId } = await buildList(app, spec);
        lists.push({ listId, associationId, contactIds: await buildContacts(app, listId, spec.phones, { priority: spec.priority }) });
      }
      stations = await buildStations(app, options.stations);
    },
  });
  const sockets: StationClient[] = [];
  return {
    ...server,
    lists,
    stations,
    async join(index, joinOptions) {
      const socket = await connectStation(server.url, stations[index]!.token, joinOptions);
      sockets.push(socket);
      return socket;
    },
    async close() {
      sockets.forEach((socket) => socket.close());
      await server.close();
    },
  };
}

export function assignmentOf(result: ContactNextResult): Assignment {
  if (!result.ok || !result.assignment) throw new Error(`expected an assignment, got ${JSON.stringify(result)}`);
  return result.assignment;
}

/** A clock a test moves by hand. */
export function manualClock(start = Date.UTC(2026, 8, 1, 10)) {
  let time = start;
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}

export const MINUTE = 60_000;
