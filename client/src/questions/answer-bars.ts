import type { QuestionView } from '@ringstuga/shared';
import type { TFunction } from 'i18next';
import type { Bar } from '../charts/BarChart.tsx';
import { questionValues, valueLabel } from './question-text.ts';

type Counts = Record<string, number>;

/** One bar per possible value, in the question's order, then any value no longer offered (a retired option). */
export function answerBars(t: TFunction, question: QuestionView, values: Counts, language: string): Bar[] {
  const known = questionValues(question);
  const keys = [...known, ...Object.keys(values).filter((key) => !known.includes(key))];
  return keys.map((key) => ({ key, label: valueLabel(t, question, key, language), value: values[key] ?? 0 }));
}

/** "Ja 12, Nej 3": the chart's words for a screen reader. */
export function answerSummary(title: string, bars: readonly Bar[]): string {
  return `${title}: ${bars.map((bar) => `${bar.label} ${bar.value}`).join(', ')}`;
}
