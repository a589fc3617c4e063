import type { ScreenState } from '@ringstuga/shared';
import { BarChart } from '../charts/BarChart.tsx';
import { sv } from '../i18n/sv.ts';
import { StandingsTable } from '../leaderboard/StandingsTable.tsx';
import { formatCount } from '../lib/format-number.ts';
import { PaceFigures } from '../pace/PaceFigures.tsx';
import { hourlyBars, hourlySummary } from '../pace/pace-series.ts';

export const SCREEN_VIEWS = ['standings', 'pace', 'totals'] as const;
export type ScreenView = (typeof SCREEN_VIEWS)[number];

const TOP = 10;

/** Associations over the whole campaign, most conversations first: no person is named. */
function StandingsView({ state }: { state: ScreenState }) {
  return (
    <>
      <p className="screen-subtitle">{sv.screen.topTen}</p>
      <StandingsTable
        rows={state.standings.associations}
        period="campaign"
        nameHeader={sv.standings.association}
        caption={sv.screen.topTen}
        columns={['conversations', 'coverage']}
        sortable={false}
        limit={TOP}
        testId="screen-standings"
      />
    </>
  );
}

function PaceView({ state }: { state: ScreenState }) {
  const hourly = hourlyBars(state.pace.hourly);
  return (
    <div className="screen-pace">
      <BarChart
        title={sv.pace.hourlyTitle}
        summary={hourlySummary(sv.pace.hourlyTitle, hourly)}
        bars={hourly}
        emptyText={sv.charts.noData}
        className="chart-large"
      />
      <PaceFigures title={sv.pace.lastHour} figures={state.pace.lastHour} />
    </div>
  );
}

const TOTALS = ['attempts', 'answered', 'conversations'] as const;

function TotalsView({ state }: { state: ScreenState }) {
  return (
    <dl className="screen-totals">
      {TOTALS.map((figure) => (
        <div key={figure}>
          <dt>{sv.pace[figure]}</dt>
          <dd data-figure={figure}>{formatCount(state.pace.today[figure])}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One view of the rotation, under its own heading. */
export function ScreenViewPanel({ view, state }: { view: ScreenView; state: ScreenState }) {
  return (
    <section className={`screen-view screen-view-${view}`} aria-labelledby="screen-view-heading" data-testid={`screen-view-${view}`}>
      <h2 id="screen-view-heading">{sv.screen.views[view]}</h2>
      {view === 'standings' && <StandingsView state={state} />}
      {view === 'pace' && <PaceView state={state} />}
      {view === 'totals' && <TotalsView state={state} />}
    </section>
  );
}
