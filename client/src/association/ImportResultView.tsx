import type { ImportResult } from '@ringstuga/shared';
import { sv } from '../i18n/sv.ts';
import { ImportFigures } from './ImportFigures.tsx';
import { RejectedRowsTable } from './RejectedRowsTable.tsx';

const LABELS = {
  imported: sv.listImport.imported,
  updated: sv.listImport.updated,
  unchanged: sv.listImport.unchanged,
  rejected: sv.listImport.rejected,
};
/** Enough to fix a file by; more would only slow the page. */
const MAX_ROWS_SHOWN = 1_000;

/** What the import did, with every row it left out (up to a thousand) and why. */
export function ImportResultView({ result }: { result: ImportResult }) {
  return (
    <div className="import-result" data-testid="import-result">
      <h4>{sv.listImport.resultHeading}</h4>
      <ImportFigures result={result} labels={LABELS} testId="import-result-figures" />
      <RejectedRowsTable caption={sv.listImport.rejectedCaption} rows={result.rejected} limit={MAX_ROWS_SHOWN} testId="import-rejected" />
    </div>
  );
}
