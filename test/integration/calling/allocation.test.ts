import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Assignment, Outcome } from '@ringstuga/shared';
import { phoneNumber } from '../../factories/campaign.ts';
import { assignmentOf, manualClock, MINUTE, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import type { StationClient } from '../../helpers/station-client.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => phoneNumber(from + i));

describe('handing out contacts', () => {
  it('never gives two of 20 stations asking at once the same contact or the same number', async () => {
    // 40 numbers stand on both lists, as people in two associations do.
    const shared = range(1, 40);
    campaign = await startCampaign({
      lists: [{ phones: [...shared, ...range(100, 30)] }, { phones: [...shared, ...range(200, 30)] }],
      stations: 20,
    });
    const stations = await Promise.all(campaign.stations.map((_, i) => campaign!.join(i)));
    const outcomes: Outcome[] = ['no_answer', 'busy', 'declined', 'voicemail', 'call_back'];

    for (let round = 0; round < 5; round += 1) {
      const held = (await Promise.all(stations.map((s) => s.emitWithAck('contact:next')))).map(assignmentOf);
      expect(new Set(held.map((a) => a.contact.id)).size).toBe(20);
      expect(new Set(held.map((a) => a.contact.phone)).size).toBe(20);
      await Promise.all(
        stations.map((s, i) =>
          s.emitWithAck('call:outcome', {
            assignmentId: held[i]!.id,
            outcome: outcomes[(i + round) % outcomes.length]!,
            callbackAt: new Date(Date.now() + 60 * MINUTE).toISOString(),
          }),
        ),
      );
    }
  });

  it('resumes the held assignment after a reconnect instead of handing out another', async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 5) }], stations: 1 });
    const first = await campaign.join(0);
    const held = assignmentOf(await first.emitWithAck('contact:next'));
    first.close();

    const again = await campaign.join(0);
    const resumed = assignmentOf(await again.emitWithAck('contact:next'));
    expect(resumed).toEqual(held);
  });

  it('gives a station asking five times at once one contact, the same in every answer', async () => {
    // On PostgreSQL the five claims run on five connections and all read "no lease" before the claim
    // lock: the first writes one, the others must find it instead of holding a second number.
    campaign = await startCampaign({ lists: [{ phones: range(1, 10) }], stations: 1 });
    const station = await campaign.join(0);
    const answers = (await Promise.all(Array.from({ length: 5 }, () => station.emitWithAck('contact:next')))).map(assignmentOf);
    expect(new Set(answers.map((a) => a.id)).size).toBe(1);
    const leases = await campaign.app.store.read((q) => q.value<number>(sql`SELECT COUNT(*) AS n FROM assignments`));
    expect(leases).toBe(1);
  });

  it('returns an expired lease to the queue without counting an attempt', async () => {
    const clock = manualClock();
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 2, now: clock.now });
    const [a, b] = [await campaign.join(0), await campaign.join(1)];
    const held = assignmentOf(await a.emitWithAck('contact:next'));
    await expect(b.emitWithAck('contact:next')).resolves.toMatchObject({ ok: true, assignment: null, reason: 'all_held' });

    clock.advance(15 * MINUTE);
    const taken = assignmentOf(await b.emitWithAck('contact:next'));
    expect(taken.contact.id).toBe(held.contact.id);
    expect(taken.contact.attempts).toBe(0);
    expect(taken.id).not.toBe(held.id);
    // The first station's late report cannot take the contact back from the second.
    await expect(a.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'conversation' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'assignment_taken' },
    });
  });

  it('keeps a late outcome after expiry when nobody else has the contact (the call did happen)', async () => {
    const clock = manualClock();
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 1, now: clock.now });
    const station = await campaign.join(0);
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    clock.advance(16 * MINUTE);
    await expect(station.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'conversation' })).resolves.toEqual({
      ok: true,
    });
    await expect(station.emitWithAck('contact:next')).resolves.toMatchObject({ assignment: null, reason: 'list_empty' });
  });

  it('skip returns the contact behind the others without an attempt', async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 3) }], stations: 1 });
    const station = await campaign.join(0);
    const first = assignmentOf(await station.emitWithAck('contact:next'));
    await expect(station.emitWithAck('contact:skip', { assignmentId: first.id })).resolves.toEqual({ ok: true });
    await expect(station.emitWithAck('contact:skip', { assignmentId: first.id })).resolves.toEqual({ ok: true });
    const order: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const next = assignmentOf(await station.emitWithAck('contact:next'));
      order.push(next.contact.id);
      await station.emitWithAck('call:outcome', { assignmentId: next.id, outcome: 'declined' });
    }
    expect(order).toEqual([first.contact.id + 1, first.contact.id + 2, first.contact.id]);
    expect((await campaign.app.store.read((q) => campaign!.app.leaderboard.totals(q))).attempts).toBe(3);
  });

  it('offers higher priority first, then the contact whose last attempt is oldest', async () => {
    const clock = manualClock();
    campaign = await startCampaign({
      lists: [{ phones: range(1, 2), priority: 3 }, { phones: range(10, 2), priority: 1 }],
      stations: 1,
      now: clock.now,
      env: { RETRY_COOLDOWN_MINUTES: '10' },
    });
    const station = await campaign.join(0);
    const call = async (outcome: Outcome): Promise<Assignment> => {
      const next = assignmentOf(await station.emitWithAck('contact:next'));
      await station.emitWithAck('call:outcome', { assignmentId: next.id, outcome });
      clock.advance(MINUTE);
      return next;
    };
    const p1a = await call('busy');
    const p1b = await call('busy');
    expect([p1a.contact.phone, p1b.contact.phone]).toEqual(range(10, 2));
    const p3a = await call('declined');
    expect(p3a.contact.phone).toBe(phoneNumber(1));
    clock.advance(20 * MINUTE);
    // Both priority-1 contacts are due again; the one tried first comes first.
    expect((await call('declined')).contact.id).toBe(p1a.contact.id);
    expect((await call('declined')).contact.id).toBe(p1b.contact.id);
  });

  it('a station the admin fixes to one list gets only that list, and all lists again once freed', async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 3), priority: 1 }, { phones: range(10, 3), priority: 3 }], stations: 1 });
    const setList = (listId: number | null) =>
      fetch(`${campaign!.url}/api/stations/1/list`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ listId }),
      });
    const [high, low] = campaign.lists;
    expect(await (await setList(low!.listId)).json()).toEqual({ number: 1, listId: low!.listId });
    const station = await campaign.join(0);
    const fixed = assignmentOf(await station.emitWithAck('contact:next'));
    expect(low!.contactIds).toContain(fixed.contact.id);
    await station.emitWithAck('contact:skip', { assignmentId: fixed.id });

    expect((await setList(null)).status).toBe(200);
    expect(high!.contactIds).toContain(assignmentOf(await station.emitWithAck('contact:next')).contact.id);
  });
});

describe('numbers across lists', () => {
  it('never offers a do-not-call number again, from any list', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }, { phones: [phoneNumber(1), phoneNumber(2)] }], stations: 1 });
    const station = await campaign.join(0);
    const first = assignmentOf(await station.emitWithAck('contact:next'));
    expect(first.contact.phone).toBe(phoneNumber(1));
    await station.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'do_not_call' });

    const next = assignmentOf(await station.emitWithAck('contact:next'));
    expect(next.contact.phone).toBe(phoneNumber(2));
    await station.emitWithAck('call:outcome', { assignmentId: next.id, outcome: 'no_answer' });
    await expect(station.emitWithAck('contact:next')).resolves.toMatchObject({ assignment: null, reason: 'cooling_down' });
  });

  it('honours the do-not-call register even for a number added to it by another path', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1), phoneNumber(2)] }], stations: 1 });
    await campaign.app.store.write((q) => q.run(sql`INSERT INTO do_not_call (phone, added_at, source) VALUES (${phoneNumber(1)}, 0, 'admin')`));
    const station = await campaign.join(0);
    expect(assignmentOf(await station.emitWithAck('contact:next')).contact.phone).toBe(phoneNumber(2));
  });

  it('does not call a person again through another list once reached', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }, { phones: [phoneNumber(1)] }], stations: 1 });
    const station = await campaign.join(0);
    const first = assignmentOf(await station.emitWithAck('contact:next'));
    await station.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'declined' });
    await expect(station.emitWithAck('contact:next')).resolves.toMatchObject({ assignment: null, reason: 'list_empty' });
  });

  it('does offer the number through the other list once an unanswered call has cooled down', async () => {
    const clock = manualClock();
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }, { phones: [phoneNumber(1)] }], stations: 1, now: clock.now });
    const station = await campaign.join(0);
    const first = assignmentOf(await station.emitWithAck('contact:next'));
    await station.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'no_answer' });
    clock.advance(120 * MINUTE);
    const other = assignmentOf(await station.emitWithAck('contact:next'));
    expect(other.contact.phone).toBe(phoneNumber(1));
    expect(other.contact.id).not.toBe(first.contact.id);
  });
});

describe('the rules belong to the number, whichever lists it stands on', () => {
  const twoLists = (extra: string[] = []) => [{ phones: [phoneNumber(1), ...extra] }, { phones: [phoneNumber(1)] }];

  it('an unanswered call cools the number down on every list', async () => {
    const clock = manualClock();
    campaign = await startCampaign({ lists: twoLists(), stations: 2, now: clock.now });
    const [a, b] = [await campaign.join(0), await campaign.join(1)];
    const held = assignmentOf(await a.emitWithAck('contact:next'));
    await a.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'no_answer' });
    clock.advance(1000);
    await expect(b.emitWithAck('contact:next')).resolves.toMatchObject({ assignment: null, reason: 'cooling_down' });
    clock.advance(120 * MINUTE);
    expect(assignmentOf(await b.emitWithAck('contact:next')).contact.phone).toBe(phoneNumber(1));
  });

  it('a wrong number is never offered again, from any list', async () => {
    campaign = await startCampaign({ lists: twoLists(), stations: 1 });
    const station = await campaign.join(0);
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    await station.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'wrong_number' });
    await expect(station.emitWithAck('contact:next')).resolves.toEqual({ ok: true, assignment: null, reason: 'list_empty' });
  });

  it('counts the attempt limit per number across lists, and answered call-backs do not use it up', async () => {
    const clock = manualClock();
    const call = async (station: StationClient, outcome: 'no_answer' | 'call_back') => {
      const held = assignmentOf(await station.emitWithAck('contact:next'));
      const callbackAt = new Date(clock.now() + 10 * MINUTE).toISOString();
      await expect(station.emitWithAck('call:outcome', { assignmentId: held.id, outcome, callbackAt })).resolves.toEqual({ ok: true });
      clock.advance(121 * MINUTE);
      return held.contact.id;
    };
    campaign = await startCampaign({ lists: twoLists(), stations: 1, now: clock.now, env: { MAX_ATTEMPTS: '2' } });
    let station = await campaign.join(0);
    // Two unanswered calls, one through each list, use up the number's limit of two.
    expect(new Set([await call(station, 'no_answer'), await call(station, 'no_answer')]).size).toBe(2);
    await expect(station.emitWithAck('contact:next')).resolves.toEqual({ ok: true, assignment: null, reason: 'list_empty' });
    await campaign.close();

    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 1, now: clock.now, env: { MAX_ATTEMPTS: '2' } });
    station = await campaign.join(0);
    await call(station, 'call_back');
    await call(station, 'no_answer');
    // One unanswered call so far: the answered call-back did not count.
    expect(assignmentOf(await station.emitWithAck('contact:next')).contact.attempts).toBe(2);
  });

  it('a skipped number goes behind the others on every list', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1), phoneNumber(2)] }, { phones: [phoneNumber(1)] }], stations: 1 });
    const station = await campaign.join(0);
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    expect(held.contact.phone).toBe(phoneNumber(1));
    await station.emitWithAck('contact:skip', { assignmentId: held.id });
    expect(assignmentOf(await station.emitWithAck('contact:next')).contact.phone).toBe(phoneNumber(2));
  });

  it('refuses a late report once another station has called the contact since', async () => {
    const clock = manualClock();
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 2, now: clock.now });
    const [a, b] = [await campaign.join(0), await campaign.join(1)];
    const late = assignmentOf(await a.emitWithAck('contact:next'));
    clock.advance(16 * MINUTE);
    const fresh = assignmentOf(await b.emitWithAck('contact:next'));
    const callbackAt = new Date(clock.now() + 24 * 60 * MINUTE).toISOString();
    await b.emitWithAck('call:outcome', { assignmentId: fresh.id, outcome: 'call_back', callbackAt });
    await expect(a.emitWithAck('call:outcome', { assignmentId: late.id, outcome: 'no_answer' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'assignment_closed' },
    });
    await expect(a.emitWithAck('contact:next')).resolves.toMatchObject({ reason: 'cooling_down', nextAvailableAt: callbackAt });
  });
});

describe('why nothing is offered', () => {
  it('names the earlier of a held contact coming back and a cooled-down one', async () => {
    const clock = manualClock();
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1), phoneNumber(2)] }], stations: 2, now: clock.now });
    const [a, b] = [await campaign.join(0), await campaign.join(1)];
    const first = assignmentOf(await a.emitWithAck('contact:next'));
    await a.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'busy' }); // back in 2 h
    const second = assignmentOf(await a.emitWithAck('contact:next')); // lease ends in 15 min
    await expect(b.emitWithAck('contact:next')).resolves.toEqual({ ok: true, assignment: null, reason: 'all_held', nextAvailableAt: second.expiresAt });
  });

  it('outside calling hours, with the next opening', async () => {
    const clock = manualClock(Date.UTC(2026, 8, 1, 20, 30)); // 22:30 in Stockholm
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 1, now: clock.now, env: { CALLING_HOURS: '09:00-21:00' } });
    const station = await campaign.join(0);
    await expect(station.emitWithAck('contact:next')).resolves.toEqual({
      ok: true,
      assignment: null,
      reason: 'outside_calling_hours',
      nextAvailableAt: new Date(Date.UTC(2026, 8, 2, 7)).toISOString(),
    });
  });

  it('everyone cooling down, until the first is due', async () => {
    const clock = manualClock();
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 1, now: clock.now });
    const station = await campaign.join(0);
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    await station.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'voicemail' });
    await expect(station.emitWithAck('contact:next')).resolves.toEqual({
      ok: true,
      assignment: null,
      reason: 'cooling_down',
      nextAvailableAt: new Date(clock.now() + 120 * MINUTE).toISOString(),
    });
  });

  it('a call-back waits for its time, then comes back', async () => {
    const clock = manualClock();
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 1, now: clock.now });
    const station = await campaign.join(0);
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    const callbackAt = new Date(clock.now() + 30 * MINUTE).toISOString();
    await expect(station.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'call_back', callbackAt })).resolves.toEqual({ ok: true });
    await expect(station.emitWithAck('contact:next')).resolves.toMatchObject({ reason: 'cooling_down', nextAvailableAt: callbackAt });
    clock.advance(30 * MINUTE);
    expect(assignmentOf(await station.emitWithAck('contact:next')).contact.history[0]).toMatchObject({ outcome: 'call_back', callbackAt });
  });

  it('stops after the attempt limit and then says the list is empty', async () => {
    const clock = manualClock();
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 1, now: clock.now, env: { MAX_ATTEMPTS: '2' } });
    const station = await campaign.join(0);
    for (let i = 0; i < 2; i += 1) {
      const held = assignmentOf(await station.emitWithAck('contact:next'));
      await station.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'no_answer' });
      clock.advance(121 * MINUTE);
    }
    await expect(station.emitWithAck('contact:next')).resolves.toEqual({ ok: true, assignment: null, reason: 'list_empty' });
  });
});

describe('stations calling every list', () => {
  it('spread their calls over the lists by coverage instead of draining one list first', async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 10) }, { phones: range(100, 10) }, { phones: range(200, 20) }], stations: 1 });
    const station = await campaign.join(0);
    const listOf = (contactId: number) => campaign!.lists.findIndex((list) => list.contactIds.includes(contactId));
    const calledFrom: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const next = assignmentOf(await station.emitWithAck('contact:next'));
      calledFrom.push(listOf(next.contact.id));
      await station.emitWithAck('call:outcome', { assignmentId: next.id, outcome: 'declined' });
    }
    // 10, 10 and 20 contacts: after eight calls each list has been called in proportion to its size.
    expect(calledFrom.filter((list) => list === 0)).toHaveLength(2);
    expect(calledFrom.filter((list) => list === 1)).toHaveLength(2);
    expect(calledFrom.filter((list) => list === 2)).toHaveLength(4);
  });
});
