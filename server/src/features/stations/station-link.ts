import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StationLink } from '@ringstuga/shared';
import { stationToken } from '../auth/tokens.ts';
import type { StationRow } from './stations.repo.ts';

/** A station's join link; the token is re-derived from the key, never stored. */
export function stationLink(app: FastifyInstance, request: FastifyRequest, station: StationRow, key = app.tokenKey): StationLink {
  const token = stationToken(key, station.number, station.tokenGeneration);
  const origin = app.config.publicUrl ?? `${request.protocol}://${request.host}`;
  return {
    id: station.id,
    number: station.number,
    name: station.name,
    token,
    // The token travels in the fragment, which browsers never send to a server or its logs.
    url: `${origin}/station#token=${token}`,
    listId: station.listId,
    roomId: station.roomId,
    remote: station.remote,
  };
}

/**
 * Gives a station a new join link: the old one stops working, its connections and its paired phone go.
 * `renewedByLink`: the leader link the new one is handed to, so revoking that leader voids it too.
 * The new token, its audit row and the phone's unpairing are one write.
 */
export async function renewStationLink(app: FastifyInstance, station: StationRow, actor: string, renewedByLink: number | null = null): Promise<StationRow> {
  const key = app.tokenKey;
  const renewed = await app.store.write(async (q) => {
    await app.stations.rotateToken(q, key, station.number, renewedByLink);
    await app.audit.add(q, { actor, action: 'station_link_renew', target: `station:${station.id}`, detail: { roomId: station.roomId } });
    await app.phones.revoke(q, station.id, actor);
    return (await app.stations.byId(q, station.id))!;
  });
  app.announce.stationLinkRenewed(station.id);
  return renewed;
}
