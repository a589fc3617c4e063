import type { Database } from 'better-sqlite3';
import type { Access } from '../auth/access.ts';

// Who viewed, imported, exported or erased what. Entries name lists and counts, never a person:
// the log outlives the personal data it describes.

export interface AuditEntry {
  /** When; the log's clock (the app's) if left out. */
  at?: number;
  /** `actorOf(access)`: 'admin', 'association:<id>', 'leader:<link id>', 'screen:<link id>'. */
  actor: string;
  action: 'view' | 'export' | 'import' | 'erase' | 'do_not_call' | 'update';
  /** What was acted on, e.g. 'list:7'; never a name or a number. */
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

export function createAuditLog(sqlite: Database, now: () => number = Date.now) {
  const insert = sqlite.prepare('INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)');
  return {
    record(entry: AuditEntry): void {
      insert.run(entry.at ?? now(), entry.actor, entry.action, entry.target, entry.detail === undefined ? null : JSON.stringify(entry.detail));
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
