import type { ImportResult } from '@ringstuga/shared';
import { interpolate } from '../i18n/interpolate.ts';
import { formatCount } from '../lib/format-number.ts';

export interface FigureLabels {
  imported: string;
  updated: string;
  unchanged: string;
  rejected: string;
}

function counts(result: ImportResult) {
  return {
    imported: formatCount(result.imported),
    updated: formatCount(result.updated),
    unchanged: formatCount(result.unchanged),
    rejected: formatCount(result.rejected.length),
  };
}

/** One sentence for the live region: a screen reader hears the counts, not a table. */
export function importSentence(template: string, result: ImportResult): string {
  return interpolate(template, counts(result));
}

/** New, updated, unchanged and left-out rows: of a dry run or of the import itself. */
export function ImportFigures({ result, labels, testId }: { result: ImportResult; labels: FigureLabels; testId: string }) {
  const values = counts(result);
  const keys = ['imported', 'updated', 'unchanged', 'rejected'] as const;
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
