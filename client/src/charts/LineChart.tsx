import { formatFixed } from '../lib/format-number.ts';
import { niceTicks, scale } from './ticks.ts';

export interface LineSeries {
  key: string;
  /** The legend's and the table's name for the line. */
  label: string;
  points: readonly { x: number; y: number }[];
}

interface LineChartProps {
  title: string;
  /** What a screen reader hears instead of the picture: each line's last value. */
  summary: string;
  series: readonly LineSeries[];
  xLabel: string;
  /** The x ticks' and the table's text for an x value (e.g. "−12"). */
  formatX: (x: number) => string;
  formatY: (y: number) => string;
  /** The disclosure that opens the same figures as a table. */
  tableLabel: string;
  /** Shown when no line has a point. */
  emptyText: string;
  testId?: string;
}

const WIDTH = 420;
const HEIGHT = 220;
const LEFT = 40;
const RIGHT = 10;
const TOP = 10;
const BOTTOM = 36;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
const PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
/** Lines told apart by dash as well as colour, so they read in grey and to colour-blind eyes. */
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2'] as const;

/**
 * Lines of (x, y) over one shared x axis, with round ticks and a legend; the same figures as a
 * table under a disclosure, for anyone who cannot read the picture. A plain SVG that scales with its box.
 */
export function LineChart({ title, summary, series, xLabel, formatX, formatY, tableLabel, emptyText, testId }: LineChartProps) {
  const xs = series.flatMap((line) => line.points.map((p) => p.x));
  const ys = series.flatMap((line) => line.points.map((p) => p.y));
  const xTicks = niceTicks(Math.min(...xs), Math.max(...xs), 6);
  const yTicks = niceTicks(0, Math.max(0, ...ys));
  const sx = scale(xTicks, LEFT, LEFT + PLOT_WIDTH);
  const sy = scale(yTicks, TOP + PLOT_HEIGHT, TOP);
  const allX = [...new Set(xs)].sort((a, b) => a - b);
  return (
    <figure className="chart line-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      {xs.length === 0 ? (
        <p className="muted">{emptyText}</p>
      ) : (
        <>
          <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} preserveAspectRatio="xMidYMid meet">
            {yTicks.values.map((value) => (
              <g key={`y${value}`}>
                <line className="chart-grid" x1={LEFT} x2={LEFT + PLOT_WIDTH} y1={sy(value)} y2={sy(value)} />
                <text className="chart-label" x={LEFT - 4} y={sy(value) + 3} textAnchor="end">
                  {formatFixed(value, yTicks.decimals)}
                </text>
              </g>
            ))}
            {xTicks.values.map((value) => (
              <text key={`x${value}`} className="chart-label line-chart-x" x={sx(value)} y={TOP + PLOT_HEIGHT + 12} textAnchor="middle">
                {formatX(value)}
              </text>
            ))}
            <line className="chart-axis" x1={LEFT} x2={LEFT} y1={TOP} y2={TOP + PLOT_HEIGHT} />
            <line className="chart-axis" x1={LEFT} x2={LEFT + PLOT_WIDTH} y1={TOP + PLOT_HEIGHT} y2={TOP + PLOT_HEIGHT} />
            <text className="chart-axis-title" x={LEFT + PLOT_WIDTH / 2} y={HEIGHT - 4} textAnchor="middle">
              {xLabel}
            </text>
            {series.map((line, index) => (
              <polyline
                key={line.key}
                className={`chart-line chart-line-${index % DASHES.length}`}
                strokeDasharray={DASHES[index % DASHES.length]}
                points={line.points.map((p) => `${sx(p.x)},${sy(p.y)}`).join(' ')}
                data-series={line.key}
              />
            ))}
          </svg>
          <ul className="chart-legend">
            {series.map((line, index) => (
              <li key={line.key}>
                <svg width="28" height="8" aria-hidden="true">
                  <line className={`chart-line chart-line-${index % DASHES.length}`} strokeDasharray={DASHES[index % DASHES.length]} x1={0} x2={28} y1={4} y2={4} />
                </svg>
                {line.label}
              </li>
            ))}
          </ul>
          <details className="chart-table">
            <summary>{tableLabel}</summary>
            <div className="table-scroll" tabIndex={0} role="region" aria-label={title}>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{xLabel}</th>
                    {series.map((line) => (
                      <th key={line.key} scope="col" className="num">
                        {line.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {allX.map((x) => (
                    <tr key={x}>
                      <th scope="row">{formatX(x)}</th>
                      {series.map((line) => {
                        const point = line.points.find((p) => p.x === x);
                        return (
                          <td key={line.key} className="num">
                            {point ? formatY(point.y) : '–'}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </figure>
  );
}
