import { useTranslation } from 'react-i18next';
import type { ComparedCampaign, CompareAxis } from '@ringstuga/shared';
import { LineChart } from '../charts/LineChart.tsx';
import { formatCount, formatDecimal, formatFixed } from '../lib/format-number.ts';
import { FIGURES, linesOf, type Figure } from './compare-series.ts';

const formatterOf = (figure: Figure) => (figure === 'hours' ? formatDecimal : formatCount);

/** One line chart per figure, a line per campaign, on the chosen axis. */
export function CompareCharts({ campaigns, axis, cumulative }: { campaigns: readonly ComparedCampaign[]; axis: CompareAxis; cumulative: boolean }) {
  const { t } = useTranslation();
  const xLabel = axis === 'election' ? t('compare.axisElection') : t('compare.axisStart');
  return (
    <div className="compare-charts">
      {FIGURES.map((figure) => {
        const lines = linesOf(campaigns, figure, cumulative);
        const format = formatterOf(figure);
        const summary = lines
          .map((line) => {
            const values = line.points.map((p) => p.y);
            const total = cumulative ? (values.at(-1) ?? 0) : values.reduce((sum, value) => sum + value, 0);
            return cumulative
              ? t('compare.summaryCumulativeLine', { name: line.label, total: format(total) })
              : t('compare.summaryLine', { name: line.label, total: format(Math.round(total * 10) / 10), peak: format(Math.max(0, ...values)) });
          })
          .join('; ');
        const title = t(`compare.figures.${figure}`);
        return (
          <section key={figure} className="panel">
            <LineChart
              title={title}
              summary={`${title}, ${xLabel}: ${summary}`}
              series={lines}
              xLabel={xLabel}
              formatX={(x) => formatFixed(x, 0)}
              formatY={format}
              tableLabel={t('compare.asTable')}
              emptyText={t('compare.empty')}
              testId={`compare-chart-${figure}`}
            />
          </section>
        );
      })}
    </div>
  );
}
