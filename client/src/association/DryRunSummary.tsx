import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ImportFigures, importCounts } from './ImportFigures.tsx';
import { ImportRowsTable, adjustedReport, rejectedReport } from './ImportRowsTable.tsx';
import type { Check } from './use-import.ts';

/** The dry run shows the first few; the import's result shows them all. */
const FIRST_REJECTED = 5;

function announcement(t: TFunction, check: Check): string {
  if (check.kind === 'checking') return t('listImport.checking');
  if (check.kind === 'failed') return t('listImport.failed');
  if (check.kind === 'checked') return t('listImport.dryRunSummary', importCounts(check.answer));
  return '';
}

/** What importing with the chosen columns would do, written nowhere yet. */
export function DryRunSummary({ check }: { check: Check }) {
  const { t } = useTranslation();
  const labels = {
    imported: t('listImport.wouldImport'),
    updated: t('listImport.wouldUpdate'),
    unchanged: t('listImport.wouldKeep'),
    notOffered: t('listImport.wouldNotOffer'),
    rejected: t('listImport.wouldReject'),
  };
  return (
    <div className="dry-run" data-testid="dry-run" data-state={check.kind} aria-busy={check.kind === 'checking'}>
      <h4>{t('listImport.dryRunHeading')}</h4>
      <p className="visually-hidden" aria-live="polite">
        {announcement(t, check)}
      </p>
      {check.kind === 'checking' && <p className="muted">{t('listImport.checking')}</p>}
      {check.kind === 'incomplete' && <p className="muted">{t('listImport.incomplete')}</p>}
      {check.kind === 'failed' && (
        <p className="command-error">
          {t('listImport.failed')}
          <span className="alert-detail"> {check.message}</span>
        </p>
      )}
      {check.kind === 'checked' && (
        <>
          <ImportFigures result={check.answer} labels={labels} testId="dry-run-figures" />
          <ImportRowsTable
            caption={t('listImport.firstRejected')}
            report={rejectedReport(check.answer)}
            limit={FIRST_REJECTED}
            testId="dry-run-rejected"
            empty={t('listImport.rejectedNone')}
          />
          <ImportRowsTable
            caption={t('listImport.firstAdjusted')}
            report={adjustedReport(check.answer)}
            limit={FIRST_REJECTED}
            testId="dry-run-adjusted"
          />
        </>
      )}
    </div>
  );
}
