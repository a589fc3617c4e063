import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { phoneNumber } from '../../factories/campaign.ts';
import { assignmentOf, manualClock, MINUTE, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { waitForEvent } from '../../helpers/wait-for-event.ts';
import { createShiftsRepo } from '../../../server/src/features/shifts/shifts.repo.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => phoneNumber(from + i));
const NO_CHECKIN = { checkin: false } as const;

describe('check-in, shifts and check-out at a station', () => {
  it('hands out nothing until a volunteer checks in, and pushes the shift to every tab of the station', async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 3) }], stations: 1 });
    const station = await campaign.join(0, NO_CHECKIN);
    await expect(station.emitWithAck('contact:next')).resolves.toEqual({ ok: true, assignment: null, reason: 'not_checked_in' });

    const otherTab = await campaign.join(0, NO_CHECKIN);
    const pushed = waitForEvent(otherTab, 'station:shift', { accept: (shift) => shift !== null });
    const result = await station.emitWithAck('station:checkin', { name: '  Ada ', associationId: null, languages: ['SV', 'en', 'sv'] });
    expect(result).toMatchObject({ ok: true, shift: { name: 'Ada', association: null, languages: ['sv', 'en'], attempts: 0, endedAt: null } });
    // The push is the same shift as the answer, field for field (each is read its own way).
    expect(await pushed).toEqual((result as { shift: unknown }).shift);
    assignmentOf(await station.emitWithAck('contact:next'));
  });

  it("sends the station its shift after an outcome as check-in answered it, association and languages included, its figures moved", async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 3) }], stations: 1 });
    const station = await campaign.join(0, NO_CHECKIN);
    const associationId = campaign.lists[0]!.associationId;
    const checkin = await station.emitWithAck('station:checkin', { name: 'Samir', associationId, languages: ['sv', 'ar'] });
    if (!checkin.ok) throw new Error('check-in failed');
    expect(checkin.shift).toMatchObject({ association: { id: associationId }, languages: ['sv', 'ar'] });

    const offered = assignmentOf(await station.emitWithAck('contact:next'));
    const pushed = waitForEvent(station, 'station:shift', { accept: (shift) => shift?.attempts === 1 });
    await station.emitWithAck('call:outcome', { assignmentId: offered.id, outcome: 'conversation' });
    expect(await pushed).toEqual({ ...checkin.shift, attempts: 1, answered: 1, conversations: 1 });
  });

  it('sends no figures of a shift after its check-out, however late the throttled push comes', async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 4) }], stations: 1 });
    const station = await campaign.join(0);
    const first = assignmentOf(await station.emitWithAck('contact:next'));
    await station.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'no_answer' });
    // A second outcome at once: its figures wait for the throttle (on PostgreSQL as the write returned them).
    const second = assignmentOf(await station.emitWithAck('contact:next'));
    await station.emitWithAck('call:outcome', { assignmentId: second.id, outcome: 'no_answer' });
    const checkedOut = waitForEvent(station, 'station:shift', { accept: (shift) => shift === null });
    await expect(station.emitWithAck('station:checkout')).resolves.toMatchObject({ ok: true });
    await checkedOut;
    // The throttled push still comes, and shows what is true now: no open shift.
    await expect(waitForEvent(station, 'station:shift')).resolves.toBeNull();
  });

  it('sends no open shift after an outcome whose shift had ended while its lease was held', async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 3) }], stations: 1 });
    const station = await campaign.join(0);
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    // The lease outlives its shift (a race with the end of the shift): the outcome still counts on it.
    await campaign.app.store.write((q) => q.run(sql`UPDATE shifts SET ended_at = started_at + 1, end_reason = 'idle'`));
    const pushed = waitForEvent(station, 'station:shift');
    await expect(station.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'conversation' })).resolves.toEqual({ ok: true });
    // The station's open shift is none, though the write counted the call on the ended one.
    await expect(pushed).resolves.toBeNull();
  });

  it('returns the open shift to a repeated check-in, and ends it when someone else checks in', async () => {
    const clock = manualClock();
    campaign = await startCampaign({ lists: [{ phones: range(1, 3) }], stations: 1, now: clock.now });
    const station = await campaign.join(0, NO_CHECKIN);
    const first = await station.emitWithAck('station:checkin', { name: 'Ada', associationId: null });
    const repeat = await station.emitWithAck('station:checkin', { name: 'ada', associationId: null });
    if (!first.ok || !repeat.ok) throw new Error('check-in failed');
    expect(repeat.shift.id).toBe(first.shift.id);

    const held = assignmentOf(await station.emitWithAck('contact:next'));
    clock.advance(5 * MINUTE);
    const next = await station.emitWithAck('station:checkin', { name: 'Bo', associationId: null });
    if (!next.ok) throw new Error('check-in failed');
    expect(next.shift.id).not.toBe(first.shift.id);
    const ended = await campaign.app.store.read((q) => createShiftsRepo().byId(q, first.shift.id));
    // Ended at Ada's last activity (the hand-out), not when Bo sat down.
    expect(ended).toMatchObject({ endedAt: clock.now() - 5 * MINUTE, endReason: 'replaced' });
    // Ada's held contact went back to the queue; Bo is offered it afresh.
    expect(assignmentOf(await station.emitWithAck('contact:next')).contact.id).toBe(held.contact.id);
  });

  it("calls only the lists of the volunteer's association, unless a leader fixed the station to a list", async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 5) }, { phones: range(100, 5) }], stations: 1 });
    const [stockholm, nacka] = campaign.lists;
    const station = await campaign.join(0, { checkin: { name: 'Ada', associationId: nacka!.associationId } });
    for (let i = 0; i < 5; i += 1) {
      const offered = assignmentOf(await station.emitWithAck('contact:next'));
      expect(nacka!.contactIds).toContain(offered.contact.id);
      expect(offered.contact.list.id).toBe(nacka!.listId);
      await station.emitWithAck('call:outcome', { assignmentId: offered.id, outcome: 'conversation' });
    }
    await expect(station.emitWithAck('contact:next')).resolves.toMatchObject({ assignment: null, reason: 'list_empty' });

    const fixed = await fetch(`${campaign.url}/api/stations/1/list`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ listId: stockholm!.listId }),
    });
    expect(fixed.status).toBe(200);
    expect(stockholm!.contactIds).toContain(assignmentOf(await station.emitWithAck('contact:next')).contact.id);
  });

  it('refuses an unknown association, a blank name and a missing association with a clear error', async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 1) }], stations: 1 });
    const station = await campaign.join(0, NO_CHECKIN);
    await expect(station.emitWithAck('station:checkin', { name: 'Ada', associationId: 999 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'No such association' },
    });
    await expect(station.emitWithAck('station:checkin', { name: '   ', associationId: null })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    // A walk-in without its association (null: the whole district): the refusal names the field.
    await expect(station.emitWithAck('station:checkin', { name: 'Vera' } as never)).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', message: expect.stringMatching(/ at associationId$/) },
    });
    await expect(station.emitWithAck('station:checkout')).resolves.toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it("keeps each shift's figures equal to its call rows", async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 40) }], stations: 2 });
    const outcomes = ['conversation', 'no_answer', 'declined', 'busy', 'call_back', 'voicemail', 'wrong_number'] as const;
    const stations = [await campaign.join(0), await campaign.join(1, { checkin: { name: 'Bo', associationId: null } })];
    for (let i = 0; i < 30; i += 1) {
      const station = stations[i % 2]!;
      const offered = assignmentOf(await station.emitWithAck('contact:next'));
      const outcome = outcomes[i % outcomes.length]!;
      const callbackAt = outcome === 'call_back' ? new Date(Date.now() + 3_600_000).toISOString() : undefined;
      await station.emitWithAck('call:outcome', { assignmentId: offered.id, outcome, ...(callbackAt && { callbackAt }) });
    }
    const fromCalls = await campaign.app.store.read((q) =>
      q.all(sql`SELECT shift_id, count(*) AS attempts,
           count(*) FILTER (WHERE outcome IN ('conversation', 'call_back', 'declined', 'do_not_call')) AS answered,
           count(*) FILTER (WHERE outcome = 'conversation') AS conversations
         FROM calls GROUP BY shift_id ORDER BY shift_id`),
    );
    const counters = (await campaign.app.store.read((q) => createShiftsRepo().all(q)))
      .sort((a, b) => a.id - b.id)
      .map(({ id, attempts, answered, conversations }) => ({ shift_id: id, attempts, answered, conversations }));
    expect(counters).toEqual(fromCalls);
    expect(fromCalls).toHaveLength(2);

    // The station sees its own figures move after each outcome.
    const offered = assignmentOf(await stations[0]!.emitWithAck('contact:next'));
    const pushed = waitForEvent(stations[0]!, 'station:shift', { accept: (shift) => shift?.attempts === 16 });
    await stations[0]!.emitWithAck('call:outcome', { assignmentId: offered.id, outcome: 'conversation' });
    expect(await pushed).toMatchObject({ attempts: 16, name: 'Testare' });
  });

  it('checks out: the held contact returns to the queue, a repeat answers with the same shift, calling stops', async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 2) }], stations: 2 });
    const ada = await campaign.join(0);
    const held = assignmentOf(await ada.emitWithAck('contact:next'));
    const out = await ada.emitWithAck('station:checkout');
    expect(out).toMatchObject({ ok: true, shift: { name: 'Testare', endReason: 'checkout' } });
    await expect(ada.emitWithAck('station:checkout')).resolves.toEqual(out);
    await expect(ada.emitWithAck('contact:next')).resolves.toMatchObject({ reason: 'not_checked_in' });
    const bo = await campaign.join(1);
    expect(assignmentOf(await bo.emitWithAck('contact:next')).contact.id).toBe(held.contact.id);
  });

  it('checks out a volunteer who left without doing so, at their last activity, and tells the station', async () => {
    const clock = manualClock();
    campaign = await startCampaign({ lists: [{ phones: range(1, 3) }], stations: 1, now: clock.now });
    const station = await campaign.join(0);
    const offered = assignmentOf(await station.emitWithAck('contact:next'));
    await station.emitWithAck('call:outcome', { assignmentId: offered.id, outcome: 'conversation' });
    const lastActivity = clock.now();

    clock.advance(29 * MINUTE);
    await campaign.app.sweepIdleShifts();
    expect(await campaign.app.store.read((q) => campaign!.app.shifts.current(q, 1))).not.toBeNull();

    clock.advance(2 * MINUTE);
    const pushed = waitForEvent(station, 'station:shift', { accept: (shift) => shift === null });
    await campaign.app.sweepIdleShifts();
    await pushed;
    const shifts = await campaign.app.store.read((q) => createShiftsRepo().all(q));
    expect(shifts).toHaveLength(1);
    expect(shifts[0]).toMatchObject({ endedAt: lastActivity, endReason: 'idle' });
  });

  it('keeps the shift of a volunteer who waits while nothing can be offered, and counts the wait as volunteer time', async () => {
    const clock = manualClock();
    campaign = await startCampaign({ lists: [{ phones: range(1, 1) }], stations: 1, now: clock.now });
    const station = await campaign.join(0);
    const started = clock.now();
    const only = assignmentOf(await station.emitWithAck('contact:next'));
    await station.emitWithAck('call:outcome', { assignmentId: only.id, outcome: 'no_answer' });
    // The one contact cools down for two hours; the page keeps asking, as it does every 30 s.
    for (let minute = 1; minute <= 40; minute += 1) {
      clock.advance(MINUTE);
      await expect(station.emitWithAck('contact:next')).resolves.toMatchObject({ reason: 'cooling_down' });
      await campaign.app.sweepIdleShifts();
    }
    expect(await campaign.app.store.read((q) => campaign!.app.shifts.current(q, 1))).not.toBeNull();

    // The volunteer leaves: the page is closed and nobody asks any more.
    const lastSeen = clock.now();
    station.close();
    clock.advance(31 * MINUTE);
    await campaign.app.sweepIdleShifts();
    const shifts = await campaign.app.store.read((q) => createShiftsRepo().all(q));
    // Closed when the station last asked: 40 minutes of waiting count as volunteer time.
    expect(shifts).toHaveLength(1);
    expect(shifts[0]).toMatchObject({ startedAt: started, endedAt: lastSeen, endReason: 'idle' });
  });

  it('lists shifts with their figures as CSV for the admin only', async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 3) }], stations: 1 });
    const station = await campaign.join(0, { checkin: { name: '=HYPERLINK("x")', associationId: campaign.lists[0]!.associationId } });
    const offered = assignmentOf(await station.emitWithAck('contact:next'));
    await station.emitWithAck('call:outcome', { assignmentId: offered.id, outcome: 'conversation' });

    const csv = await fetch(`${campaign.url}/api/shifts.csv`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('shift,room,station,volunteer,association,languages,started,ended,end_reason,hours,attempts,answered,conversations');
    // The name a spreadsheet would run as a formula is neutralised; the figures are the shift's.
    expect(lines[1]).toMatch(/^1,Rum 1,1,"'=HYPERLINK\(""x""\)",Förening \d+,,[\d-]+ [\d:]+,,open,[\d.]+,1,1,1$/);

    expect((await fetch(`${campaign.url}/api/shifts.csv`)).status).toBe(401);
  });
});
