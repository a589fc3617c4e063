import { answerValues, type QuestionView } from '@ringstuga/shared';
import type { TFunction } from 'i18next';

type Text = QuestionView['text'];

/** A question's or option's text in the page's language: English when given and wanted, else Swedish. */
export function localText(text: Text, language: string): string {
  return language.startsWith('en') && text.en ? text.en : text.sv;
}

/** The values an answer may take, in the order their number keys pick them. */
export function questionValues(question: QuestionView): readonly string[] {
  return answerValues(question);
}

/** What a value reads as: Ja/Nej, the scale's number, or the choice's option text. */
export function valueLabel(t: TFunction, question: QuestionView, value: string, language: string): string {
  if (question.kind === 'choice') {
    const option = question.options?.find((o) => o.key === value);
    return option ? localText(option.text, language) : value;
  }
  if (question.kind === 'scale') return value;
  return value === 'yes' ? t('questions.yes') : value === 'no' ? t('questions.no') : value;
}
