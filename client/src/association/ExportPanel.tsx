import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadWithToken } from '../lib/download.ts';

type Kind = 'contacts' | 'attempts';
type Download = { kind: 'idle' } | { kind: 'downloading'; what: Kind } | { kind: 'failed'; message: string };

const EXPORTS: Record<Kind, { path: (listId: number) => string; fileName: (listId: number) => string; label: `listExport.${Kind}` }> = {
  contacts: {
    path: (listId) => `/api/lists/${listId}/export.csv`,
    fileName: (listId) => `lista-${listId}-kontakter.csv`,
    label: 'listExport.contacts',
  },
  attempts: {
    path: (listId) => `/api/lists/${listId}/attempts.csv`,
    fileName: (listId) => `lista-${listId}-samtal.csv`,
    label: 'listExport.attempts',
  },
};

/** The list's contacts and its attempts as CSV, fetched with the bearer header (the server logs each). */
export function ExportPanel({ token, listId }: { token: string; listId: number }) {
  const { t } = useTranslation();
  const [download, setDownload] = useState<Download>({ kind: 'idle' });

  const save = async (what: Kind) => {
    if (download.kind === 'downloading') return;
    setDownload({ kind: 'downloading', what });
    const message = await downloadWithToken(EXPORTS[what].path(listId), token, EXPORTS[what].fileName(listId));
    setDownload(message === null ? { kind: 'idle' } : { kind: 'failed', message });
  };

  return (
    <section className="panel list-export" aria-labelledby="list-export-heading" data-testid="list-export">
      <h3 id="list-export-heading">{t('listExport.heading')}</h3>
      <p className="muted">{t('listExport.hint')}</p>
      <div className="button-row">
        {(['contacts', 'attempts'] as const).map((what) => (
          <button key={what} type="button" aria-disabled={download.kind === 'downloading'} onClick={() => void save(what)}>
            {download.kind === 'downloading' && download.what === what ? t('listExport.downloading') : t(EXPORTS[what].label)}
          </button>
        ))}
      </div>
      {download.kind === 'failed' && (
        <p className="command-error" role="alert">
          {t('listExport.failed')}
          <span className="alert-detail"> {download.message}</span>
        </p>
      )}
    </section>
  );
}
