import type { StandingFigures, StandingRow } from '@ringstuga/shared';

export const STANDING_COLUMNS = ['conversations', 'attempts', 'answered', 'coverage', 'volunteerHours'] as const;
export type StandingColumn = (typeof STANDING_COLUMNS)[number];
export type StandingPeriod = 'today' | 'campaign';
export type SortDirection = 'descending' | 'ascending';

export interface StandingSort {
  column: StandingColumn;
  direction: SortDirection;
}

/** Coverage is the share of a list's people called at least once; null with no contacts. */
export function standingValue(figures: StandingFigures, column: StandingColumn): number | null {
  if (column !== 'coverage') return figures[column];
  return figures.contacts > 0 ? figures.personsCalled / figures.contacts : null;
}

/** Sorted by the chosen column; rows without a value go last either way, ties by name. */
export function sortStandingRows(rows: readonly StandingRow[], period: StandingPeriod, sort: StandingSort): StandingRow[] {
  const sign = sort.direction === 'descending' ? -1 : 1;
  return rows.toSorted((a, b) => {
    const left = standingValue(a[period], sort.column);
    const right = standingValue(b[period], sort.column);
    if (left !== right) {
      if (left === null) return 1;
      if (right === null) return -1;
      return sign * (left - right);
    }
    return a.name.localeCompare(b.name, 'sv');
  });
}

/** A click on the sorted column turns it round; a click on another sorts it most first. */
export function nextSort(current: StandingSort, column: StandingColumn): StandingSort {
  if (current.column !== column) return { column, direction: 'descending' };
  return { column, direction: current.direction === 'descending' ? 'ascending' : 'descending' };
}
