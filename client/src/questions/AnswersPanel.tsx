import type { AnswerTotals } from '@ringstuga/shared';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BarChart } from '../charts/BarChart.tsx';
import { formatCount } from '../lib/format-number.ts';
import { ProblemLine } from '../lib/ProblemLine.tsx';
import { useLoaded } from '../lib/use-loaded.ts';
import { answerBars, answerSummary } from './answer-bars.ts';
import { AnswersTable } from './AnswersTable.tsx';
import { localText } from './question-text.ts';
import { fetchAnswerTotals } from './questions-api.ts';
import './questions.css';

type QuestionTotals = AnswerTotals['questions'][number];

function QuestionAnswers({ question }: { question: QuestionTotals }) {
  const { t, i18n } = useTranslation();
  const title = localText(question.text, i18n.language);
  const bars = answerBars(t, question, question.values, i18n.language);
  return (
    <article className="question-answers" data-testid="question-answers" data-question={question.key}>
      <h4>
        {title}
        {question.retired && <span className="muted"> {t('answers.retired')}</span>}
      </h4>
      <p className="muted" data-answered={question.answered}>
        {t('answers.answered', { count: question.answered, formatted: formatCount(question.answered) })}
      </p>
      <BarChart title={title} summary={answerSummary(title, bars)} bars={question.answered === 0 ? [] : bars} emptyText={t('answers.noneYet')} />
      <AnswersTable
        caption={t('answers.byMunicipality', { question: title })}
        placeHeader={t('answers.municipality')}
        columns={bars}
        rows={question.byMunicipality.map((m) => ({ key: m.code, name: m.name, values: m.values }))}
        question={question}
      />
      <AnswersTable
        caption={t('answers.byDistrict', { question: title })}
        placeHeader={t('answers.district')}
        columns={bars}
        rows={question.byDistrict.map((d) => ({ key: d.district || '-', name: d.district || t('listProgress.noDistrict'), values: d.values }))}
        question={question}
      />
    </article>
  );
}

/** What the list's calls answered, question by question; counts only, no person. `version` refetches. */
export function AnswersPanel({ token, listId, version }: { token: string; listId: number; version: number }) {
  const { t } = useTranslation();
  const load = useCallback((signal: AbortSignal) => fetchAnswerTotals(token, listId, signal), [token, listId]);
  const { data, error, refresh } = useLoaded(load);
  useEffect(() => {
    if (version > 0) refresh();
  }, [version, refresh]);
  return (
    <section className="panel answers-panel" aria-labelledby="answers-heading" data-testid="answers-panel">
      <h3 id="answers-heading">{t('answers.heading')}</h3>
      <div className="button-row">
        <button type="button" onClick={refresh}>
          {t('answers.refresh')}
        </button>
      </div>
      {error && <ProblemLine problem={t('answers.failed', { detail: error })} />}
      {data && data.questions.length === 0 && <p className="muted">{t('answers.noQuestions')}</p>}
      {data?.questions.map((question) => <QuestionAnswers key={question.key} question={question} />)}
    </section>
  );
}
