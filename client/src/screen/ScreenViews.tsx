import type { ScreenState } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';
import { BarChart } from '../charts/BarChart.tsx';
import { StandingsTable } from '../leaderboard/StandingsTable.tsx';
import { formatCount } from '../lib/format-number.ts';
import { PaceFigures } from '../pace/PaceFigures.tsx';
import { hourlyBars, hourlySummary } from '../pace/pace-series.ts';

export const SCREEN_VIEWS = ['standings', 'pace', 'totals'] as const;
export type ScreenView = (typeof SCREEN_VIEWS)[number];

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

/** One view of the rotation, under its own heading. */
export function ScreenViewPanel({ view, state }: { view: ScreenView; state: ScreenState }) {
  const { t } = useTranslation();
  return (
    <section className={`screen-view screen-view-${view}`} aria-labelledby="screen-view-heading" data-testid={`screen-view-${view}`}>
      <h2 id="screen-view-heading">{t(`screen.views.${view}`)}</h2>
      {view === 'standings' && <StandingsView state={state} />}
      {view === 'pace' && <PaceView state={state} />}
      {view === 'totals' && <TotalsView state={state} />}
    </section>
  );
}
