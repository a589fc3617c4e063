import { describe, expect, it } from 'vitest';
import { normalisePhone } from '@ringstuga/shared/phone';
import { demoFill, demoVolunteers, whoBooks, WARNING_SESSION_INDEX } from '../../../seeds/demo-planning.ts';

describe('the demo planning', () => {
  it('gives every session its count of distinct people, for any counts up to the number of people', () => {
    const counts = [3, 10, 0, 7, 10, 1, 5, 9, 2, 10, 4, 6];
    const plans = whoBooks(counts, 10);
    counts.forEach((count, session) => expect(plans.filter((sessions) => sessions.includes(session))).toHaveLength(count));
    for (const sessions of plans) expect(new Set(sessions).size).toBe(sessions.length);
  });

  it('fills one session under half, the team evening to its team places, every fifth from the fourth beyond capacity, the rest half or more', () => {
    for (const capacity of [1, 2, 5, 8]) {
      const fill = demoFill(18, capacity, 6);
      expect(fill.general[WARNING_SESSION_INDEX]! / capacity).toBeLessThan(0.5);
      expect(fill.general[6]! + fill.team.places).toBe(capacity);
      expect(fill.team.taken).toBeLessThanOrEqual(fill.team.places);
      fill.general.forEach((n, i) => {
        if (i === WARNING_SESSION_INDEX || i === 6) return;
        if (i % 5 === 3) expect(n).toBeGreaterThan(capacity);
        else expect(n / capacity).toBeGreaterThanOrEqual(0.5);
      });
    }
  });

  it('invents distinct people with an example.org address or a number from the range kept for fiction, the same every time', () => {
    const volunteers = demoVolunteers(40, 6);
    expect(new Set(volunteers.map((v) => v.name)).size).toBe(40);
    expect(demoVolunteers(40, 6)).toEqual(volunteers);
    for (const v of volunteers) {
      if (v.email) expect(v.email).toMatch(/^[a-z]+\.[a-z]+@example\.org$/);
      else expect(normalisePhone(v.phone!)).toMatch(/^\+4670174(06\d\d)$/);
      expect(v.association).toBeLessThan(6);
    }
  });
});
