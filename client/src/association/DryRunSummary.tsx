import { sv } from '../i18n/sv.ts';
import { ImportFigures, importSentence } from './ImportFigures.tsx';
import { RejectedRowsTable } from './RejectedRowsTable.tsx';
import type { Check } from './use-import.ts';

const LABELS = {
  imported: sv.listImport.wouldImport,
  updated: sv.listImport.wouldUpdate,
  unchanged: sv.listImport.wouldKeep,
  rejected: sv.listImport.wouldReject,
};
/** The dry run shows the first few; the import's result shows them all. */
const FIRST_REJECTED = 5;

function announcement(check: Check): string {
  if (check.kind === 'checking') return sv.listImport.checking;
  if (check.kind === 'failed') return sv.listImport.failed;
  if (check.kind === 'checked') return importSentence(sv.listImport.dryRunSummary, check.answer);
  return '';
}

/** What importing with the chosen columns would do, written nowhere yet. */
export function DryRunSummary({ check }: { check: Check }) {
  return (
    <div className="dry-run" data-testid="dry-run" data-state={check.kind} aria-busy={check.kind === 'checking'}>
      <h4>{sv.listImport.dryRunHeading}</h4>
      <p className="visually-hidden" aria-live="polite">
        {announcement(check)}
      </p>
      {check.kind === 'checking' && <p className="muted">{sv.listImport.checking}</p>}
      {check.kind === 'incomplete' && <p className="muted">{sv.listImport.incomplete}</p>}
      {check.kind === 'failed' && (
        <p className="command-error">
          {sv.listImport.failed}
          <span className="alert-detail"> {check.message}</span>
        </p>
      )}
      {check.kind === 'checked' && (
        <>
          <ImportFigures result={check.answer} labels={LABELS} testId="dry-run-figures" />
          <RejectedRowsTable
            caption={sv.listImport.firstRejected}
            rows={check.answer.rejected}
            limit={FIRST_REJECTED}
            testId="dry-run-rejected"
          />
        </>
      )}
    </div>
  );
}
