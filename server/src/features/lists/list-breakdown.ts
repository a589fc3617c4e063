import { and, asc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { ListBreakdown } from '@ringstuga/shared';
import { associations, callLists, contacts, listScripts, municipalities } from '../../db/schema.ts';
import type { Tx } from '../../db/store/store.ts';
import { inCampaign } from '../figures/campaign-figures.ts';
import { ownClosing, ownLease } from './association-view.ts';

// Why each list offers what it offers. The counts need one pass over every contact (~100 k rows,
// tens of milliseconds), so they are reused while younger than `maxAgeMs`; the lists' own rows
// (active, script) are read fresh each time, so a leader's pause or edit shows at once.

type Counts = ListBreakdown['counts'];

const c = contacts;
// FILTER, not SUM over a comparison: PostgreSQL sums no booleans (SQLite has FILTER since 3.30).
const count = (condition: SQL) => sql<number>`count(*) FILTER (WHERE ${condition})`;
const isReady = sql`${c.status} = 'ready'`;
const isHeld = sql`${c.status} = 'held'`;
const isDone = sql`${c.status} = 'done'`;
/** Ready for any volunteer: no language barrier waiting for a speaker. */
const forAnyone = sql`${isReady} AND ${c.needsSpeaker} = 0`;
/** The time the counts are for. */
type Now = number;
const due = (now: Now) => sql`${forAnyone} AND ${c.nextCallAt} <= ${now}`;
const notYetDue = (now: Now) => sql`${forAnyone} AND ${c.nextCallAt} > ${now}`;

// Each contact falls in exactly one category: the cases test status first, then what it waits for.
// The leader's board sees every list: a contact closed through another list is "not offered" there.
const countColumns = (now: Now) => ({
  ready: count(due(now)),
  held: count(isHeld),
  callbackWaiting: count(sql`${notYetDue(now)} AND ${c.lastOutcome} = 'call_back'`),
  coolingDown: count(sql`${notYetDue(now)} AND ${c.lastOutcome} IS DISTINCT FROM 'call_back'`),
  waitingForSpeaker: count(sql`${isReady} AND ${c.needsSpeaker} = 1`),
  doNotCall: count(sql`${isDone} AND ${c.closedReason} = 'do_not_call'`),
  outOfAttempts: count(sql`${isDone} AND ${c.closedReason} = 'max_attempts'`),
  notOffered: count(sql`${isDone} AND ${c.closedReason} = 'reached_elsewhere'`),
  done: count(sql`${isDone} AND ${c.closedReason} NOT IN ('do_not_call', 'max_attempts', 'reached_elsewhere')`),
});

// The association's own view of its list: only what its own calls did is told apart. What another
// list did to a number (reached, held or closed there, the register, a cool-down it never caused)
// is one neutral "not offered", so a list never tells its association about another's contacts.
const ownCountColumns = (now: Now) => ({
  ready: count(due(now)),
  held: count(sql`${isHeld} AND ${ownLease}`),
  callbackWaiting: count(sql`${notYetDue(now)} AND ${c.lastOutcome} = 'call_back'`),
  coolingDown: count(sql`${notYetDue(now)} AND ${c.lastOutcome} IS DISTINCT FROM 'call_back' AND ${c.attempts} > 0`),
  waitingForSpeaker: count(sql`${isReady} AND ${c.needsSpeaker} = 1`),
  doNotCall: count(sql`${isDone} AND ${ownClosing} AND ${c.closedReason} = 'do_not_call'`),
  outOfAttempts: count(sql`${isDone} AND ${ownClosing} AND ${c.closedReason} = 'max_attempts'`),
  notOffered: count(
    sql`(${isDone} AND NOT ${ownClosing}) OR (${isHeld} AND NOT ${ownLease}) OR (${notYetDue(now)} AND ${c.attempts} = 0)`,
  ),
  done: count(sql`${isDone} AND ${ownClosing} AND ${c.closedReason} NOT IN ('do_not_call', 'max_attempts')`),
});

const NO_CONTACTS: Counts = { ready: 0, held: 0, callbackWaiting: 0, coolingDown: 0, waitingForSpeaker: 0, doNotCall: 0, outOfAttempts: 0, notOffered: 0, done: 0 };

/** The association's breakdown of one list (see ownCountColumns), counted afresh, for that list's progress page. */
export async function listCounts(q: Tx, listId: number, now: number): Promise<Counts> {
  // One list's contacts only, through the (list_id, phone) index: no scan of the other lists.
  const [counts] = await q.db.select(ownCountColumns(now)).from(contacts).where(eq(contacts.listId, listId));
  return counts!;
}

/** The board's breakdown of every list. */
export function createListBreakdown(options: { maxAgeMs?: number } = {}) {
  const maxAgeMs = options.maxAgeMs ?? 0;
  let cache: { at: number; byList: Map<number, Counts> } | undefined;

  async function countsAt(q: Tx, now: number): Promise<Map<number, Counts>> {
    // A clock that went back (or a first call) computes afresh.
    if (cache && now >= cache.at && now - cache.at < maxAgeMs) return cache.byList;
    const rows = await q.db
      .select({ listId: contacts.listId, ...countColumns(now) })
      .from(contacts)
      .groupBy(contacts.listId);
    const byList = new Map(rows.map(({ listId, ...rest }) => [listId, rest]));
    cache = { at: now, byList };
    return byList;
  }

  return {
    /** Every list, zeros too, by municipality, association and list id. */
    async breakdown(q: Tx, now: number): Promise<ListBreakdown[]> {
      const byList = await countsAt(q, now);
      const lists = await q.db
        .select({
          id: callLists.id,
          name: callLists.name,
          active: callLists.active,
          script: callLists.script,
          instructions: callLists.instructions,
          associationId: associations.id,
          associationName: associations.name,
        })
        .from(callLists)
        .innerJoin(associations, eq(associations.id, callLists.associationId))
        .innerJoin(municipalities, eq(municipalities.code, associations.municipalityCode))
        // An archived campaign's lists have nobody left to call: the board shows the active campaigns'.
        .where(and(isNull(callLists.deletedAt), inCampaign(callLists.campaignId, null)))
        .orderBy(asc(municipalities.name), asc(associations.name), asc(callLists.id));
      // Map.groupBy needs Node 21.
      const scripts = new Map<number, (typeof listScripts.$inferSelect)[]>();
      for (const row of await q.db.select().from(listScripts).orderBy(asc(listScripts.listId), asc(listScripts.language))) {
        const list = scripts.get(row.listId);
        if (list) list.push(row);
        else scripts.set(row.listId, [row]);
      }
      return lists.map((list) => ({
        listId: list.id,
        name: list.name,
        association: { id: list.associationId, name: list.associationName },
        active: list.active,
        script: list.script,
        instructions: list.instructions,
        translations: (scripts.get(list.id) ?? []).map(({ language, script, instructions }) => ({ language, script, instructions })),
        counts: { ...(byList.get(list.id) ?? NO_CONTACTS) },
      }));
    },
    /** Forget the cached counts (after an import, say), so the next breakdown counts afresh. */
    invalidate(): void {
      cache = undefined;
    },
  };
}

export type ListBreakdownRepo = ReturnType<typeof createListBreakdown>;
