import { useState } from 'react';
import { interpolate } from '../i18n/interpolate.ts';
import { sv } from '../i18n/sv.ts';
import { formatTime } from '../lib/format-time.ts';
import { useVolunteerTotals } from './use-volunteer-totals.ts';
import { downloadVolunteersCsv } from './volunteer-totals.ts';
import { formatTotal, TOTALS_COLUMNS, VolunteerTotalsTable } from './VolunteerTotalsTable.tsx';

type Download = { kind: 'idle' } | { kind: 'downloading' } | { kind: 'failed'; message: string };

/** The figures the 2018 report lacked: volunteers, their hours and what an hour gave, campaign-wide. */
export function VolunteerTotalsPanel({ token }: { token: string }) {
  const { totals, fetchedAt, loading, error, refresh } = useVolunteerTotals(token);
  const [download, setDownload] = useState<Download>({ kind: 'idle' });

  const saveCsv = async () => {
    if (download.kind === 'downloading') return;
    setDownload({ kind: 'downloading' });
    const message = await downloadVolunteersCsv(token);
    setDownload(message === null ? { kind: 'idle' } : { kind: 'failed', message });
  };

  return (
    <section
      className="panel volunteer-totals"
      aria-labelledby="volunteer-totals-heading"
      aria-busy={loading}
      data-testid="volunteer-totals"
    >
      <h2 id="volunteer-totals-heading">{sv.volunteerTotals.heading}</h2>
      <p className="muted">{sv.volunteerTotals.hint}</p>
      <div className="button-row">
        <button type="button" aria-disabled={loading} onClick={() => !loading && refresh()}>
          {loading && totals ? sv.volunteerTotals.refreshing : sv.volunteerTotals.refresh}
        </button>
        <button type="button" aria-disabled={download.kind === 'downloading'} onClick={() => void saveCsv()}>
          {download.kind === 'downloading' ? sv.volunteerTotals.downloading : sv.volunteerTotals.download}
        </button>
        {fetchedAt && (
          <span className="muted volunteer-totals-fetched">
            {interpolate(sv.volunteerTotals.fetched, { time: formatTime(fetchedAt) })}
          </span>
        )}
      </div>
      {error && (
        <p className="command-error" role="alert">
          {sv.volunteerTotals.failed}
          <span className="alert-detail"> {error}</span>
        </p>
      )}
      {download.kind === 'failed' && (
        <p className="command-error" role="alert">
          {sv.volunteerTotals.downloadFailed}
          <span className="alert-detail"> {download.message}</span>
        </p>
      )}
      {!totals ? (
        !error && <p className="muted">{sv.volunteerTotals.loading}</p>
      ) : (
        <>
          <dl className="figures" data-testid="volunteer-totals-campaign">
            {TOTALS_COLUMNS.map((column) => (
              <div key={column}>
                <dt>{sv.volunteerTotals[column]}</dt>
                <dd data-figure={column}>{formatTotal(totals.campaign, column)}</dd>
              </div>
            ))}
          </dl>
          <VolunteerTotalsTable
            caption={sv.volunteerTotals.byAssociation}
            nameHeader={sv.volunteerTotals.association}
            rows={totals.associations}
            testId="volunteer-totals-associations"
          />
          <VolunteerTotalsTable
            caption={sv.volunteerTotals.byRoom}
            nameHeader={sv.volunteerTotals.room}
            rows={totals.rooms}
            testId="volunteer-totals-rooms"
          />
        </>
      )}
    </section>
  );
}
