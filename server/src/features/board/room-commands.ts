import type { Database } from 'better-sqlite3';
import {
  CALLING_LANGUAGE,
  type FlagInput,
  type ListScript,
  type ListScriptCommand,
  type OkResult,
  type RoomMessage,
} from '@ringstuga/shared';
import { failure } from '../../errors.ts';
import type { ListsRepo } from '../lists/lists.repo.ts';

const OK = { ok: true } as const;

/** A leader's message stays on stations that connect later for this long (until dismissed there). */
export const ROOM_MESSAGE_TTL_MS = 12 * 60 * 60 * 1000;

/**
 * What a leader (and a volunteer, for flags) may change in a room; fixing a station to a list is
 * stations/' (station-scope.ts). A leader reaches only the stations and flags of their own room,
 * and pauses a list for their room's stations only (other rooms call it on). A list's script is the campaign's one text for it, so any leader may edit it.
 * Another room's station or flag answers not_found, as if it did not exist.
 */
export function createRoomCommands(sqlite: Database, lists: Pick<ListsRepo, 'exists'>) {
  const s = {
    pauseHere: sqlite.prepare('INSERT INTO room_paused_lists (room_id, list_id, paused_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
    resumeHere: sqlite.prepare('DELETE FROM room_paused_lists WHERE room_id = ? AND list_id = ?'),
    pausedHere: sqlite.prepare('SELECT list_id FROM room_paused_lists WHERE room_id = ?'),
    touchShift: sqlite.prepare('UPDATE shifts SET last_activity_at = MAX(last_activity_at, ?) WHERE station_id = ? AND ended_at IS NULL'),
    setScript: sqlite.prepare('UPDATE call_lists SET script = ?, instructions = ? WHERE id = ?'),
    setTranslation: sqlite.prepare(
      `INSERT INTO list_scripts (list_id, language, script, instructions) VALUES (?, ?, ?, ?)
       ON CONFLICT (list_id, language) DO UPDATE SET script = excluded.script, instructions = excluded.instructions`,
    ),
    dropTranslation: sqlite.prepare('DELETE FROM list_scripts WHERE list_id = ? AND language = ?'),
    defaultScript: sqlite.prepare('SELECT script, instructions FROM call_lists WHERE id = ?'),
    releaseSpeakers: sqlite.prepare(`UPDATE contacts SET needs_speaker = 0 WHERE list_id = ? AND needs_speaker = 1`),
    insertMessage: sqlite.prepare('INSERT INTO room_messages (room_id, text, created_at) VALUES (?, ?, ?) RETURNING id'),
    recentMessages: sqlite.prepare(
      'SELECT id, text, created_at FROM room_messages WHERE room_id = ? AND created_at > ? ORDER BY id',
    ),
    handleFlag: sqlite.prepare('UPDATE flags SET handled_at = coalesce(handled_at, ?) WHERE id = ? AND room_id = ?'),
    ownAssignment: sqlite.prepare('SELECT contact_id FROM assignments WHERE id = ? AND station_id = ?'),
    sameOpenFlag: sqlite.prepare(
      'SELECT 1 FROM flags WHERE station_id = ? AND message = ? AND contact_id IS ? AND handled_at IS NULL',
    ),
    insertFlag: sqlite.prepare(
      `INSERT INTO flags (room_id, station_id, shift_id, contact_id, message, created_at)
       SELECT s.room_id, s.id, (SELECT id FROM shifts WHERE station_id = s.id AND ended_at IS NULL), ?, ?, ?
       FROM stations s WHERE s.id = ?`,
    ),
  };
  const toMessage = (row: { id: number; text: string; created_at: number }): RoomMessage => ({
    id: row.id,
    text: row.text,
    createdAt: new Date(row.created_at).toISOString(),
  });
  const listMissing = (listId: number) => (lists.exists(listId) ? undefined : failure('not_found', 'No such list'));

  return {
    /** Pausing twice, or resuming a list that is not paused, changes nothing and succeeds. */
    setListPausedHere(roomId: number, listId: number, paused: boolean, now: number): OkResult {
      const missing = listMissing(listId);
      if (missing) return missing;
      if (paused) s.pauseHere.run(roomId, listId, now);
      else s.resumeHere.run(roomId, listId);
      return OK;
    },
    pausedHere: (roomId: number) => new Set((s.pausedHere.all(roomId) as { list_id: number }[]).map((row) => row.list_id)),
    setScript(input: ListScriptCommand): ListScript | undefined {
      if (!lists.exists(input.listId)) return undefined;
      const script = input.script || null;
      const instructions = input.instructions || null;
      // The calling language's script is the list's default; another language's is a translation.
      const language = input.language && input.language !== CALLING_LANGUAGE ? input.language : null;
      if (language === null) s.setScript.run(script, instructions, input.listId);
      else if (script === null && instructions === null) {
        s.dropTranslation.run(input.listId, language);
        // Stations showing that language's script now show the default one.
        const fallback = s.defaultScript.get(input.listId) as { script: string | null; instructions: string | null };
        return { listId: input.listId, language: null, fallbackFor: language, ...fallback };
      } else s.setTranslation.run(input.listId, language, script, instructions);
      return { listId: input.listId, language, script, instructions };
    },
    /** The contacts waiting for a speaker of their language go to every volunteer again (nobody speaks it). */
    releaseSpeakers(listId: number): OkResult {
      const missing = listMissing(listId);
      if (missing) return missing;
      s.releaseSpeakers.run(listId);
      return OK;
    },
    postMessage(roomId: number, text: string, now: number): RoomMessage {
      const { id } = s.insertMessage.get(roomId, text, now) as { id: number };
      return { id, text, createdAt: new Date(now).toISOString() };
    },
    recentMessages: (roomId: number, now: number): RoomMessage[] =>
      (s.recentMessages.all(roomId, now - ROOM_MESSAGE_TTL_MS) as { id: number; text: string; created_at: number }[]).map(
        toMessage,
      ),
    /** Marking a handled flag again changes nothing and succeeds (a retried command). */
    handleFlag(roomId: number, flagId: number, now: number): OkResult {
      return s.handleFlag.run(now, flagId, roomId).changes === 1 ? OK : failure('not_found', 'No such flag in this room');
    },
    addFlag(stationId: number, input: FlagInput, now: number): OkResult {
      let contactId: number | null = null;
      if (input.assignmentId !== undefined) {
        const own = s.ownAssignment.get(input.assignmentId, stationId) as { contact_id: number } | undefined;
        if (!own) return failure('not_found', 'No such assignment at this station');
        contactId = own.contact_id;
      }
      // A retried flag (same station, call and message, still open) is not raised twice.
      if (!s.sameOpenFlag.get(stationId, input.message, contactId)) s.insertFlag.run(contactId, input.message, now, stationId);
      s.touchShift.run(now, stationId);
      return OK;
    },
  };
}

export type RoomCommands = ReturnType<typeof createRoomCommands>;
