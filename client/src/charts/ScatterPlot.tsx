import { leastSquares } from '../lib/correlation.ts';
import { formatFixed } from '../lib/format-number.ts';
import { niceTicks, scale, type Ticks } from './ticks.ts';

export interface ScatterPoint {
  key: string;
  x: number;
  y: number;
  /** The tooltip: what the point is and its values. */
  title: string;
}

interface ScatterPlotProps {
  title: string;
  /** What a screen reader hears instead of the picture: how many points and how they go together. */
  summary: string;
  points: readonly ScatterPoint[];
  xLabel: string;
  yLabel: string;
  /** Shown when there are no points. */
  emptyText: string;
  testId?: string;
}

const WIDTH = 420;
const HEIGHT = 260;
const LEFT = 46;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = 40;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
const PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
/** Between the axes and the outermost ticks, so a point on an end does not sit on an axis. */
const INSET = 8;

/**
 * The least-squares line across the plot's width, cut where it leaves the y range. It passes
 * through the mean point, which lies inside the plot, so something is always left.
 */
function fitSegment(points: readonly ScatterPoint[], xTicks: Ticks, yTicks: Ticks) {
  const fit = leastSquares(points.map((p) => p.x), points.map((p) => p.y));
  if (!fit) return null;
  let x0 = xTicks.values[0]!;
  let x1 = xTicks.values[xTicks.values.length - 1]!;
  if (fit.slope !== 0) {
    const atBottom = (yTicks.values[0]! - fit.intercept) / fit.slope;
    const atTop = (yTicks.values[yTicks.values.length - 1]! - fit.intercept) / fit.slope;
    x0 = Math.max(x0, Math.min(atBottom, atTop));
    x1 = Math.min(x1, Math.max(atBottom, atTop));
  }
  return { x0, y0: fit.intercept + fit.slope * x0, x1, y1: fit.intercept + fit.slope * x1 };
}

/**
 * Points of (x, y) with round ticks on both axes and, when the points allow a correlation, their
 * least-squares line. The y range always holds 0, so a change of vote share reads against no change.
 * A plain SVG that scales with its box; every point tells its values in a tooltip.
 */
export function ScatterPlot({ title, summary, points, xLabel, yLabel, emptyText, testId }: ScatterPlotProps) {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const xTicks = niceTicks(Math.min(0, ...xs), Math.max(0, ...xs));
  const yTicks = niceTicks(Math.min(0, ...ys), Math.max(0, ...ys));
  const sx = scale(xTicks, LEFT + INSET, LEFT + PLOT_WIDTH - INSET);
  const sy = scale(yTicks, TOP + PLOT_HEIGHT - INSET, TOP + INSET);
  const fit = fitSegment(points, xTicks, yTicks);
  return (
    <figure className="chart scatter" data-testid={testId}>
      <figcaption>{title}</figcaption>
      {points.length === 0 ? (
        <p className="muted">{emptyText}</p>
      ) : (
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} preserveAspectRatio="xMidYMid meet">
          {yTicks.values.map((value) => (
            <g key={`y${value}`}>
              <line className={value === 0 ? 'chart-zero' : 'chart-grid'} x1={LEFT} x2={LEFT + PLOT_WIDTH} y1={sy(value)} y2={sy(value)} />
              <text className="chart-label" x={LEFT - 4} y={sy(value) + 3} textAnchor="end">
                {formatFixed(value, yTicks.decimals)}
              </text>
            </g>
          ))}
          {xTicks.values.map((value) => (
            <text key={`x${value}`} className="chart-label" x={sx(value)} y={TOP + PLOT_HEIGHT + 12} textAnchor="middle">
              {formatFixed(value, xTicks.decimals)}
            </text>
          ))}
          <line className="chart-axis" x1={LEFT} x2={LEFT} y1={TOP} y2={TOP + PLOT_HEIGHT} />
          <line className="chart-axis" x1={LEFT} x2={LEFT + PLOT_WIDTH} y1={TOP + PLOT_HEIGHT} y2={TOP + PLOT_HEIGHT} />
          <text className="chart-axis-title" x={LEFT + PLOT_WIDTH / 2} y={HEIGHT - 6} textAnchor="middle">
            {xLabel}
          </text>
          <text
            className="chart-axis-title"
            transform={`translate(11 ${TOP + PLOT_HEIGHT / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            {yLabel}
          </text>
          {fit && <line className="scatter-fit" data-testid="scatter-fit" x1={sx(fit.x0)} y1={sy(fit.y0)} x2={sx(fit.x1)} y2={sy(fit.y1)} />}
          {points.map((point) => (
            <circle key={point.key} className="scatter-point" cx={sx(point.x)} cy={sy(point.y)} r={4}>
              <title>{point.title}</title>
            </circle>
          ))}
        </svg>
      )}
    </figure>
  );
}
