import type { ImportResult } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';
import { ImportFigures } from './ImportFigures.tsx';
import { ImportRowsTable, adjustedReport, rejectedReport } from './ImportRowsTable.tsx';

/** Enough to fix a file by; more would only slow the page (the server sends no more than this). */
const MAX_ROWS_SHOWN = 1_000;

/** What the import did, with the rows it left out (the first thousand) and why, and the rest counted per reason. */
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
      <ImportRowsTable
        caption={t('listImport.rejectedCaption')}
        report={rejectedReport(result)}
        limit={MAX_ROWS_SHOWN}
        testId="import-rejected"
        empty={t('listImport.rejectedNone')}
      />
      <ImportRowsTable caption={t('listImport.adjustedCaption')} report={adjustedReport(result)} limit={MAX_ROWS_SHOWN} testId="import-adjusted" />
    </div>
  );
}
