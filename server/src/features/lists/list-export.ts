import type { Database } from 'better-sqlite3';
import type { ColumnType, ExportColumn, ExportTable, ExportValue } from '../exports/export-table.ts';
import { SHOWN_CLOSED_REASON_SQL, SHOWN_STATUS_SQL } from './association-view.ts';
import type { ListRow } from './lists.repo.ts';

// A list's contacts and its attempts for the association's spreadsheet, as tables that the
// export routes write as CSV or as a workbook. Phone numbers and ids are text: a leading + or zero stays.

type Row = ExportValue[];
/** A column: its header, the SQL that fills it, its type and its width in the workbook. */
type Column = readonly [header: string, sql: string, type: ColumnType, width: number];

const CONTACT_COLUMNS: Column[] = [
  ['external_id', 'external_id', 'text', 14],
  ['name', 'name', 'text', 26],
  ['phone', 'phone', 'text', 16],
  ['alt_phone', 'alt_phone', 'text', 16],
  ['voting_district', 'voting_district', 'text', 15],
  ['priority', 'priority', 'number', 8],
  ['preferred_language', 'preferred_language', 'text', 10],
  // What the association's own calls did; anything another list did is 'not_offered' (association-view.ts).
  ['status', SHOWN_STATUS_SQL, 'text', 12],
  ['closed_reason', SHOWN_CLOSED_REASON_SQL, 'text', 16],
  ['attempts', 'attempts', 'number', 9],
  ['last_outcome', 'last_outcome', 'text', 16],
  ['last_attempt_at', 'last_attempt_at', 'time', 17],
  // A booked call-back still to come; a cool-down's next_call_at is no appointment.
  ['callback_at', `CASE WHEN last_outcome = 'call_back' AND status != 'done' THEN next_call_at END`, 'time', 17],
];

const ATTEMPT_COLUMNS: Column[] = [
  ['time', 'k.ended_at', 'time', 17],
  ['external_id', 'c.external_id', 'text', 14],
  ['name', 'c.name', 'text', 26],
  ['phone', 'c.phone', 'text', 16],
  ['outcome', 'k.outcome', 'text', 16],
  // A list that keeps no notes exports none, even those written before they were switched off.
  ['note', 'CASE WHEN @notes THEN k.note END', 'text', 50],
  ['callback_at', 'k.callback_at', 'time', 17],
  ['station', 's.number', 'number', 8],
];

const select = (columns: Column[]) => columns.map(([, sql]) => sql).join(', ');
const exportColumns = (columns: Column[]): ExportColumn<Row>[] =>
  columns.map(([header, , type, width], index) => ({ header, type, width, value: (row) => row[index] ?? null }));

export function createListExport(sqlite: Database) {
  // Rows as arrays in column order (about half the cost of objects for 100,000 rows).
  const contacts = sqlite.prepare(`SELECT ${select(CONTACT_COLUMNS)} FROM contacts WHERE list_id = @listId ORDER BY id`).raw(true);
  // Through the list's contacts and each contact's calls (both indexed), not through every call.
  const attempts = sqlite
    .prepare(
      `SELECT ${select(ATTEMPT_COLUMNS)}
       FROM contacts c JOIN calls k ON k.contact_id = c.id JOIN stations s ON s.id = k.station_id
       WHERE c.list_id = @listId ORDER BY k.ended_at, k.id`,
    )
    .raw(true);
  const contactColumns = exportColumns(CONTACT_COLUMNS);
  const attemptColumns = exportColumns(ATTEMPT_COLUMNS);

  return {
    /** One row per contact, with its status, latest outcome, attempts and booked call-back time. */
    contacts: (list: ListRow): ExportTable<Row> => ({ columns: contactColumns, rows: contacts.all({ listId: list.id }) as Row[] }),
    /** Every attempt on the list, oldest first; notes only where the list keeps them. */
    attempts: (list: ListRow): ExportTable<Row> => ({
      columns: attemptColumns,
      rows: attempts.all({ listId: list.id, notes: list.notesEnabled ? 1 : 0 }) as Row[],
    }),
  };
}

export type ListExport = ReturnType<typeof createListExport>;
