export interface Ticks {
  values: number[];
  /** Decimals the labels need to tell the ticks apart. */
  decimals: number;
}

/**
 * About `target` round ticks (steps of 1, 2 or 5 times a power of ten) that cover [min, max];
 * the first and last tick are the axis's ends. An empty range is widened to one unit above.
 */
export function niceTicks(min: number, max: number, target = 4): Ticks {
  const high = max > min ? max : min + 1;
  const rough = (high - min) / target;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough)!;
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const first = Math.floor(min / step);
  const last = Math.ceil(high / step);
  // Multiplying the index, rather than adding steps, keeps 0.1-steps from drifting to 0.30000000000000004.
  const values = Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toFixed(decimals)));
  return { values, decimals };
}

/** Maps values on the ticks' range (first to last tick) onto [from, to] of the drawing. */
export function scale(ticks: Ticks, from: number, to: number) {
  const low = ticks.values[0]!;
  const high = ticks.values[ticks.values.length - 1]!;
  return (value: number) => from + ((value - low) / (high - low)) * (to - from);
}
