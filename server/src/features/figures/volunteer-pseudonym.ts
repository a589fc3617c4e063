import { and, like, type SQL } from 'drizzle-orm';
import { shifts } from '../../db/schema.ts';
import type { Tx } from '../../db/store/store.ts';

/**
 * A volunteer's name on their shifts once erased or purged: "Volontär N", one N per volunteer, so
 * the volunteer counts (volunteerKey tells volunteers apart by name) stay as they were.
 */
export const pseudonym = (n: number) => `Volontär ${n}`;
const PSEUDONYM = /^Volontär (\d+)$/;
export const isPseudonym = (name: string) => PSEUDONYM.test(name);

/** The highest N given so far among the shifts `among` (all of them if none): the next is N + 1. */
export async function highestPseudonym(q: Tx, among?: SQL): Promise<number> {
  let highest = 0;
  for (const { name } of await q.db.select({ name: shifts.name }).from(shifts).where(and(among, like(shifts.name, 'Volontär %')))) {
    highest = Math.max(highest, Number(PSEUDONYM.exec(name)?.[1] ?? 0));
  }
  return highest;
}
