// After a PostgreSQL run: what the nodes left in the database, read straight from it.
import { isDeepStrictEqual } from 'node:util';
import { attemptDrift, counters, doubleHeld, recount, withDatabase } from '../../test/helpers/postgres/cluster-checks.ts';

export interface Invariants {
  contactsHeldTwice: number;
  numbersHeldTwice: number;
  /** Municipalities whose counters differ from a recount of the contact and call rows. */
  countersOff: number;
  /** Contacts whose attempts differ from their call rows. */
  attemptsOff: number;
  calls: number;
}

export const invariantsHold = (i: Invariants) => i.contactsHeldTwice + i.numbersHeldTwice + i.countersOff + i.attemptsOff === 0;

export function checkInvariants(url: string): Promise<Invariants> {
  return withDatabase(url, async (client) => {
    const held = await doubleHeld(client);
    const [kept, counted] = [await counters(client), await recount(client)];
    const countersOff = counted.filter((row, i) => !isDeepStrictEqual(row, kept[i])).length + Math.abs(counted.length - kept.length);
    const calls = Number((await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM calls')).rows[0]!.n);
    return {
      contactsHeldTwice: held.contacts.length,
      numbersHeldTwice: held.numbers.length,
      countersOff,
      attemptsOff: (await attemptDrift(client)).length,
      calls,
    };
  });
}

export const describeInvariants = (i: Invariants) =>
  `${i.contactsHeldTwice} contacts / ${i.numbersHeldTwice} numbers held twice, ${i.countersOff} municipalities' counters ≠ recount, ` +
  `${i.attemptsOff} contacts' attempts ≠ call rows (${i.calls} calls)`;
