import { percentile } from '../tools/simulate/bot-stats.ts';

export { percentile };

export function median(values: number[]): number {
  return percentile(values, 50);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
