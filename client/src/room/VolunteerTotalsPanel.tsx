import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../lib/format-time.ts';
import { useVolunteerTotals } from './use-volunteer-totals.ts';
import { downloadVolunteerTotals, type TotalsFormat } from './volunteer-totals.ts';
import { formatTotal, TOTALS_COLUMNS, VolunteerTotalsTable } from './VolunteerTotalsTable.tsx';

type Download = { kind: 'idle' } | { kind: 'downloading'; format: TotalsFormat } | { kind: 'failed'; message: string };

/** The figures the 2018 report lacked: volunteers, their hours and what an hour gave, campaign-wide. */
export function VolunteerTotalsPanel({ token }: { token: string }) {
  const { t } = useTranslation();
  const { totals, fetchedAt, loading, error, refresh } = useVolunteerTotals(token);
  const [download, setDownload] = useState<Download>({ kind: 'idle' });

  const save = async (format: TotalsFormat) => {
    if (download.kind === 'downloading') return;
    setDownload({ kind: 'downloading', format });
    const message = await downloadVolunteerTotals(token, format);
    setDownload(message === null ? { kind: 'idle' } : { kind: 'failed', message });
  };

  return (
    <section
      className="panel volunteer-totals"
      aria-labelledby="volunteer-totals-heading"
      aria-busy={loading}
      data-testid="volunteer-totals"
    >
      <h2 id="volunteer-totals-heading">{t('volunteerTotals.heading')}</h2>
      <p className="muted">{t('volunteerTotals.hint')}</p>
      <div className="button-row">
        <button type="button" aria-disabled={loading} onClick={() => !loading && refresh()}>
          {loading && totals ? t('volunteerTotals.refreshing') : t('volunteerTotals.refresh')}
        </button>
        <button type="button" className="primary" aria-disabled={download.kind === 'downloading'} onClick={() => void save('xlsx')}>
          {download.kind === 'downloading' && download.format === 'xlsx' ? t('volunteerTotals.downloading') : t('volunteerTotals.downloadXlsx')}
        </button>
        <button type="button" aria-disabled={download.kind === 'downloading'} onClick={() => void save('csv')}>
          {download.kind === 'downloading' && download.format === 'csv' ? t('volunteerTotals.downloading') : t('volunteerTotals.downloadCsv')}
        </button>
        {fetchedAt && (
          <span className="muted volunteer-totals-fetched">
            {t('volunteerTotals.fetched', { time: formatTime(fetchedAt) })}
          </span>
        )}
      </div>
      {error && (
        <p className="command-error" role="alert">
          {t('volunteerTotals.failed')}
          <span className="alert-detail"> {error}</span>
        </p>
      )}
      {download.kind === 'failed' && (
        <p className="command-error" role="alert">
          {t('volunteerTotals.downloadFailed')}
          <span className="alert-detail"> {download.message}</span>
        </p>
      )}
      {!totals ? (
        !error && <p className="muted">{t('volunteerTotals.loading')}</p>
      ) : (
        <>
          <dl className="figures" data-testid="volunteer-totals-campaign">
            {TOTALS_COLUMNS.map((column) => (
              <div key={column}>
                <dt>{t(`volunteerTotals.${column}`)}</dt>
                <dd data-figure={column}>{formatTotal(t, totals.campaign, column)}</dd>
              </div>
            ))}
          </dl>
          <VolunteerTotalsTable
            caption={t('volunteerTotals.byAssociation')}
            nameHeader={t('volunteerTotals.association')}
            rows={totals.associations}
            testId="volunteer-totals-associations"
          />
          <VolunteerTotalsTable
            caption={t('volunteerTotals.byRoom')}
            nameHeader={t('volunteerTotals.room')}
            rows={totals.rooms}
            testId="volunteer-totals-rooms"
          />
        </>
      )}
    </section>
  );
}
