import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadWithToken } from '../lib/download.ts';

type Kind = 'contacts' | 'attempts' | 'changes';
/** The workbook opens in any Excel (a CSV lands in column A where `;` is the list separator); the CSV is for other tools. */
type Format = 'xlsx' | 'csv';
type Download = { kind: 'idle' } | { kind: 'downloading'; what: Kind; format: Format } | { kind: 'failed'; message: string };

const EXPORTS: Record<Kind, { route: string; fileName: string; heading: `listExport.${Kind}` }> = {
  contacts: { route: 'export', fileName: 'kontakter', heading: 'listExport.contacts' },
  attempts: { route: 'attempts', fileName: 'samtal', heading: 'listExport.attempts' },
  // Wrong numbers, do-not-calls and new helpers, for the association's own member register.
  changes: { route: 'changes', fileName: 'andringar', heading: 'listExport.changes' },
};
const LABELS = {
  contacts: { xlsx: 'listExport.contactsXlsx', csv: 'listExport.contactsCsv' },
  attempts: { xlsx: 'listExport.attemptsXlsx', csv: 'listExport.attemptsCsv' },
  changes: { xlsx: 'listExport.changesXlsx', csv: 'listExport.changesCsv' },
} as const;

/** The list's contacts, its attempts and its changes for the member register, as a workbook first and as CSV, fetched with the bearer header (the server logs each). */
export function ExportPanel({ token, listId }: { token: string; listId: number }) {
  const { t } = useTranslation();
  const [download, setDownload] = useState<Download>({ kind: 'idle' });

  const save = async (what: Kind, format: Format) => {
    if (download.kind === 'downloading') return;
    setDownload({ kind: 'downloading', what, format });
    const { route, fileName } = EXPORTS[what];
    const message = await downloadWithToken(`/api/lists/${listId}/${route}.${format}`, token, `lista-${listId}-${fileName}.${format}`);
    setDownload(message === null ? { kind: 'idle' } : { kind: 'failed', message });
  };
  const busy = (what: Kind, format: Format) => download.kind === 'downloading' && download.what === what && download.format === format;

  return (
    <section className="panel list-export" aria-labelledby="list-export-heading" data-testid="list-export">
      <h3 id="list-export-heading">{t('listExport.heading')}</h3>
      <p className="muted">{t('listExport.hint')}</p>
      {(['contacts', 'attempts', 'changes'] as const).map((what) => (
        <div key={what} className="button-row" role="group" aria-label={t(EXPORTS[what].heading)}>
          {(['xlsx', 'csv'] as const).map((format) => (
            <button
              key={format}
              type="button"
              className={format === 'xlsx' ? 'primary' : undefined}
              aria-disabled={download.kind === 'downloading'}
              onClick={() => void save(what, format)}
            >
              {busy(what, format) ? t('listExport.downloading') : t(LABELS[what][format])}
            </button>
          ))}
        </div>
      ))}
      {download.kind === 'failed' && (
        <p className="command-error" role="alert">
          {t('listExport.failed')}
          <span className="alert-detail"> {download.message}</span>
        </p>
      )}
    </section>
  );
}
