import { describe, expect, it } from 'vitest';
import { planningRange } from '../../../server/src/features/mobilisation/planning-range.ts';

const ZONE = 'Europe/Stockholm';
// Thursday 15 October 2026, 14:00 in Stockholm (summer time).
const NOW = Date.parse('2026-10-15T12:00:00Z');
const iso = (range: ReturnType<typeof planningRange>) => (range.ok ? [new Date(range.from).toISOString(), new Date(range.to).toISOString()] : range.message);

describe('the planning range', () => {
  it('defaults to the start of today on the campaign clock, for four local weeks (across the end of summer time)', () => {
    expect(iso(planningRange({}, NOW, ZONE))).toEqual(['2026-10-14T22:00:00.000Z', '2026-11-11T23:00:00.000Z']);
  });

  it('takes local dates as whole days: from its start, to its end', () => {
    expect(iso(planningRange({ from: '2026-11-01', to: '2026-11-07' }, NOW, ZONE))).toEqual(['2026-10-31T23:00:00.000Z', '2026-11-07T23:00:00.000Z']);
    expect(iso(planningRange({ from: '2026-11-01', to: '2026-11-01' }, NOW, ZONE))).toEqual(['2026-10-31T23:00:00.000Z', '2026-11-01T23:00:00.000Z']);
  });

  it('takes instants as given, and four weeks on from one', () => {
    expect(iso(planningRange({ from: '2026-11-02T08:00:00Z', to: '2026-11-02T20:00:00+01:00' }, NOW, ZONE))).toEqual([
      '2026-11-02T08:00:00.000Z',
      '2026-11-02T19:00:00.000Z',
    ]);
    expect(iso(planningRange({ from: '2026-11-02T08:00:00Z' }, NOW, ZONE))).toEqual(['2026-11-02T08:00:00.000Z', '2026-11-30T08:00:00.000Z']);
  });

  it('refuses a range that runs backwards, by a day or an instant', () => {
    expect(planningRange({ from: '2026-11-02', to: '2026-11-01' }, NOW, ZONE)).toMatchObject({ ok: false });
    expect(planningRange({ from: '2026-11-02T08:00:00Z', to: '2026-11-02T07:59:59Z' }, NOW, ZONE)).toMatchObject({ ok: false });
  });

  it('allows one year and refuses more', () => {
    expect(planningRange({ from: '2026-11-01', to: '2027-10-31' }, NOW, ZONE)).toMatchObject({ ok: true });
    expect(planningRange({ from: '2026-11-01', to: '2027-11-01' }, NOW, ZONE)).toMatchObject({ ok: false, message: 'at most one year at once' });
  });
});
