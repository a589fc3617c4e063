import type { Leaderboard, MunicipalityStanding } from '@ringstuga/shared';

/** A leaderboard push as the table shows it. */
export interface LeaderboardView {
  leaderboard: Leaderboard;
  /** Municipality codes whose figures changed with the latest push. */
  changed: ReadonlySet<string>;
  /** Bumped on every push, so a flashing row can restart its animation. */
  version: number;
}

/** The figures a row shows; a change in any of them makes the row flash. */
const FIGURES = ['conversations', 'attempts', 'answered', 'personsCalled', 'contacts'] as const;

/** Conversations first, then attempts (both most first), then name so ties stay put. */
export function sortStandings(standings: readonly MunicipalityStanding[]): MunicipalityStanding[] {
  return standings.toSorted(
    (a, b) =>
      b.conversations - a.conversations || b.attempts - a.attempts || a.name.localeCompare(b.name, 'sv'),
  );
}

/** Municipalities whose figures differ between two pushes (new ones count as changed). */
export function changedCodes(previous: Pick<Leaderboard, 'municipalities'>, next: Pick<Leaderboard, 'municipalities'>): Set<string> {
  const before = new Map(previous.municipalities.map((standing) => [standing.code, standing]));
  const changed = new Set<string>();
  for (const standing of next.municipalities) {
    const old = before.get(standing.code);
    if (!old || FIGURES.some((figure) => old[figure] !== standing[figure])) changed.add(standing.code);
  }
  return changed;
}

export function totalsOf(standings: readonly MunicipalityStanding[]): Record<(typeof FIGURES)[number], number> {
  const totals = { conversations: 0, attempts: 0, answered: 0, personsCalled: 0, contacts: 0 };
  for (const standing of standings) {
    for (const figure of FIGURES) totals[figure] += standing[figure];
  }
  return totals;
}
