import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import {
  CALLING_LANGUAGE,
  type FlagInput,
  type ListScript,
  type ListScriptCommand,
  type OkResult,
  type RoomMessage,
} from '@ringstuga/shared';
import { assignments, callLists, contacts, flags, listScripts, roomMessages, roomPausedLists, shifts, stations } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';
import { failure } from '../../errors.ts';
import type { ListsRepo } from '../lists/lists.repo.ts';

const OK = { ok: true } as const;

/** A leader's message stays on stations that connect later for this long (until dismissed there). */
export const ROOM_MESSAGE_TTL_MS = 12 * 60 * 60 * 1000;

/**
 * What a leader (and a volunteer, for flags) may change in a room; fixing a station to a list is
 * stations/' (station-scope.ts). A leader reaches only the stations and flags of their own room,
 * and pauses a list for their room's stations only (other rooms call it on). A list's script is
 * the campaign's one text for it, so any leader may edit it. Another room's station or flag
 * answers not_found, as if it did not exist.
 */
export function createRoomCommands(
  lists: Pick<ListsRepo, 'exists'>,
  /** A flag counts as the volunteer's activity, as an outcome or a skip does (calling's statement). */
  touchShift: (q: Tx, shiftId: number, now: number) => Promise<void>,
) {
  const listMissing = async (q: Tx, listId: number) => ((await lists.exists(q, listId)) ? undefined : failure('not_found', 'No such list'));
  const toIso = (ms: number) => new Date(ms).toISOString();

  return {
    /** Pausing twice, or resuming a list that is not paused, changes nothing and succeeds. */
    async setListPausedHere(q: Tx, roomId: number, listId: number, paused: boolean, now: number): Promise<OkResult> {
      const missing = await listMissing(q, listId);
      if (missing) return missing;
      if (paused) await q.db.insert(roomPausedLists).values({ roomId, listId, pausedAt: now }).onConflictDoNothing();
      else await q.db.delete(roomPausedLists).where(and(eq(roomPausedLists.roomId, roomId), eq(roomPausedLists.listId, listId)));
      return OK;
    },
    pausedHere: async (q: Tx, roomId: number) =>
      new Set(
        (await q.db.select({ listId: roomPausedLists.listId }).from(roomPausedLists).where(eq(roomPausedLists.roomId, roomId))).map(
          (row) => row.listId,
        ),
      ),
    async setScript(q: Tx, input: ListScriptCommand): Promise<ListScript | undefined> {
      if (!(await lists.exists(q, input.listId))) return undefined;
      const script = input.script || null;
      const instructions = input.instructions || null;
      // The calling language's script is the list's default; another language's is a translation.
      const language = input.language && input.language !== CALLING_LANGUAGE ? input.language : null;
      if (language === null) await q.db.update(callLists).set({ script, instructions }).where(eq(callLists.id, input.listId));
      else if (script === null && instructions === null) {
        await q.db.delete(listScripts).where(and(eq(listScripts.listId, input.listId), eq(listScripts.language, language)));
        // Stations showing that language's script now show the default one.
        const fallback = first(
          await q.db.select({ script: callLists.script, instructions: callLists.instructions }).from(callLists).where(eq(callLists.id, input.listId)),
        )!;
        return { listId: input.listId, language: null, fallbackFor: language, ...fallback };
      } else {
        await q.db
          .insert(listScripts)
          .values({ listId: input.listId, language, script, instructions })
          .onConflictDoUpdate({ target: [listScripts.listId, listScripts.language], set: { script, instructions } });
      }
      return { listId: input.listId, language, script, instructions };
    },
    /** The contacts waiting for a speaker of their language go to every volunteer again (nobody speaks it). */
    async releaseSpeakers(q: Tx, listId: number): Promise<OkResult> {
      const missing = await listMissing(q, listId);
      if (missing) return missing;
      await q.db.update(contacts).set({ needsSpeaker: 0 }).where(and(eq(contacts.listId, listId), sql`${contacts.needsSpeaker} = 1`));
      return OK;
    },
    async postMessage(q: Tx, roomId: number, text: string, now: number): Promise<RoomMessage> {
      const [posted] = await q.db.insert(roomMessages).values({ roomId, text, createdAt: now }).returning({ id: roomMessages.id });
      return { id: posted!.id, text, createdAt: toIso(now) };
    },
    recentMessages: async (q: Tx, roomId: number, now: number): Promise<RoomMessage[]> =>
      (
        await q.db
          .select({ id: roomMessages.id, text: roomMessages.text, createdAt: roomMessages.createdAt })
          .from(roomMessages)
          .where(and(eq(roomMessages.roomId, roomId), gt(roomMessages.createdAt, now - ROOM_MESSAGE_TTL_MS)))
          .orderBy(asc(roomMessages.id))
      ).map((row) => ({ ...row, createdAt: toIso(row.createdAt) })),
    /** Marking a handled flag again changes nothing and succeeds (a retried command). */
    async handleFlag(q: Tx, roomId: number, flagId: number, now: number): Promise<OkResult> {
      const marked = await q.run(
        q.db
          .update(flags)
          .set({ handledAt: sql`coalesce(${flags.handledAt}, ${now})` })
          .where(and(eq(flags.id, flagId), eq(flags.roomId, roomId))),
      );
      return marked === 1 ? OK : failure('not_found', 'No such flag in this room');
    },
    async addFlag(q: Tx, stationId: number, input: FlagInput, now: number): Promise<OkResult> {
      let contactId: number | null = null;
      if (input.assignmentId !== undefined) {
        const own = first(
          await q.db
            .select({ contactId: assignments.contactId })
            .from(assignments)
            .where(and(eq(assignments.id, input.assignmentId), eq(assignments.stationId, stationId))),
        );
        if (!own) return failure('not_found', 'No such assignment at this station');
        contactId = own.contactId;
      }
      const openShift = and(eq(shifts.stationId, stationId), isNull(shifts.endedAt));
      // A retried flag (same station, call and message, still open) is not raised twice.
      const sameOpen = first(
        await q.db
          .select({ id: flags.id })
          .from(flags)
          .where(
            and(
              eq(flags.stationId, stationId),
              eq(flags.message, input.message),
              contactId === null ? isNull(flags.contactId) : eq(flags.contactId, contactId),
              isNull(flags.handledAt),
            ),
          )
          .limit(1),
      );
      const shift = first(await q.db.select({ id: shifts.id }).from(shifts).where(openShift).limit(1));
      if (!sameOpen) {
        const station = first(await q.db.select({ roomId: stations.roomId }).from(stations).where(eq(stations.id, stationId)));
        if (station) {
          await q.db
            .insert(flags)
            .values({ roomId: station.roomId, stationId, shiftId: shift?.id ?? null, contactId, message: input.message, createdAt: now });
        }
      }
      if (shift) await touchShift(q, shift.id, now);
      return OK;
    },
  };
}

export type RoomCommands = ReturnType<typeof createRoomCommands>;
