// Questions asked in the call (issue 15): what an association or the admin defines for a list or a
// whole campaign, and what a station sends with the outcome. The contract.
import { z } from 'zod';
import { zLineText } from './text.ts';

export const QUESTION_KINDS = ['yes_no', 'choice', 'scale', 'wants_to_help'] as const;
export const zQuestionKind = z.enum(QUESTION_KINDS);
export type QuestionKind = z.infer<typeof zQuestionKind>;

/** A question's stable key: answers, totals and export columns are keyed by it, so it never changes. */
export const zQuestionKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'a question key is 1–40 lower-case letters, digits or _, starting with a letter');

/** Text shown to the caller: Swedish always, English when given (the station falls back to Swedish). */
export const zQuestionText = z.strictObject({ sv: zLineText().min(1).max(300), en: zLineText().min(1).max(300).optional() });
export type QuestionText = z.infer<typeof zQuestionText>;

export const zQuestionOption = z.strictObject({ key: zQuestionKey, text: zQuestionText });
export type QuestionOption = z.infer<typeof zQuestionOption>;

export const SCALE_VALUES = ['1', '2', '3', '4', '5'] as const;
export const YES_NO_VALUES = ['yes', 'no'] as const;

export const zQuestion = z
  .strictObject({
    key: zQuestionKey,
    kind: zQuestionKind,
    text: zQuestionText,
    /** Only for `choice`: 2–9 options (keys 1–9 pick them at the station). */
    options: z.array(zQuestionOption).min(2).max(9).optional(),
  })
  .refine((q) => (q.kind === 'choice') === (q.options !== undefined), {
    message: 'a choice question has options; the other kinds have none',
    path: ['options'],
  })
  .refine((q) => new Set(q.options?.map((o) => o.key)).size === (q.options?.length ?? 0), {
    message: 'option keys must differ',
    path: ['options'],
  });
export type Question = z.infer<typeof zQuestion>;

/** `PUT /api/lists/{id}/questions` and `PUT /api/campaigns/{id}/questions`: the whole set, in order. */
export const zQuestionSet = z
  .strictObject({ questions: z.array(zQuestion).max(20) })
  .refine((set) => new Set(set.questions.map((q) => q.key)).size === set.questions.length, {
    message: 'question keys must differ',
    path: ['questions'],
  });
export type QuestionSet = z.infer<typeof zQuestionSet>;

/** The values an answer to `question` may take. */
export function answerValues(question: Question): readonly string[] {
  if (question.kind === 'choice') return (question.options ?? []).map((o) => o.key);
  if (question.kind === 'scale') return SCALE_VALUES;
  return YES_NO_VALUES;
}

/** `call:outcome`'s `answers`: question key → value. Checked against the list's questions on the server. */
export const zAnswers = z.record(zQuestionKey, z.string().min(1).max(40));
export type Answers = z.infer<typeof zAnswers>;

/** A question as stations and pages see it: the set's order, and whether it was retired after being answered. */
export const zQuestionView = z.object({
  key: z.string(),
  kind: zQuestionKind,
  text: z.object({ sv: z.string(), en: z.string().optional() }),
  options: z.array(z.object({ key: z.string(), text: z.object({ sv: z.string(), en: z.string().optional() }) })).optional(),
  /** Set for a whole campaign rather than this list. */
  fromCampaign: z.boolean(),
});
export type QuestionView = z.infer<typeof zQuestionView>;

/** Answers counted per value ("yes" → 12); live answers plus the archived counts of people no longer there. */
export const zValueCounts = z.record(z.string(), z.number().int());

/** `GET /api/lists/{id}/answers`: totals per question and value, per municipality and voting district. No person in it. */
export const zAnswerTotals = z.object({
  questions: z.array(
    zQuestionView.extend({
      retired: z.boolean(),
      /** Calls in which the question was answered. */
      answered: z.number().int(),
      values: zValueCounts,
      byMunicipality: z.array(z.object({ code: z.string(), name: z.string(), values: zValueCounts })),
      /** '' for contacts without a district. */
      byDistrict: z.array(z.object({ district: z.string(), values: zValueCounts })),
    }),
  ),
});
export type AnswerTotals = z.infer<typeof zAnswerTotals>;
