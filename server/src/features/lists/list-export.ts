import { asc, eq, type SQLWrapper, sql } from 'drizzle-orm';
import { calls, contacts, stations } from '../../db/schema.ts';
import type { Tx } from '../../db/store/store.ts';
import type { ColumnType, ExportColumn, ExportTable, ExportValue } from '../exports/export-table.ts';
import { questionRowsForList } from './list-questions.ts';
import { shownClosedReason, shownStatus } from './association-view.ts';
import type { ListRow } from './lists.repo.ts';

// A list's contacts and its attempts for the association's spreadsheet, as tables that the
// export routes write as CSV or as a workbook. Phone numbers and ids are text: a leading + or zero stays.

type Row = Record<string, ExportValue>;
/** A column: its header, the SQL that fills it, its type and its width in the workbook. */
type Column = readonly [header: string, sql: SQLWrapper, type: ColumnType, width: number];

const CONTACT_COLUMNS: Column[] = [
  ['external_id', contacts.externalId, 'text', 14],
  ['name', contacts.name, 'text', 26],
  ['phone', contacts.phone, 'text', 16],
  ['alt_phone', contacts.altPhone, 'text', 16],
  ['voting_district', contacts.votingDistrict, 'text', 15],
  ['priority', contacts.priority, 'number', 8],
  ['preferred_language', contacts.preferredLanguage, 'text', 10],
  // What the association's own calls did; anything another list did is 'not_offered' (association-view.ts).
  ['status', shownStatus, 'text', 12],
  ['closed_reason', shownClosedReason, 'text', 16],
  ['attempts', contacts.attempts, 'number', 9],
  ['last_outcome', contacts.lastOutcome, 'text', 16],
  ['last_attempt_at', contacts.lastAttemptAt, 'time', 17],
  // A booked call-back still to come; a cool-down's next_call_at is no appointment.
  ['callback_at', sql`CASE WHEN ${contacts.lastOutcome} = 'call_back' AND ${contacts.status} != 'done' THEN ${contacts.nextCallAt} END`, 'time', 17],
];

const ATTEMPT_COLUMNS: Column[] = [
  ['time', calls.endedAt, 'time', 17],
  ['external_id', contacts.externalId, 'text', 14],
  ['name', contacts.name, 'text', 26],
  ['phone', contacts.phone, 'text', 16],
  ['outcome', calls.outcome, 'text', 16],
  ['note', calls.note, 'text', 50],
  ['callback_at', calls.callbackAt, 'time', 17],
  ['station', stations.number, 'number', 8],
];
// A list that keeps no notes exports none, even those written before they were switched off.
const NO_NOTE: Column = ['note', sql`CAST(NULL AS TEXT)`, 'text', 50];
const attemptColumns = (notesEnabled: boolean) => (notesEnabled ? ATTEMPT_COLUMNS : ATTEMPT_COLUMNS.map((column) => (column[0] === 'note' ? NO_NOTE : column)));

// One column per question the list asks or asked (retired ones keep their answers): the person's
// latest answer on the contacts sheet (calls_contact, then call_answers' key), that call's on the attempts sheet.
const answerHeader = (key: string) => `answer_${key}`;
const latestAnswer = (key: string) =>
  sql`(SELECT a.value FROM call_answers a JOIN calls k ON k.id = a.call_id WHERE k.contact_id = ${contacts.id} AND a.question_key = ${key} ORDER BY k.ended_at DESC, k.id DESC LIMIT 1)`;
const callAnswer = (key: string) => sql`(SELECT a.value FROM call_answers a WHERE a.call_id = ${calls.id} AND a.question_key = ${key})`;

/** The columns as one select, each named by its place (`c0`, `c1`, …): the headers may repeat an answer key's text. */
const select = (columns: Column[]) => Object.fromEntries(columns.map(([, expression], index) => [`c${index}`, sql<ExportValue>`${expression}`]));
const exportColumns = (columns: Column[]): ExportColumn<Row>[] =>
  columns.map(([header, , type, width], index) => ({ header, type, width, value: (row) => row[`c${index}`] ?? null }));

export function createListExport() {
  const questionKeys = async (q: Tx, list: ListRow) => (await questionRowsForList(q, list.id, { withRetired: true })).map((row) => row.key);

  return {
    /** One row per contact, with its status, latest outcome, attempts, booked call-back time and latest answers. */
    async contacts(q: Tx, list: ListRow): Promise<ExportTable<Row>> {
      // Built for each export: the columns depend on the list's questions (a moment against the rows' reading).
      const columns = [...CONTACT_COLUMNS, ...(await questionKeys(q, list)).map((key): Column => [answerHeader(key), latestAnswer(key), 'text', 12])];
      const rows = await q.db.select(select(columns)).from(contacts).where(eq(contacts.listId, list.id)).orderBy(asc(contacts.id));
      return { columns: exportColumns(columns), rows };
    },
    /** Every attempt on the list, oldest first, with its answers; notes only where the list keeps them. */
    async attempts(q: Tx, list: ListRow): Promise<ExportTable<Row>> {
      const columns = [...attemptColumns(list.notesEnabled), ...(await questionKeys(q, list)).map((key): Column => [answerHeader(key), callAnswer(key), 'text', 12])];
      // Through the list's contacts and each contact's calls (both indexed), not through every call.
      const rows = await q.db
        .select(select(columns))
        .from(contacts)
        .innerJoin(calls, eq(calls.contactId, contacts.id))
        .innerJoin(stations, eq(stations.id, calls.stationId))
        .where(eq(contacts.listId, list.id))
        .orderBy(asc(calls.endedAt), asc(calls.id));
      return { columns: exportColumns(columns), rows };
    },
  };
}

export type ListExport = ReturnType<typeof createListExport>;
