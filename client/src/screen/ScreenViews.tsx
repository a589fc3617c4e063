import type { ScreenState } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';
import { BarChart } from '../charts/BarChart.tsx';
import { StandingsTable } from '../leaderboard/StandingsTable.tsx';
import { formatCount } from '../lib/format-number.ts';
import { PaceFigures } from '../pace/PaceFigures.tsx';
import { hourlyBars, hourlySummary } from '../pace/pace-series.ts';
import { answerBars, answerSummary } from '../questions/answer-bars.ts';
import { localText } from '../questions/question-text.ts';

export const SCREEN_VIEWS = ['standings', 'pace', 'totals'] as const;
/** The question a leader chose joins the rotation as one more view. */
export type ScreenView = (typeof SCREEN_VIEWS)[number] | 'question';

/** The views in turn: the fixed three, and the chosen question's when there is one. */
export function screenViews(state: ScreenState | null): readonly ScreenView[] {
  return state?.question ? [...SCREEN_VIEWS, 'question'] : SCREEN_VIEWS;
}

const TOP = 10;

/** Associations over the whole campaign, most conversations first: no person is named. */
function StandingsView({ state }: { state: ScreenState }) {
  const { t } = useTranslation();
  // Where several campaigns are active, the room's leader chose one: the screen says which.
  const campaign = state.campaigns.length > 1 ? state.campaigns.find((item) => item.id === state.campaignId) : undefined;
  return (
    <>
      <p className="screen-subtitle">{campaign ? `${t('screen.topTen')} · ${campaign.name}` : t('screen.topTen')}</p>
      <StandingsTable
        rows={state.standings.associations}
        period="campaign"
        nameHeader={t('standings.association')}
        caption={t('screen.topTen')}
        columns={['conversations', 'coverage']}
        sortable={false}
        limit={TOP}
        testId="screen-standings"
      />
    </>
  );
}

function PaceView({ state }: { state: ScreenState }) {
  const { t } = useTranslation();
  const hourly = hourlyBars(state.pace.hourly);
  return (
    <div className="screen-pace">
      <BarChart
        title={t('pace.hourlyTitle')}
        summary={hourlySummary(t, t('pace.hourlyTitle'), hourly)}
        bars={hourly}
        emptyText={t('charts.noData')}
        className="chart-large"
      />
      <PaceFigures title={t('pace.lastHour')} figures={state.pace.lastHour} />
    </div>
  );
}

const TOTALS = ['attempts', 'answered', 'conversations'] as const;

function TotalsView({ state }: { state: ScreenState }) {
  const { t } = useTranslation();
  return (
    <dl className="screen-totals">
      {TOTALS.map((figure) => (
        <div key={figure}>
          <dt>{t(`pace.${figure}`)}</dt>
          <dd data-figure={figure}>{formatCount(state.pace.today[figure])}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One question's counts per value: no person, only how many answered what. */
function ChosenQuestionView({ question }: { question: NonNullable<ScreenState['question']> }) {
  const { t, i18n } = useTranslation();
  const text = localText(question.text, i18n.language);
  const bars = answerBars(t, question, question.values, i18n.language);
  return (
    <div className="screen-question" data-question={question.key}>
      <p className="screen-subtitle">{t('screen.questionList', { list: question.listName, count: question.answered })}</p>
      <BarChart title={text} summary={answerSummary(text, bars)} bars={question.answered === 0 ? [] : bars} emptyText={t('answers.noneYet')} className="chart-large" />
    </div>
  );
}

/** One view of the rotation, under its own heading. */
export function ScreenViewPanel({ view, state }: { view: ScreenView; state: ScreenState }) {
  const { t } = useTranslation();
  return (
    <section className={`screen-view screen-view-${view}`} aria-labelledby="screen-view-heading" data-testid={`screen-view-${view}`}>
      <h2 id="screen-view-heading">{t(`screen.views.${view}`)}</h2>
      {view === 'standings' && <StandingsView state={state} />}
      {view === 'pace' && <PaceView state={state} />}
      {view === 'totals' && <TotalsView state={state} />}
      {view === 'question' && state.question && <ChosenQuestionView question={state.question} />}
    </section>
  );
}
