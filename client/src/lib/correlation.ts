/** Pairs of numbers, as a scatter plot draws them. */
function checkPairs(xs: readonly number[], ys: readonly number[]): void {
  if (xs.length !== ys.length) throw new Error(`pairs of unequal length: ${xs.length} and ${ys.length}`);
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

// A constant series is tested by equality, not by a zero sum of squares: a mean such as
// (0.1 + 0.1 + 0.1) / 3 is not exactly 0.1, and the rounding would pass for variance.
const isConstant = (values: readonly number[]) => values.every((value) => value === values[0]);

/** Sums of squares and cross-products about the means (two passes, which keeps the rounding small). */
function moments(xs: readonly number[], ys: readonly number[]) {
  const mx = mean(xs);
  const my = mean(ys);
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  xs.forEach((x, index) => {
    const dx = x - mx;
    const dy = ys[index]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  });
  return { mx, my, sxx, syy, sxy };
}

/**
 * Pearson's correlation coefficient of paired values, in [-1, 1]. Null when it means nothing:
 * fewer than three pairs (two points always lie on a line) or a series that never varies.
 */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  checkPairs(xs, ys);
  if (xs.length < 3 || isConstant(xs) || isConstant(ys)) return null;
  const { sxx, syy, sxy } = moments(xs, ys);
  const r = sxy / Math.sqrt(sxx * syy);
  // Rounding can carry a perfect correlation a hair past 1.
  return Math.max(-1, Math.min(1, r));
}

/** The least-squares line y = intercept + slope·x, under the same conditions as `pearson`. */
export function leastSquares(xs: readonly number[], ys: readonly number[]): { slope: number; intercept: number } | null {
  checkPairs(xs, ys);
  if (xs.length < 3 || isConstant(xs) || isConstant(ys)) return null;
  const { mx, my, sxx, sxy } = moments(xs, ys);
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}
