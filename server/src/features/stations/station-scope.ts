import type { Store } from '../../db/store/store.ts';
import type { Announcements } from '../../realtime/announce.ts';
import { actorOf, type AuditLog } from '../audit/audit-log.ts';
import type { Access } from '../auth/access.ts';
import { can } from '../auth/policy.ts';
import type { ListsRepo } from '../lists/lists.repo.ts';
import { stationsRepo, type StationRow } from './stations.repo.ts';

export interface StationScopeDeps {
  store: Store;
  lists: Pick<ListsRepo, 'exists'>;
  audit: AuditLog;
  announce: Pick<Announcements, 'listsChanged'>;
}

/**
 * Fixing a station to one list (or freeing it, listId null), the one way for both the leader's
 * `station:scope` command and `PUT /api/stations/{number}/list`: the same checks, one write with
 * its audit row, the same announcement. Another room's station is as missing to a leader as one
 * that does not exist.
 */
/** What fixing answers: the station, or why not (the same refusal over the socket and HTTP). */
export type StationScopeResult = { ok: true; station: StationRow } | { ok: false; error: { code: 'not_found'; message: string } };

const notFound = (message: string) => ({ ok: false, error: { code: 'not_found', message } }) as const;

export function createStationScope(deps: StationScopeDeps) {
  return async (station: StationRow | undefined, listId: number | null, access: Access): Promise<StationScopeResult> => {
    if (!station || !can(access, 'steerRoom', station)) return notFound('No such station');
    const saved = await deps.store.write(async (q) => {
      // Checked inside the write: a list deleted meanwhile is not fixed to.
      if (listId !== null && !(await deps.lists.exists(q, listId))) return false;
      await stationsRepo.setList(q, station.id, listId);
      await deps.audit.add(q, { actor: actorOf(access), action: 'station_list', target: `station:${station.id}`, detail: { roomId: station.roomId, listId } });
      return true;
    });
    if (!saved) return notFound('No such list');
    deps.announce.listsChanged({ stationId: station.id, roomId: station.roomId });
    return { ok: true, station };
  };
}

export type StationScope = ReturnType<typeof createStationScope>;
