import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DryRunSummary } from './DryRunSummary.tsx';
import { FilePreview } from './FilePreview.tsx';
import { importCounts } from './ImportFigures.tsx';
import { ImportProgressBar } from './ImportProgressBar.tsx';
import { ImportResultView } from './ImportResultView.tsx';
import { MappingForm } from './MappingForm.tsx';
import { useImport, type RunProgress } from './use-import.ts';

interface ImportPanelProps {
  token: string;
  listId: number;
  /** The list changed: its counts and progress want fetching again. */
  onImported: () => void;
}

const ACCEPT = '.csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FINISHED: RunProgress = { stage: 'server', server: { phase: 'done', done: 1, total: 1 } };

function status(t: TFunction, reading: boolean, run: ReturnType<typeof useImport>['run']): string {
  if (reading) return t('listImport.reading');
  if (run.kind === 'done') return t('listImport.resultSummary', importCounts(run.result));
  return '';
}

/** Choose a file, see how it was read and map its columns, then import it whole or not at all. */
export function ImportPanel({ token, listId, onImported }: ImportPanelProps) {
  const { t } = useTranslation();
  const [fileInput, setFileInput] = useState(0);
  const importing = useImport(token, listId, () => {
    // A fresh input, so choosing the same (updated) file again is a change.
    setFileInput((value) => value + 1);
    onImported();
  });
  const { reading, readError, draft, run } = importing;
  const running = run.kind === 'running';
  const check = draft?.check;
  const canStart = check?.kind === 'checked' && !running;

  return (
    <section className="panel list-import" aria-labelledby="list-import-heading" data-testid="list-import">
      <h3 id="list-import-heading">{t('listImport.heading')}</h3>
      <p className="muted">{t('listImport.lead')}</p>
      <div className="field">
        <label htmlFor="import-file">{t('listImport.fileLabel')}</label>
        <input
          key={fileInput}
          id="import-file"
          type="file"
          accept={ACCEPT}
          disabled={running}
          onChange={(event) => importing.chooseFile(event.target.files?.[0] ?? null)}
        />
      </div>
      <p className="muted" aria-live="polite" data-testid="import-status">
        {status(t, reading, run)}
      </p>
      {readError && (
        <p className="command-error" role="alert">
          {t('listImport.failed')}
          <span className="alert-detail"> {readError}</span>
        </p>
      )}
      {draft && run.kind !== 'done' && (
        <>
          <FilePreview fileName={draft.file.name} preview={draft.preview} />
          <MappingForm
            headers={draft.preview.headers}
            mapping={draft.mapping}
            nameFromParts={draft.nameFromParts}
            missing={draft.check.kind === 'incomplete' ? draft.check.field : null}
            disabled={running}
            onChange={importing.setColumn}
          />
          <DryRunSummary check={draft.check} />
          <button type="button" className="primary" aria-disabled={!canStart} onClick={() => canStart && importing.start()}>
            {running ? t('listImport.importing') : t('listImport.submit')}
          </button>
        </>
      )}
      {running && <ImportProgressBar progress={run.progress} />}
      {/* The bar stays, full, once the import is through: it does not vanish under the reader. */}
      {run.kind === 'done' && <ImportProgressBar progress={FINISHED} />}
      {run.kind === 'failed' && (
        <p className="command-error" role="alert">
          {t('listImport.importFailed')}
          <span className="alert-detail"> {run.message}</span>
        </p>
      )}
      {run.kind === 'done' && <ImportResultView result={run.result} />}
    </section>
  );
}
