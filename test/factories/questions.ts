import type { Question } from '@ringstuga/shared';
import { listQuestions } from '../../server/src/db/schema.ts';
import type { Fixture } from './campaign.ts';

export const VOTE: Question = {
  key: 'vote',
  kind: 'choice',
  text: { sv: 'Vad tänker du rösta på?', en: 'What will you vote for?' },
  options: [
    { key: 'us', text: { sv: 'Oss' } },
    { key: 'other', text: { sv: 'Annat' } },
    { key: 'unsure', text: { sv: 'Vet inte' } },
  ],
};
export const WILL_VOTE: Question = { key: 'will_vote', kind: 'yes_no', text: { sv: 'Tänker du rösta?' } };
export const CARE: Question = { key: 'care', kind: 'scale', text: { sv: 'Hur viktigt är valet?' } };
export const HELP: Question = { key: 'help', kind: 'wants_to_help', text: { sv: 'Vill du hjälpa till?' } };

/**
 * Questions in the database as a saved set leaves them, written through a store (a test server's
 * app, on SQLite or PostgreSQL alike), for tests of what reads them (the routes have their own tests).
 */
export async function storeQuestions(
  target: Fixture,
  owner: { listId: number } | { campaignId: number },
  questions: Question[],
  options: { retiredAt?: number } = {},
): Promise<void> {
  if (questions.length === 0) return;
  await target.store.write((q) =>
    q.run(
      q.db.insert(listQuestions).values(
        questions.map((question, position) => ({
          listId: 'listId' in owner ? owner.listId : null,
          campaignId: 'campaignId' in owner ? owner.campaignId : null,
          key: question.key,
          kind: question.kind,
          text: question.text,
          options: question.options ?? null,
          position,
          retiredAt: options.retiredAt ?? null,
        })),
      ),
    ),
  );
}
