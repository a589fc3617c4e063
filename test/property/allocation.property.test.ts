import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocationCommands, type Model, type Real } from './allocation-commands.ts';
import { addDoNotCall, callCount, campaignSpec, checkInvariants, openHarness } from './allocation-harness.ts';
import { onPostgres } from '../helpers/store-kind.ts';
import { rows } from '../helpers/store-values.ts';

// 200 runs keep `npm test` quick; PROPERTY_RUNS=5000 searches deeper before a release. On PostgreSQL
// a run takes 1–2 s (a database of its own, a round trip per statement): 30 keep test:postgres near a minute.
const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? (onPostgres ? 30 : 200));
const MS_PER_RUN = onPostgres ? 6_000 : 100;

describe('allocation under any interleaving of claims, outcomes, skips, expiries and reconnects', () => {
  it('never holds a contact or number twice, counts every call once, and never offers do-not-call or reached numbers', async () => {
    await fc.assert(
      fc.asyncProperty(campaignSpec, fc.commands(allocationCommands, { maxCommands: 50, size: 'max' }), async (spec, commands) => {
        const h = await openHarness(spec);
        try {
          await checkInvariants(h.store);
          const setup = (): { model: Model; real: Real } => ({
            model: { stations: spec.stationScopes.map(() => ({ ended: [], reported: [] })) },
            real: { h, reached: new Map() },
          });
          await fc.asyncModelRun(setup, commands);
        } finally {
          await h.close();
        }
      }),
      { numRuns: NUM_RUNS },
    );
  }, Math.max(120_000, NUM_RUNS * MS_PER_RUN));
});

// The counterexamples the properties found, kept as plain tests so they fail by name.
describe('regressions found by the allocation properties', () => {
  it('withdraws a held number put on do-not-call by another path instead of resuming it on a reconnect', async () => {
    const h = await openHarness({ priorities: [1, 1], phones: [[0, 1], [1]], stationScopes: [null], doNotCall: [] });
    try {
      const [station] = h.stationIds as [number];
      const first = await h.service.next(station, h.clock.now());
      expect(first).toMatchObject({ ok: true, assignment: { contact: { phone: h.phones[0] } } });
      await addDoNotCall(h.store, h.phones[0]!, h.clock.now());

      const again = await h.service.next(station, h.clock.now());
      expect(again).toMatchObject({ ok: true, assignment: { contact: { phone: h.phones[1] } } });
      const firstId = first.ok && first.assignment ? first.assignment.id : '';
      expect((await h.service.recordOutcome(station, { assignmentId: firstId, outcome: 'conversation' }, h.clock.now())).result).toMatchObject({
        ok: false,
        error: { code: 'assignment_closed' },
      });
      const closed = await rows(h.store, sql`SELECT status, closed_reason FROM contacts WHERE phone = ${h.phones[0]} ORDER BY id`);
      expect(closed).toEqual([
        { status: 'done', closed_reason: 'do_not_call' },
        { status: 'done', closed_reason: 'do_not_call' },
      ]);
      await checkInvariants(h.store);
    } finally {
      await h.close();
    }
  });

  it('answers a retried call-back report with success, once, after the call-back time has passed', async () => {
    const h = await openHarness({ priorities: [1, 1], phones: [[0, 1]], stationScopes: [null], doNotCall: [] });
    try {
      const [station] = h.stationIds as [number];
      const next = await h.service.next(station, h.clock.now());
      const assignmentId = next.ok && next.assignment ? next.assignment.id : '';
      const report = { assignmentId, outcome: 'call_back' as const, callbackAt: new Date(h.clock.now() + 1).toISOString() };
      expect((await h.service.recordOutcome(station, report, h.clock.now())).result).toEqual({ ok: true });
      h.clock.advance(1);
      expect((await h.service.recordOutcome(station, report, h.clock.now())).result).toEqual({ ok: true });
      expect(await callCount(h.store)).toBe(1);
      await checkInvariants(h.store);
    } finally {
      await h.close();
    }
  });
});
