import type { Tx } from '../../db/store/store.ts';
import { auditLog } from '../../db/schema.ts';
import type { Access } from '../auth/access.ts';

// Who viewed, imported, exported or erased what, and who changed who can reach what (links made,
// revoked and renewed, phones paired and unpaired, scripts and room messages, associations added).
// Entries name ids and counts, never a person, a token or a text: the log outlives the personal
// data it describes.

export interface AuditEntry {
  /** When; the log's clock (the app's) if left out. */
  at?: number;
  /** `actorOf(access)`: 'admin', 'association:<id>', 'leader:<link id>', 'screen:<link id>'; 'station:<id>'; 'system'. */
  actor: string;
  action:
    | 'view'
    | 'export'
    | 'import'
    | 'erase'
    | 'do_not_call'
    | 'update'
    | 'link_create'
    | 'link_revoke'
    | 'station_create'
    | 'association_create'
    | 'station_link_renew'
    | 'station_list'
    | 'phone_pair'
    | 'phone_unpair'
    | 'script_edit'
    | 'room_message'
    | 'room_campaign';
  /** What was acted on, e.g. 'list:7', 'access_link:3', 'station:2'; never a name, a number or a token. */
  target: string;
  /** Stored as JSON: counts and kinds, never personal data. */
  detail?: Record<string, string | number | boolean | null>;
}

/** Who did it, as the log names them: no token, no name. */
export function actorOf(access: Access): string {
  switch (access.role) {
    case 'admin':
      return 'admin';
    case 'association':
      return `association:${access.associationId}`;
    default:
      return `${access.role}:${access.linkId}`;
  }
}

export function createAuditLog(now: () => number = Date.now) {
  const row = (entry: AuditEntry) => {
    const { actor, action, target } = entry;
    return { at: entry.at ?? now(), actor, action, target, detail: entry.detail === undefined ? null : JSON.stringify(entry.detail) };
  };
  return {
    /** Adds the entry inside the write `q` belongs to: logged if and only if what it describes is. */
    async add(q: Tx, entry: AuditEntry): Promise<void> {
      await q.db.insert(auditLog).values(row(entry));
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
