import type { ListProgress } from '@ringstuga/shared';
import { BarChart } from '../charts/BarChart.tsx';
import { interpolate } from '../i18n/interpolate.ts';
import { sv } from '../i18n/sv.ts';
import { formatCount, formatShare } from '../lib/format-number.ts';
import { formatTime } from '../lib/format-time.ts';
import { BREAKDOWN, remainingOf } from '../lists/breakdown.ts';
import { dailyBars, dailySummary } from '../pace/pace-series.ts';
import { districtBars, districtSummary } from './district-bars.ts';
import { DistrictTable } from './DistrictTable.tsx';
import type { ProgressState } from './use-list-progress.ts';

function headlineFigures(progress: ListProgress) {
  return [
    { key: 'contacts', label: sv.listProgress.contacts, value: formatCount(progress.contacts) },
    { key: 'persons-called', label: sv.listProgress.personsCalled, value: formatCount(progress.personsCalled) },
    { key: 'coverage', label: sv.listProgress.coverage, value: formatShare(progress.personsCalled, progress.contacts) },
    { key: 'attempts', label: sv.listProgress.attempts, value: formatCount(progress.figures.attempts) },
    { key: 'answered', label: sv.listProgress.answered, value: formatCount(progress.figures.answered) },
    { key: 'conversations', label: sv.listProgress.conversations, value: formatCount(progress.figures.conversations) },
    { key: 'remaining', label: sv.listProgress.remaining, value: formatCount(remainingOf(progress.breakdown)) },
  ];
}

/** A list's progress: the headline figures, where every contact stands, per day and per voting district. */
export function ProgressPanel({ state, onRefresh }: { state: ProgressState; onRefresh: () => void }) {
  const { progress, fetchedAt, loading, error } = state;
  const daily = progress ? dailyBars(progress.daily) : [];
  return (
    <section className="panel list-progress" aria-labelledby="list-progress-heading" aria-busy={loading} data-testid="list-progress">
      <h3 id="list-progress-heading">{sv.listProgress.heading}</h3>
      <div className="button-row">
        <button type="button" aria-disabled={loading} onClick={() => !loading && onRefresh()}>
          {loading && progress ? sv.listProgress.refreshing : sv.listProgress.refresh}
        </button>
        {fetchedAt && (
          <span className="muted fetched-at">{interpolate(sv.listProgress.fetched, { time: formatTime(fetchedAt) })}</span>
        )}
      </div>
      {error && (
        <p className="command-error" role="alert">
          {sv.listProgress.failed}
          <span className="alert-detail"> {error}</span>
        </p>
      )}
      {!progress ? (
        !error && <p className="muted">{sv.listProgress.loading}</p>
      ) : (
        <>
          <dl className="figures" data-testid="list-figures">
            {headlineFigures(progress).map((figure) => (
              <div key={figure.key}>
                <dt>{figure.label}</dt>
                <dd data-figure={figure.key}>{figure.value}</dd>
              </div>
            ))}
          </dl>
          <h4>{sv.listProgress.breakdownHeading}</h4>
          <p className="muted field-hint">{sv.listProgress.breakdownHint}</p>
          <dl className="figures breakdown-figures" data-testid="list-breakdown">
            {BREAKDOWN.map((count) => (
              <div key={count}>
                <dt>{sv.lists[count]}</dt>
                <dd data-count={count}>{formatCount(progress.breakdown[count])}</dd>
              </div>
            ))}
          </dl>
          <div className="progress-charts">
            <BarChart
              title={sv.listProgress.dailyTitle}
              summary={dailySummary(sv.listProgress.dailyTitle, daily)}
              bars={daily}
              emptyText={sv.charts.noData}
              testId="chart-list-daily"
            />
            <BarChart
              title={sv.listProgress.districtChartTitle}
              summary={districtSummary(sv.listProgress.districtChartTitle, progress.districts)}
              bars={districtBars(progress.districts)}
              emptyText={progress.districts.length === 0 ? sv.listProgress.districtsEmpty : sv.listProgress.noConversations}
              testId="chart-districts"
            />
          </div>
          <h4>{sv.listProgress.districtsHeading}</h4>
          <DistrictTable districts={progress.districts} />
        </>
      )}
    </section>
  );
}
