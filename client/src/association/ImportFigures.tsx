import type { ImportResult } from '@ringstuga/shared';
import { formatCount } from '../lib/format-number.ts';

export interface FigureLabels {
  imported: string;
  updated: string;
  unchanged: string;
  notOffered: string;
  rejected: string;
}

/** The counts, formatted: the figures here, and the values of the sentence a screen reader hears. */
export function importCounts(result: ImportResult) {
  return {
    imported: formatCount(result.imported),
    updated: formatCount(result.updated),
    unchanged: formatCount(result.unchanged),
    notOffered: formatCount(result.notOffered),
    rejected: formatCount(result.rejectedCount),
  };
}

/** New, updated, unchanged, not offered (a count only) and left-out rows: of a dry run or of the import itself. */
export function ImportFigures({ result, labels, testId }: { result: ImportResult; labels: FigureLabels; testId: string }) {
  const values = importCounts(result);
  const keys = ['imported', 'updated', 'unchanged', 'notOffered', 'rejected'] as const;
  return (
    <dl className="figures" data-testid={testId}>
      {keys.map((key) => (
        <div key={key}>
          <dt>{labels[key]}</dt>
          <dd data-figure={key}>{values[key]}</dd>
        </div>
      ))}
    </dl>
  );
}
