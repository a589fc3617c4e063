import type { Shift } from '@ringstuga/shared';
import { z } from 'zod';

/**
 * What a station is shown of its shift, its figures with it, defined once for the two reads that
 * give it: the open shift's own (shifts.repo.ts) and PostgreSQL's outcome write, which returns it so
 * no read follows each outcome (calling's outcome-statements.ts). Here, below both features, as the
 * other figures. `s` is the shift's row, `a` its association's.
 */
export const SHIFT_VIEW_COLUMNS = `s.id, s.name, s.association_id AS "associationId", a.name AS "associationName", s.languages, s.started_at AS "startedAt",
     s.ended_at AS "endedAt", s.end_reason AS "endReason", s.attempts, s.answered, s.conversations`;

/** The columns' row, `languages` as stored (JSON). */
export interface ShiftViewRow {
  id: number;
  name: string;
  associationId: number | null;
  associationName: string | null;
  languages: string;
  startedAt: number;
  endedAt: number | null;
  endReason: Shift['endReason'];
  attempts: number;
  answered: number;
  conversations: number;
}

const zLanguages = z.array(z.string());

export function shiftFromView(row: ShiftViewRow): Shift {
  return toShift({ ...row, languages: zLanguages.parse(JSON.parse(row.languages)) });
}

export function toShift(row: Omit<ShiftViewRow, 'languages'> & { languages: string[] }): Shift {
  return {
    id: row.id,
    name: row.name,
    association: row.associationId === null ? null : { id: row.associationId, name: row.associationName ?? '' },
    languages: row.languages,
    startedAt: new Date(row.startedAt).toISOString(),
    endedAt: row.endedAt === null ? null : new Date(row.endedAt).toISOString(),
    endReason: row.endReason,
    attempts: row.attempts,
    answered: row.answered,
    conversations: row.conversations,
  };
}
