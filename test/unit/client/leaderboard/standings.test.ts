import { describe, expect, it } from 'vitest';
import type { MunicipalityStanding } from '@ringstuga/shared';
import { changedCodes, sortStandings, totalsOf } from '../../../../client/src/leaderboard/standings.ts';

const standing = (code: string, name: string, conversations: number, attempts: number): MunicipalityStanding => ({
  code,
  name,
  contacts: 100,
  personsCalled: attempts,
  attempts,
  answered: conversations,
  conversations,
});

describe('the station leaderboard', () => {
  it('ranks by conversations, then attempts, then name in Swedish order', () => {
    const rows = [standing('1', 'Österåker', 2, 5), standing('2', 'Ekerö', 2, 9), standing('3', 'Älvkarleby', 2, 5), standing('4', 'Nacka', 3, 1)];
    expect(sortStandings(rows).map((row) => row.name)).toEqual(['Nacka', 'Ekerö', 'Älvkarleby', 'Österåker']);
  });

  it('marks the municipalities whose figures changed since the last push, and sums the totals', () => {
    const before = { municipalities: [standing('1', 'A', 1, 1), standing('2', 'B', 0, 0)] };
    const after = { municipalities: [standing('1', 'A', 1, 1), standing('2', 'B', 0, 1), standing('3', 'C', 0, 0)] };
    expect([...changedCodes(before, after)].sort()).toEqual(['2', '3']);
    expect(totalsOf(after.municipalities)).toEqual({ conversations: 1, attempts: 2, answered: 1, personsCalled: 2, contacts: 300 });
  });
});
