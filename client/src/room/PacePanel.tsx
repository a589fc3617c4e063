import type { Pace } from '@ringstuga/shared';
import { BarChart } from '../charts/BarChart.tsx';
import { sv } from '../i18n/sv.ts';
import { formatDecimal } from '../lib/format-number.ts';
import { PaceFigures } from '../pace/PaceFigures.tsx';
import { dailyBars, dailySummary, hourlyBars, hourlySummary } from '../pace/pace-series.ts';

/** How the room is doing: the last hour against the day, and the day against the campaign. */
export function PacePanel({ pace }: { pace: Pace }) {
  const hourly = hourlyBars(pace.hourly);
  const daily = dailyBars(pace.daily);
  return (
    <section className="panel pace" aria-labelledby="pace-heading" data-testid="pace">
      <h2 id="pace-heading">{sv.pace.heading}</h2>
      <div className="pace-grid">
        <PaceFigures title={sv.pace.lastHour} figures={pace.lastHour} testId="pace-last-hour" />
        <PaceFigures title={sv.pace.today} figures={pace.today} testId="pace-today" />
        <dl className="figures">
          <div>
            <dt>{sv.pace.volunteerHours}</dt>
            <dd data-figure="volunteer-hours">{formatDecimal(pace.volunteerHoursToday)}</dd>
          </div>
          <div>
            <dt>{sv.pace.attemptsPerHour}</dt>
            <dd data-figure="attempts-per-volunteer-hour">
              {pace.attemptsPerVolunteerHour === null ? sv.format.none : formatDecimal(pace.attemptsPerVolunteerHour)}
            </dd>
          </div>
        </dl>
      </div>
      <div className="pace-charts">
        <BarChart
          title={sv.pace.hourlyTitle}
          summary={hourlySummary(sv.pace.hourlyTitle, hourly)}
          bars={hourly}
          emptyText={sv.charts.noData}
          testId="chart-hourly"
        />
        <BarChart
          title={sv.pace.dailyTitle}
          summary={dailySummary(sv.pace.dailyTitle, daily)}
          bars={daily}
          emptyText={sv.charts.noData}
          testId="chart-daily"
        />
      </div>
    </section>
  );
}
