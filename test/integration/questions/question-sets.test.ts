import { sql, type SQL } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { zQuestionSet, type Question } from '@ringstuga/shared';
import { z } from 'zod';
import { phoneNumber } from '../../factories/campaign.ts';
import { CARE, HELP, VOTE, WILL_VOTE } from '../../factories/questions.ts';
import { createAssociationLink } from '../../helpers/admin-setup.ts';
import { auditEntries } from '../../helpers/audit-entries.ts';
import { assignmentOf, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { api, bodyOf } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';

let campaign: CampaignServer | undefined;
const rowsOf = (server: CampaignServer, query: SQL) => server.app.store.read((q) => q.all(query));
const countOf = async (server: CampaignServer, query: SQL) => Number(await server.app.store.read((q) => q.value(query)));
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

const zViews = z.object({ questions: z.array(z.object({ key: z.string(), kind: z.string(), fromCampaign: z.boolean() }).passthrough()) });
const keysOf = (body: z.infer<typeof zViews>) => body.questions.map((q) => `${q.fromCampaign ? 'campaign' : 'list'}:${q.key}`);

async function start() {
  campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1), phoneNumber(2), phoneNumber(3)] }], stations: 1 });
  const { listId, associationId } = campaign.lists[0]!;
  const token = (await createAssociationLink(campaign.url, associationId)).token;
  const put = (questions: Question[], as = token) => api(campaign!.url, 'PUT', `/api/lists/${listId}/questions`, as, zQuestionSet.parse({ questions }));
  const putCampaign = (questions: Question[]) => api(campaign!.url, 'PUT', '/api/campaigns/1/questions', ADMIN_TOKEN, { questions });
  const get = () => api(campaign!.url, 'GET', `/api/lists/${listId}/questions`, token);
  return { server: campaign, listId, token, put, putCampaign, get };
}

/** A conversation at station 0 with these answers. */
async function answer(server: CampaignServer, answers: Record<string, string>) {
  const station = await server.join(0);
  const held = assignmentOf(await station.emitWithAck('contact:next'));
  const ack = await station.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'conversation', answers });
  if (!ack.ok) throw new Error(ack.error.message);
  station.close();
  return held;
}

describe('question sets of a list and of a campaign', () => {
  it("replaces the list's set in order and shows the campaign's questions first", async () => {
    const { put, putCampaign, get } = await start();
    await bodyOf(await putCampaign([VOTE]), 200, zViews);
    expect(keysOf(await bodyOf(await put([HELP, CARE]), 200, zViews))).toEqual(['campaign:vote', 'list:help', 'list:care']);
    await bodyOf(await put([CARE, WILL_VOTE]), 200, zViews);
    expect(keysOf(await bodyOf(await get(), 200, zViews))).toEqual(['campaign:vote', 'list:care', 'list:will_vote']);
  });

  it('shows a saved set on the next contact card at once (the cached questions are dropped)', async () => {
    const { server, put, putCampaign } = await start();
    const station = await server.join(0);
    expect(assignmentOf(await station.emitWithAck('contact:next')).contact.questions).toEqual([]);
    await bodyOf(await put([CARE]), 200, zViews);
    await bodyOf(await putCampaign([VOTE]), 200, zViews);
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    expect(held.contact.questions.map((q) => q.key)).toEqual(['vote', 'care']);
    // And the outcome checks against the new set too.
    await expect(station.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'conversation', answers: { care: '5', vote: 'us' } })).resolves.toEqual({
      ok: true,
    });
  });

  it('keeps the kind and the answered options of an answered question, in words', async () => {
    const { server, put } = await start();
    await bodyOf(await put([VOTE, CARE]), 200, zViews);
    await answer(server, { vote: 'other', care: '3' });
    const refusedKind = await put([{ ...CARE, kind: 'yes_no' }]);
    expect(refusedKind.status).toBe(400);
    expect(((await refusedKind.json()) as { error: { message: string } }).error.message).toBe('The question care has answers: its kind stays scale');
    const refusedOption = await put([{ ...VOTE, options: VOTE.options!.filter((o) => o.key !== 'other') }]);
    expect(refusedOption.status).toBe(400);
    expect(((await refusedOption.json()) as { error: { message: string } }).error.message).toContain('other');
    // Nothing of the refused sets was saved; an unanswered option may go, and texts may change.
    expect(await rowsOf(server, sql`SELECT key, kind FROM list_questions ORDER BY position`)).toEqual([
      { key: 'vote', kind: 'choice' },
      { key: 'care', kind: 'scale' },
    ]);
    const edited = { ...VOTE, text: { sv: 'Nytt' }, options: VOTE.options!.filter((o) => o.key !== 'unsure') };
    await bodyOf(await put([edited, CARE]), 200, zViews);
  });

  it('retires a removed answered question (its answers stay) and deletes an unanswered one', async () => {
    const { server, put, get } = await start();
    await bodyOf(await put([VOTE, CARE, WILL_VOTE]), 200, zViews);
    await answer(server, { vote: 'us' });
    await bodyOf(await put([CARE]), 200, zViews);
    expect(keysOf(await bodyOf(await get(), 200, zViews))).toEqual(['list:care']);
    const rows = await rowsOf(server, sql`SELECT key, CASE WHEN retired_at IS NOT NULL THEN 1 ELSE 0 END AS retired FROM list_questions ORDER BY key`);
    expect(rows).toEqual([
      { key: 'care', retired: 0 },
      { key: 'vote', retired: 1 },
    ]);
    expect(await countOf(server, sql`SELECT COUNT(*) FROM call_answers`)).toBe(1);
    // Put back, it is live again with its answers.
    await bodyOf(await put([CARE, VOTE]), 200, zViews);
    expect(keysOf(await bodyOf(await get(), 200, zViews))).toEqual(['list:care', 'list:vote']);
  });

  it("refuses a list's key the campaign already asks, and a campaign key a list already asks", async () => {
    const { put, putCampaign } = await start();
    await bodyOf(await putCampaign([VOTE]), 200, zViews);
    expect((await put([VOTE])).status).toBe(400);
    await bodyOf(await put([CARE]), 200, zViews);
    expect((await putCampaign([VOTE, CARE])).status).toBe(400);
  });

  it('records who saved a set with counts only, never its texts', async () => {
    const { server, listId, put } = await start();
    await bodyOf(await put([VOTE, CARE]), 200, zViews);
    const entry = (await auditEntries(server.app)).find((e) => e.target === `list:${listId}`)!;
    expect(entry).toMatchObject({ action: 'update', detail: { questions: 2, retired: 0, deleted: 0 } });
    expect(JSON.stringify((await auditEntries(server.app)))).not.toContain('rösta');
  });

  it('answers 404 for a deleted list, and 404 for a campaign that does not exist', async () => {
    const { server, listId, put, get } = await start();
    expect((await api(server.url, 'DELETE', `/api/lists/${listId}`, ADMIN_TOKEN)).status).toBe(204);
    expect((await put([CARE])).status).toBe(404);
    expect((await get()).status).toBe(404);
    expect((await api(server.url, 'GET', '/api/campaigns/99/questions', ADMIN_TOKEN)).status).toBe(404);
  });

  it("answers 409 to a change of an archived campaign's questions", async () => {
    const { server, putCampaign } = await start();
    await server.app.store.write((q) => q.run(sql`UPDATE campaigns SET status = 'archived' WHERE id = 1`));
    const refused = await putCampaign([VOTE]);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { reason: 'campaign_archived' } });
    expect(await countOf(server, sql`SELECT COUNT(*) FROM list_questions`)).toBe(0);
  });

  it('refuses a malformed set: a choice without options, keys twice, a bad key', async () => {
    const { server, listId, token } = await start();
    const bad = [
      { questions: [{ key: 'vote', kind: 'choice', text: { sv: 'Vad?' } }] },
      { questions: [CARE, CARE] },
      { questions: [{ ...CARE, key: 'Care!' }] },
      { questions: [{ ...CARE, options: VOTE.options }] },
    ];
    for (const body of bad) expect((await api(server.url, 'PUT', `/api/lists/${listId}/questions`, token, body)).status).toBe(400);
    expect(await countOf(server, sql`SELECT COUNT(*) FROM list_questions`)).toBe(0);
  });
});
