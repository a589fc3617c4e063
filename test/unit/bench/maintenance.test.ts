import { describe, expect, it } from 'vitest';
import { describeMaintenance, maintenanceBetween } from '../../../bench/postgres/maintenance.ts';

const window = { from: 10_000, to: 40_000 };

describe("the bench's reading of PostgreSQL's maintenance during the steady pace", () => {
  it('counts the runs between the readings and names the tables whose last run ended in the window', () => {
    const before = [
      { table: 'assignments', runs: 2, last: 1_000 },
      { table: 'calls', runs: 1, last: 1_000 },
      { table: 'contacts', runs: 0, last: null },
    ];
    const after = [
      { table: 'assignments', runs: 4, last: 25_000 },
      { table: 'calls', runs: 2, last: 5_000 }, // during the warm-up period: counted, not in the window
      { table: 'contacts', runs: 0, last: null },
      { table: 'shifts', runs: 1, last: 39_000 }, // no reading before: every run is new
    ];
    const maintenance = maintenanceBetween(before, after, window);
    expect(maintenance).toEqual({ runs: 4, inWindow: ['assignments', 'shifts'] });
    expect(describeMaintenance(maintenance)).toBe('4 run(s); in the measured window: assignments, shifts');
  });

  it('says so when nothing ran in the window', () => {
    const rows = [{ table: 'assignments', runs: 3, last: 45_000 }];
    const maintenance = maintenanceBetween(rows, rows, window);
    expect(maintenance).toEqual({ runs: 0, inWindow: [] });
    expect(describeMaintenance(maintenance)).toBe('0 run(s); none in the measured window');
  });
});
