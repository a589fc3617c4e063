import { sql, type SQL } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { phoneNumber } from '../../factories/campaign.ts';
import { storeQuestions, CARE, HELP, VOTE, WILL_VOTE } from '../../factories/questions.ts';
import { assignmentOf, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

const count = async (query: SQL) => Number(await campaign!.app.store.read((q) => q.value(query)));
const answerRows = () => campaign!.app.store.read((q) => q.all(sql`SELECT question_key, value FROM call_answers ORDER BY question_key`));

/** One list with the campaign's vote question and its own scale and helper questions (a retired one left behind). */
async function startWithQuestions(phones: string[]) {
  campaign = await startCampaign({ lists: [{ phones }], stations: 2 });
  const { listId } = campaign.lists[0]!;
  await storeQuestions(campaign.app, { listId }, [CARE, HELP]);
  await storeQuestions(campaign.app, { campaignId: 1 }, [VOTE]);
  await storeQuestions(campaign.app, { listId }, [{ ...WILL_VOTE, key: 'old' }], { retiredAt: 1 });
  return campaign;
}

describe('questions on the card and answers with the outcome', () => {
  it("puts the campaign's questions, then the list's own, on the contact card, leaving retired ones out", async () => {
    const server = await startWithQuestions([phoneNumber(1)]);
    const station = await server.join(0);
    const { contact } = assignmentOf(await station.emitWithAck('contact:next'));
    expect(contact.questions.map((q) => [q.key, q.kind, q.fromCampaign])).toEqual([
      ['vote', 'choice', true],
      ['care', 'scale', false],
      ['help', 'wants_to_help', false],
    ]);
    expect(contact.questions[0]).toMatchObject({ text: VOTE.text, options: VOTE.options });
  });

  it('saves the answers with the conversation once, and a retried report writes nothing twice', async () => {
    const server = await startWithQuestions([phoneNumber(1)]);
    const station = await server.join(0);
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    const report = { assignmentId: held.id, outcome: 'conversation' as const, answers: { vote: 'us', care: '4' } };
    const acks = await Promise.all([station.emitWithAck('call:outcome', report), station.emitWithAck('call:outcome', report)]);
    expect(acks).toEqual([{ ok: true }, { ok: true }]);
    await expect(station.emitWithAck('call:outcome', report)).resolves.toEqual({ ok: true });
    expect(await answerRows()).toEqual([
      { question_key: 'care', value: '4' },
      { question_key: 'vote', value: 'us' },
    ]);
    expect(await count(sql`SELECT COUNT(*) FROM calls`)).toBe(1);
  });

  it.each([
    ['an unknown question', { outcome: 'conversation', answers: { nope: 'yes' } }],
    ['a retired question', { outcome: 'conversation', answers: { old: 'yes' } }],
    ['a value the question does not take', { outcome: 'conversation', answers: { vote: 'us', care: '6' } }],
    ['an option key of another question', { outcome: 'conversation', answers: { help: 'us' } }],
    ['answers with another outcome than conversation', { outcome: 'declined', answers: { vote: 'us' } }],
    ['a malformed key', { outcome: 'conversation', answers: { 'Vote!': 'us' } }],
  ])('refuses %s and writes nothing, leaving the call to be reported again', async (_what, bad) => {
    const server = await startWithQuestions([phoneNumber(1)]);
    const station = await server.join(0);
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    const refused = await station.emitWithAck('call:outcome', { assignmentId: held.id, ...bad } as never);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect((await count(sql`SELECT COUNT(*) FROM calls`)) + (await count(sql`SELECT COUNT(*) FROM call_answers`)) + (await count(sql`SELECT COUNT(*) FROM new_helpers`))).toBe(0);
    expect(await count(sql`SELECT COUNT(*) FROM contacts WHERE attempts = 0 AND status = 'held'`)).toBe(1);
    // The station corrects the answers and the same call is recorded.
    await expect(station.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'conversation', answers: { vote: 'us' } })).resolves.toEqual({ ok: true });
    expect(await answerRows()).toEqual([{ question_key: 'vote', value: 'us' }]);
  });

  it('puts a person who wants to help on the association’s list of new helpers once per number, with the call', async () => {
    const server = await startWithQuestions([phoneNumber(1)]);
    const station = await server.join(0);
    const first = assignmentOf(await station.emitWithAck('contact:next'));
    await expect(station.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'conversation', answers: { help: 'yes' } })).resolves.toEqual({ ok: true });
    // Called again later (re-opened, as a re-import may): a second yes adds no second helper.
    await server.app.store.write((q) => q.run(sql`UPDATE contacts SET status = 'ready', next_call_at = 0`));
    const second = assignmentOf(await station.emitWithAck('contact:next'));
    await expect(station.emitWithAck('call:outcome', { assignmentId: second.id, outcome: 'conversation', answers: { help: 'yes' } })).resolves.toEqual({ ok: true });
    expect(await count(sql`SELECT COUNT(*) FROM call_answers`)).toBe(2);
    const helpers = await server.app.store.read((q) => q.all(sql`SELECT association_id, list_id, contact_id, call_id, name, phone FROM new_helpers`));
    const firstCall = await server.app.store.read((q) => q.value(sql`SELECT id FROM calls WHERE assignment_id = ${first.id}`));
    expect(helpers).toEqual([
      {
        association_id: server.lists[0]!.associationId,
        list_id: server.lists[0]!.listId,
        contact_id: first.contact.id,
        call_id: firstCall,
        name: first.contact.name,
        phone: phoneNumber(1),
      },
    ]);
  });

  it('adds no new helper for a no', async () => {
    const server = await startWithQuestions([phoneNumber(1)]);
    const station = await server.join(0);
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    await expect(station.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'conversation', answers: { help: 'no' } })).resolves.toEqual({ ok: true });
    expect(await count(sql`SELECT COUNT(*) FROM new_helpers`)).toBe(0);
    expect(await answerRows()).toEqual([{ question_key: 'help', value: 'no' }]);
  });
});
