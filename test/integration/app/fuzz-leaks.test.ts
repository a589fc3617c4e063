import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OUTCOMES, type Outcome } from '@ringstuga/shared';
import { HAND_OUT_BURST } from '../../../server/src/features/calling/hand-out-limit.ts';
import { phoneNumber } from '../../factories/campaign.ts';
import { utf8File } from '../../factories/import-files.ts';
import { manualClock, MINUTE, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { createAssociationLink } from '../../helpers/admin-setup.ts';
import { api } from '../../helpers/http.ts';
import type { StationClient } from '../../helpers/station-client.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';

// The classes of input behind issue 12's leaks, generated: what another association does to shared
// numbers before an import, notes switched off between calls, and a leaked link asking at machine speed.
const RUNS = Number(process.env.FUZZ_LEAK_RUNS ?? 6);
const SHARED = 6;
const national = (i: number) => `0${phoneNumber(i).slice(3)}`;

/** What A's station does with each shared number before B imports it (`held`: A holds it then). */
const numberFate = fc.oneof(fc.constantFrom('untouched', 'held', 'register'), fc.constantFrom(...OUTCOMES));
type Fate = 'untouched' | 'held' | 'register' | Outcome;

async function call(station: StationClient, outcome: Outcome): Promise<void> {
  const answer = await station.emitWithAck('contact:next');
  if (!answer.ok || !answer.assignment) return;
  const extra = outcome === 'call_back' ? { callbackAt: new Date(Date.now() + 86_400_000).toISOString() } : outcome === 'language_barrier' ? { language: 'ar' } : {};
  await station.emitWithAck('call:outcome', { assignmentId: answer.assignment.id, outcome, note: 'Anteckning om personen', ...extra });
}

/** B's import answer and its export right after it, the parts another list could change. */
async function importAndExport(campaign: CampaignServer, listId: number, token: string, phones: number[]) {
  const response = await fetch(`${campaign.url}/api/lists/${listId}/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: utf8File(['namn;telefon', ...phones.map((i) => `Person ${i};${national(i)}`)]),
  });
  const { imported, updated, unchanged, notOffered, rejected } = (await response.json()) as Record<string, unknown>;
  const csv = await (await api(campaign.url, 'GET', `/api/lists/${listId}/export.csv`, token)).text();
  return { answer: { imported, updated, unchanged, notOffered, rejected }, csv };
}

describe('hostile sequences across associations', () => {
  it("an import's answer and export are the same whatever another association did to the numbers (the register only as a count)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(numberFate, { minLength: SHARED, maxLength: SHARED }), async (fates: Fate[]) => {
        const runs = [];
        // The same import twice: after A did these things, and into a campaign where A did nothing
        // but whose register holds the same numbers (A's do_not_call outcomes put theirs there).
        let register: string[] = fates.flatMap((fate, i) => (fate === 'register' ? [phoneNumber(i + 1)] : []));
        for (const quiet of [false, true]) {
          const campaign = await startCampaign({ lists: [{ phones: fates.map((_, i) => phoneNumber(i + 1)) }, { phones: [] }], stations: 1 });
          try {
            const [a, b] = campaign.lists;
            if (register.length > 0) await api(campaign.url, 'POST', '/api/do-not-call', ADMIN_TOKEN, { phones: register });
            if (!quiet) {
              const station = await campaign.join(0, { checkin: { name: 'Ada', associationId: a!.associationId } });
              for (const fate of fates) {
                if (fate === 'untouched' || fate === 'register') continue;
                if (fate === 'held') break; // the next contact stays held by A
                await call(station, fate);
              }
              if (fates.includes('held')) await station.emitWithAck('contact:next');
              register = (await campaign.app.store.read((q) => q.all<{ phone: string }>(sql`SELECT phone FROM do_not_call ORDER BY phone`))).map((row) => row.phone);
            }
            const token = (await createAssociationLink(campaign.url, b!.associationId)).token;
            runs.push(await importAndExport(campaign, b!.listId, token, [...fates.keys()].map((i) => i + 1)));
          } finally {
            await campaign.close();
          }
        }
        const [after, control] = runs;
        expect(after!.answer).toEqual(control!.answer);
        expect(after!.csv).toBe(control!.csv);
        expect(after!.csv).not.toMatch(/reached_elsewhere|not_offered|do_not_call/);
      }),
      // Two servers a run: half as many runs as the others.
      { numRuns: Math.max(2, Math.ceil(RUNS / 2)) },
    );
  }, 120_000);

  it('a contact history never carries a note once the list has notes off, however the calls and switches interleave', async () => {
    const step = fc.oneof(fc.constant<'off'>('off'), fc.constant<'on'>('on'), fc.constantFrom(...OUTCOMES));
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 12 }), async (steps) => {
        const clock = manualClock();
        const campaign = await startCampaign({ lists: [{ phones: [1, 2].map(phoneNumber) }], stations: 1, now: clock.now });
        try {
          const [a] = campaign.lists;
          const token = (await createAssociationLink(campaign.url, a!.associationId)).token;
          const station = await campaign.join(0, { checkin: { name: 'Ada', associationId: a!.associationId, languages: ['sv', 'ar'] } });
          let notes = true;
          for (const move of steps) {
            if (move === 'off' || move === 'on') {
              notes = move === 'on';
              await api(campaign.url, 'PATCH', `/api/lists/${a!.listId}`, token, { notesEnabled: notes });
              continue;
            }
            clock.advance(121 * MINUTE);
            const answer = await station.emitWithAck('contact:next');
            if (!answer.ok || !answer.assignment) continue;
            if (!notes) expect(answer.assignment.contact.history.map((attempt) => attempt.note)).toEqual(answer.assignment.contact.history.map(() => null));
            const extra = move === 'call_back' ? { callbackAt: new Date(clock.now() + MINUTE).toISOString() } : move === 'language_barrier' ? { language: 'ar' } : {};
            await station.emitWithAck('call:outcome', { assignmentId: answer.assignment.id, outcome: move, ...(notes && { note: 'Hemligt' }), ...extra });
          }
        } finally {
          await campaign.close();
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('a leaked station link asking, skipping and checking in again at any pace gets at most the burst plus 12 a minute', async () => {
    const move = fc.record({ wait: fc.integer({ min: 0, max: 8_000 }), action: fc.constantFrom('next', 'skip', 'outcome', 'recheck') });
    await fc.assert(
      fc.asyncProperty(fc.array(move, { minLength: 20, maxLength: 80 }), async (moves) => {
        const clock = manualClock();
        const campaign = await startCampaign({
          lists: [{ phones: Array.from({ length: 120 }, (_, i) => phoneNumber(i + 1)) }],
          stations: 1,
          now: clock.now,
          env: { STATION_CONTACTS_PER_MINUTE: '12' },
        });
        try {
          const station = await campaign.join(0, { checkin: { name: 'Skript', associationId: null } });
          const handedOut: number[] = [];
          let held: string | undefined;
          for (const { wait, action } of moves) {
            clock.advance(wait);
            if (action === 'recheck') {
              await station.emitWithAck('station:checkout');
              await station.emitWithAck('station:checkin', { name: 'Skript', associationId: null });
              held = undefined;
            } else if (action === 'next' || !held) {
              const answer = await station.emitWithAck('contact:next');
              if (answer.ok && answer.assignment && answer.assignment.id !== held) handedOut.push(clock.now());
              held = answer.ok && answer.assignment ? answer.assignment.id : undefined;
            } else {
              if (action === 'skip') await station.emitWithAck('contact:skip', { assignmentId: held });
              else await station.emitWithAck('call:outcome', { assignmentId: held, outcome: 'no_answer' });
              held = undefined;
            }
          }
          for (const start of handedOut) {
            const inWindow = handedOut.filter((at) => at >= start && at < start + MINUTE).length;
            expect(inWindow).toBeLessThanOrEqual(HAND_OUT_BURST + 12);
          }
        } finally {
          await campaign.close();
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
