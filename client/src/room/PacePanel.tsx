import type { Pace } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';
import { BarChart } from '../charts/BarChart.tsx';
import { formatDecimal } from '../lib/format-number.ts';
import { PaceFigures } from '../pace/PaceFigures.tsx';
import { dailyBars, dailySummary, hourlyBars, hourlySummary } from '../pace/pace-series.ts';

/** How the room is doing: the last hour against the day, and the day against the campaign. */
export function PacePanel({ pace }: { pace: Pace }) {
  const { t } = useTranslation();
  const hourly = hourlyBars(pace.hourly);
  const daily = dailyBars(pace.daily);
  return (
    <section className="panel pace" aria-labelledby="pace-heading" data-testid="pace">
      <h2 id="pace-heading">{t('pace.heading')}</h2>
      <div className="pace-grid">
        <PaceFigures title={t('pace.lastHour')} figures={pace.lastHour} testId="pace-last-hour" />
        <PaceFigures title={t('pace.today')} figures={pace.today} testId="pace-today" />
        <dl className="figures">
          <div>
            <dt>{t('pace.volunteerHours')}</dt>
            <dd data-figure="volunteer-hours">{formatDecimal(pace.volunteerHoursToday)}</dd>
          </div>
          <div>
            <dt>{t('pace.attemptsPerHour')}</dt>
            <dd data-figure="attempts-per-volunteer-hour">
              {pace.attemptsPerVolunteerHour === null ? t('format.none') : formatDecimal(pace.attemptsPerVolunteerHour)}
            </dd>
          </div>
        </dl>
      </div>
      <div className="pace-charts">
        <BarChart
          title={t('pace.hourlyTitle')}
          summary={hourlySummary(t, t('pace.hourlyTitle'), hourly)}
          bars={hourly}
          emptyText={t('charts.noData')}
          testId="chart-hourly"
        />
        <BarChart
          title={t('pace.dailyTitle')}
          summary={dailySummary(t, t('pace.dailyTitle'), daily)}
          bars={daily}
          emptyText={t('charts.noData')}
          testId="chart-daily"
        />
      </div>
    </section>
  );
}
