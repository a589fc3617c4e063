import type { ImportResult } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';
import { ImportFigures } from './ImportFigures.tsx';
import { RejectedRowsTable } from './RejectedRowsTable.tsx';

/** Enough to fix a file by; more would only slow the page. */
const MAX_ROWS_SHOWN = 1_000;

/** What the import did, with every row it left out (up to a thousand) and why. */
export function ImportResultView({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  const labels = {
    imported: t('listImport.imported'),
    updated: t('listImport.updated'),
    unchanged: t('listImport.unchanged'),
    notOffered: t('listImport.notOffered'),
    rejected: t('listImport.rejected'),
  };
  return (
    <div className="import-result" data-testid="import-result">
      <h4>{t('listImport.resultHeading')}</h4>
      <ImportFigures result={result} labels={labels} testId="import-result-figures" />
      <RejectedRowsTable caption={t('listImport.rejectedCaption')} rows={result.rejected} limit={MAX_ROWS_SHOWN} testId="import-rejected" />
    </div>
  );
}
