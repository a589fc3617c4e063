import type { ListProgress } from '@ringstuga/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { BarChart } from '../charts/BarChart.tsx';
import { formatCount, formatShare } from '../lib/format-number.ts';
import { formatTime } from '../lib/format-time.ts';
import { BREAKDOWN, remainingOf } from '../lists/breakdown.ts';
import { dailyBars, dailySummary } from '../pace/pace-series.ts';
import { districtBars, districtSummary } from './district-bars.ts';
import { DistrictTable } from './DistrictTable.tsx';
import type { ProgressState } from './use-list-progress.ts';

function headlineFigures(t: TFunction, progress: ListProgress) {
  return [
    { key: 'contacts', label: t('listProgress.contacts'), value: formatCount(progress.contacts) },
    { key: 'persons-called', label: t('listProgress.personsCalled'), value: formatCount(progress.personsCalled) },
    { key: 'coverage', label: t('listProgress.coverage'), value: formatShare(progress.personsCalled, progress.contacts) },
    { key: 'attempts', label: t('listProgress.attempts'), value: formatCount(progress.figures.attempts) },
    { key: 'answered', label: t('listProgress.answered'), value: formatCount(progress.figures.answered) },
    { key: 'conversations', label: t('listProgress.conversations'), value: formatCount(progress.figures.conversations) },
    { key: 'remaining', label: t('listProgress.remaining'), value: formatCount(remainingOf(progress.breakdown)) },
  ];
}

/** A list's progress: the headline figures, where every contact stands, per day and per voting district. */
export function ProgressPanel({ state, onRefresh }: { state: ProgressState; onRefresh: () => void }) {
  const { t } = useTranslation();
  const { progress, fetchedAt, loading, error } = state;
  const daily = progress ? dailyBars(progress.daily) : [];
  return (
    <section className="panel list-progress" aria-labelledby="list-progress-heading" aria-busy={loading} data-testid="list-progress">
      <h3 id="list-progress-heading">{t('listProgress.heading')}</h3>
      <div className="button-row">
        <button type="button" aria-disabled={loading} onClick={() => !loading && onRefresh()}>
          {loading && progress ? t('listProgress.refreshing') : t('listProgress.refresh')}
        </button>
        {fetchedAt && (
          <span className="muted fetched-at">{t('listProgress.fetched', { time: formatTime(fetchedAt) })}</span>
        )}
      </div>
      {error && (
        <p className="command-error" role="alert">
          {t('listProgress.failed')}
          <span className="alert-detail"> {error}</span>
        </p>
      )}
      {!progress ? (
        !error && <p className="muted">{t('listProgress.loading')}</p>
      ) : (
        <>
          <dl className="figures" data-testid="list-figures">
            {headlineFigures(t, progress).map((figure) => (
              <div key={figure.key}>
                <dt>{figure.label}</dt>
                <dd data-figure={figure.key}>{figure.value}</dd>
              </div>
            ))}
          </dl>
          <h4>{t('listProgress.breakdownHeading')}</h4>
          <p className="muted field-hint">{t('listProgress.breakdownHint')}</p>
          <dl className="figures breakdown-figures" data-testid="list-breakdown">
            {BREAKDOWN.map((count) => (
              <div key={count}>
                <dt>{t(`lists.${count}`)}</dt>
                <dd data-count={count}>{formatCount(progress.breakdown[count])}</dd>
              </div>
            ))}
          </dl>
          <div className="progress-charts">
            <BarChart
              title={t('listProgress.dailyTitle')}
              summary={dailySummary(t, t('listProgress.dailyTitle'), daily)}
              bars={daily}
              emptyText={t('charts.noData')}
              testId="chart-list-daily"
            />
            <BarChart
              title={t('listProgress.districtChartTitle')}
              summary={districtSummary(t, t('listProgress.districtChartTitle'), progress.districts)}
              bars={districtBars(t, progress.districts)}
              emptyText={progress.districts.length === 0 ? t('listProgress.districtsEmpty') : t('listProgress.noConversations')}
              testId="chart-districts"
            />
          </div>
          <h4>{t('listProgress.districtsHeading')}</h4>
          <DistrictTable districts={progress.districts} />
        </>
      )}
    </section>
  );
}
