import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { phoneNumber } from '../../factories/campaign.ts';
import { assignmentOf, manualClock, MINUTE, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { createLink } from '../../helpers/admin-setup.ts';
import { connectRoom, roomStateWhere } from '../../helpers/board-client.ts';
import { waitForEvent } from '../../helpers/wait-for-event.ts';
import { callingRepo } from '../../../server/src/features/calling/calling.repo.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => phoneNumber(from + i));
const SWEDISH_ONLY = { name: 'Ada', associationId: null, languages: ['sv'] };
const ARABIC_TOO = { name: 'Samir', associationId: null, languages: ['sv', 'ar'] };

/** Sets the contacts' preferred language straight in the database, as an import with that column would. */
async function prefer(server: CampaignServer, contactIds: number[], language: string): Promise<void> {
  await server.app.store.write(async (q) => {
    for (const id of contactIds) await q.run(sql`UPDATE contacts SET preferred_language = ${language} WHERE id = ${id}`);
  });
}

describe("contacts' languages", () => {
  it('offers a contact who prefers a language first to a volunteer who checked in with it, and in turn to the others', async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 4) }], stations: 2 });
    const ids = campaign.lists[0]!.contactIds;
    await prefer(campaign, [ids[3]!], 'ar');
    const speaker = await campaign.join(0, { checkin: ARABIC_TOO });
    expect(assignmentOf(await speaker.emitWithAck('contact:next')).contact).toMatchObject({ id: ids[3], preferredLanguage: 'ar' });

    // A volunteer without Arabic still calls them in the ordinary order (most speak Swedish too).
    const other = await campaign.join(1, { checkin: SWEDISH_ONLY });
    expect(assignmentOf(await other.emitWithAck('contact:next')).contact.id).toBe(ids[0]);
  });

  it("sends a contact reached across a language barrier to a volunteer who speaks the person's language only", async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 1) }], stations: 2 });
    const [id] = campaign.lists[0]!.contactIds;
    const swedish = await campaign.join(0, { checkin: SWEDISH_ONLY });
    const first = assignmentOf(await swedish.emitWithAck('contact:next'));

    // The language must be known: the person has none on the list, and the calling language is no barrier.
    await expect(swedish.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'language_barrier' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    await expect(
      swedish.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'language_barrier', language: 'sv' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    await expect(
      swedish.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'declined', language: 'ar' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const { store } = campaign.app;
    const calling = {
      history: (contactId: number) => store.read(async (q) => (await callingRepo.card(q, contactId))?.history),
      contact: (contactId: number) => store.read((q) => callingRepo.contact(q, contactId)),
    };
    expect(await calling.history(id!)).toEqual([]);

    await expect(
      swedish.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'language_barrier', language: 'AR' }),
    ).resolves.toEqual({ ok: true });
    expect(await calling.contact(id!)).toMatchObject({ preferred_language: 'ar', needs_speaker: 1, status: 'ready' });
    // Counted as answered, not as a conversation.
    expect(await campaign.app.store.read((q) => campaign!.app.leaderboard.totals(q))).toMatchObject({ attempts: 1, answered: 1, conversations: 0 });

    await expect(swedish.emitWithAck('contact:next')).resolves.toMatchObject({ ok: true, assignment: null, reason: 'waiting_for_speaker' });
    const speaker = await campaign.join(1, { checkin: ARABIC_TOO });
    const again = assignmentOf(await speaker.emitWithAck('contact:next'));
    expect(again.contact).toMatchObject({ id, preferredLanguage: 'ar' });
    await expect(speaker.emitWithAck('call:outcome', { assignmentId: again.id, outcome: 'conversation' })).resolves.toEqual({ ok: true });
    expect(await calling.contact(id!)).toMatchObject({ needs_speaker: 0, status: 'done' });
  });

  it("keeps waiting for a speaker after a speaker's unanswered call, until a leader lets everyone call the person", async () => {
    const clock = manualClock();
    campaign = await startCampaign({ lists: [{ phones: range(1, 1) }], stations: 2, now: clock.now });
    const { listId, contactIds } = campaign.lists[0]!;
    const swedish = await campaign.join(0, { checkin: SWEDISH_ONLY });
    const speaker = await campaign.join(1, { checkin: ARABIC_TOO });
    const first = assignmentOf(await swedish.emitWithAck('contact:next'));
    await swedish.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'language_barrier', language: 'ar' });
    const second = assignmentOf(await speaker.emitWithAck('contact:next'));
    await speaker.emitWithAck('call:outcome', { assignmentId: second.id, outcome: 'no_answer' });
    clock.advance(3 * 60 * MINUTE);
    // Past the cool-down: still only for a speaker.
    await expect(swedish.emitWithAck('contact:next')).resolves.toMatchObject({ assignment: null, reason: 'waiting_for_speaker' });

    const leader = await connectRoom(campaign.url, (await createLink(campaign.url, 'leader', { roomId: 1 })).token);
    const changed = waitForEvent(swedish, 'lists:changed');
    await expect(leader.emitWithAck('list:release-speakers', { listId })).resolves.toEqual({ ok: true });
    await changed;
    expect(assignmentOf(await swedish.emitWithAck('contact:next')).contact.id).toBe(contactIds[0]);
    await expect(leader.emitWithAck('list:release-speakers', { listId: 9999 })).resolves.toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it("shows a contact the list's script in their language when it has one, and the leader edits each language's script", async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 2) }], stations: 1 });
    const { listId, contactIds } = campaign.lists[0]!;
    await prefer(campaign, [contactIds[0]!], 'en');
    const leader = await connectRoom(campaign.url, (await createLink(campaign.url, 'leader', { roomId: 1 })).token);
    const station = await campaign.join(0, { checkin: { name: 'Ada', associationId: null, languages: ['sv', 'en'] } });

    await leader.emitWithAck('list:script', { listId, script: 'Hej!', instructions: null });
    const pushed = waitForEvent(station, 'list:script', { accept: (script) => script.language === 'en' });
    await expect(leader.emitWithAck('list:script', { listId, language: 'EN', script: 'Hello!', instructions: 'Be brief.' })).resolves.toEqual({
      ok: true,
    });
    expect(await pushed).toEqual({ listId, language: 'en', script: 'Hello!', instructions: 'Be brief.' });
    // The default is untouched; the board lists the translation.
    expect(await campaign.app.store.read((q) => q.value(sql`SELECT script FROM call_lists WHERE id = ${listId}`))).toBe('Hej!');
    const board = await roomStateWhere(leader, (state) => state.lists.some((list) => list.translations.length === 1));
    expect(board.lists.find((list) => list.listId === listId)).toMatchObject({
      script: 'Hej!',
      translations: [{ language: 'en', script: 'Hello!', instructions: 'Be brief.' }],
    });

    const english = assignmentOf(await station.emitWithAck('contact:next'));
    expect(english.contact.list).toMatchObject({ script: 'Hello!', instructions: 'Be brief.', scriptLanguage: 'en' });
    await station.emitWithAck('call:outcome', { assignmentId: english.id, outcome: 'conversation' });
    const swedish = assignmentOf(await station.emitWithAck('contact:next'));
    expect(swedish.contact.list).toMatchObject({ script: 'Hej!', instructions: null, scriptLanguage: null });

    // Blank text removes the translation (stations showing it get the default); the calling language's code edits the default.
    const fallback = waitForEvent(station, 'list:script', { accept: (script) => script.fallbackFor === 'en' });
    await leader.emitWithAck('list:script', { listId, language: 'en', script: ' ', instructions: null });
    expect(await fallback).toEqual({ listId, language: null, fallbackFor: 'en', script: 'Hej!', instructions: null });
    expect(await campaign.app.store.read((q) => q.value(sql`SELECT COUNT(*) FROM list_scripts`))).toBe(0);
    await leader.emitWithAck('list:script', { listId, language: 'sv', script: 'Hallå!', instructions: null });
    expect(await campaign.app.store.read((q) => q.value(sql`SELECT script FROM call_lists WHERE id = ${listId}`))).toBe('Hallå!');
  });

  it('counts contacts waiting for a speaker apart in the list breakdown', async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 2) }], stations: 1 });
    const station = await campaign.join(0, { checkin: SWEDISH_ONLY });
    const first = assignmentOf(await station.emitWithAck('contact:next'));
    await station.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'language_barrier', language: 'so' });
    // The board counts afresh when a leader starts watching (its counts are then reused for 30 s).
    const leader = await connectRoom(campaign.url, (await createLink(campaign.url, 'leader', { roomId: 1 })).token);
    const board = await roomStateWhere(leader, (state) => state.lists[0]?.counts.waitingForSpeaker === 1);
    expect(board.lists[0]!.counts).toMatchObject({ ready: 1, waitingForSpeaker: 1, done: 0 });
  });
});
