import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { storeQuestions } from '../../factories/questions.ts';
import { createLink } from '../../helpers/admin-setup.ts';
import { connectScreen, roomStateWhere, screenStateWhere, type ScreenClient } from '../../helpers/board-client.ts';
import { startRooms } from '../../helpers/campaign-setups.ts';
import { assignmentOf, manualClock, type CampaignServer } from '../../helpers/campaign-server.ts';

let campaign: CampaignServer | undefined;
const screens: ScreenClient[] = [];
afterEach(async () => {
  screens.splice(0).forEach((screen) => screen.close());
  await campaign?.close();
  campaign = undefined;
});

const SECOND = 1000;

/**
 * Room 1 with list 1 asking "stod" (yes/no) and the campaign asking "hjalpa" (wants to help); two
 * conversations on list 1 answered directly in call_answers (the station's answers are
 * questions-server's), and one archived "no" of a person no longer there.
 */
async function startWithAnswers() {
  const clock = manualClock();
  const rooms = await startRooms({ now: clock.now });
  campaign = rooms.campaign;
  const { store } = campaign.app;
  const listId = campaign.lists[0]!.listId;
  await storeQuestions(campaign.app, { listId }, [{ key: 'stod', kind: 'yes_no', text: { sv: 'Stöder du förslaget?' } }]);
  await storeQuestions(campaign.app, { campaignId: 1 }, [{ key: 'hjalpa', kind: 'wants_to_help', text: { sv: 'Vill du hjälpa till?' } }]);

  // The station is handed both lists' contacts: it calls until two conversations are on list 1 (of its 5).
  const station = await campaign.join(0);
  const onList = async () =>
    (await store.read((q) => q.all<{ id: number }>(sql`SELECT id FROM calls WHERE outcome = 'conversation' AND list_id = ${listId} ORDER BY id`))).map(
      (row) => row.id,
    );
  for (let i = 0; i < 10 && (await onList()).length < 2; i++) {
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    await station.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'conversation' });
  }
  const [first, second] = await onList();
  await store.write(async (q) => {
    await q.run(sql`INSERT INTO call_answers (call_id, question_key, value) VALUES (${first!}, 'stod', 'yes'), (${second!}, 'stod', 'yes'), (${first!}, 'hjalpa', 'yes')`);
    await q.run(sql`INSERT INTO answer_archive (list_id, question_key, value, district, count) VALUES (${listId}, 'stod', 'no', '', 1)`);
  });
  // Past the totals' reuse window, so the next push counts afresh.
  clock.advance(11 * SECOND);
  campaign.app.announce.roomChanged(1);
  return { ...rooms, clock, listId };
}

describe('question totals on the room board', () => {
  it("shows each list's questions, the campaign's first, with live and archived answers counted per value", async () => {
    const { leader, listId } = await startWithAnswers();
    const board = await roomStateWhere(leader, (s) => s.questions.some((l) => l.questions.some((q) => q.answered > 0)));
    const list1 = board.questions.find((l) => l.listId === listId);
    expect(list1?.questions.map((q) => [q.key, q.fromCampaign, q.answered, q.values])).toEqual([
      ['hjalpa', true, 1, { yes: 1 }],
      ['stod', false, 3, { yes: 2, no: 1 }],
    ]);
    // List 2 asks only the campaign's question, unanswered there.
    expect(board.questions.find((l) => l.listId !== listId)?.questions.map((q) => [q.key, q.answered])).toEqual([['hjalpa', 0]]);
    expect(board.screenQuestion).toBeNull();
  });

  it("puts the chosen question's counts on the room's big screen, refuses one no list asks, and takes it off again", async () => {
    const { campaign, leader, listId } = await startWithAnswers();
    const screen = await connectScreen(campaign!.url, (await createLink(campaign!.url, 'screen', { roomId: 1 })).token);
    screens.push(screen);
    expect((await screenStateWhere(screen)).question).toBeNull();

    await expect(leader.emitWithAck('screen:question', { question: { listId, key: 'saknas' } })).resolves.toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    await expect(leader.emitWithAck('screen:question', { question: { listId, key: 'stod' } })).resolves.toEqual({ ok: true });
    const shown = await screenStateWhere(screen, (s) => s.question !== null);
    expect(shown.question).toMatchObject({ key: 'stod', listName: expect.any(String), answered: 3, values: { yes: 2, no: 1 } });
    expect(Object.keys(shown.question!).sort()).toEqual(['answered', 'fromCampaign', 'key', 'kind', 'listName', 'text', 'values']);
    expect((await roomStateWhere(leader, (s) => s.screenQuestion !== null)).screenQuestion).toEqual({ listId, key: 'stod' });

    await expect(leader.emitWithAck('screen:question', { question: null })).resolves.toEqual({ ok: true });
    expect((await screenStateWhere(screen, (s) => s.question === null)).question).toBeNull();
  });
});
