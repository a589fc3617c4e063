export interface Bar {
  key: string;
  /** Under the bar; every `labelEvery`-th is drawn when bars are many. */
  label: string;
  value: number;
}

interface BarChartProps {
  title: string;
  /** What a screen reader hears instead of the picture: totals and the peak. */
  summary: string;
  bars: readonly Bar[];
  /** Empty when there is nothing to draw. */
  emptyText: string;
  className?: string;
  testId?: string;
}

const SLOT = 28;
const BAR = 20;
const PLOT_HEIGHT = 120;
const TOP = 16;
const LABEL_SPACE = 18;
const MIN_WIDTH = 240;
/** About a digit's width at the labels' 9px, in the SVG's units. */
const LABEL_CHAR = 6;

/** Bars with their value above and a label below; a plain SVG that scales with its box. */
export function BarChart({ title, summary, bars, emptyText, className, testId }: BarChartProps) {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  // Long labels (voting-district codes) get wider slots, so neighbours do not write over each other.
  const longest = Math.max(0, ...bars.map((bar) => bar.label.length));
  const slot = Math.max(SLOT, Math.ceil(longest * LABEL_CHAR) + 6);
  const width = Math.max(MIN_WIDTH, bars.length * slot);
  const offset = (width - bars.length * slot) / 2;
  const height = TOP + PLOT_HEIGHT + LABEL_SPACE;
  // Labels need room: with many bars only every second or third is written out.
  const labelEvery = Math.ceil(bars.length / 16);
  return (
    <figure className={['chart', className].filter(Boolean).join(' ')} data-testid={testId}>
      <figcaption>{title}</figcaption>
      {bars.length === 0 ? (
        <p className="muted">{emptyText}</p>
      ) : (
        <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} preserveAspectRatio="xMidYMid meet">
          <line className="chart-axis" x1={0} x2={width} y1={TOP + PLOT_HEIGHT} y2={TOP + PLOT_HEIGHT} />
          {bars.map((bar, index) => {
            const barHeight = (bar.value / max) * PLOT_HEIGHT;
            const x = offset + index * slot + (slot - BAR) / 2;
            const y = TOP + PLOT_HEIGHT - barHeight;
            return (
              <g key={bar.key}>
                <rect className="chart-bar" x={x} y={y} width={BAR} height={barHeight} rx={2} />
                {bar.value > 0 && (
                  <text className="chart-value" x={x + BAR / 2} y={y - 4} textAnchor="middle">
                    {bar.value}
                  </text>
                )}
                {index % labelEvery === 0 && (
                  <text className="chart-label" x={x + BAR / 2} y={height - 4} textAnchor="middle">
                    {bar.label}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}
