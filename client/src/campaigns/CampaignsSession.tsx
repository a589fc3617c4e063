import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { useLoaded } from '../lib/use-loaded.ts';
import { CampaignForm } from './CampaignForm.tsx';
import { CampaignRow } from './CampaignRow.tsx';
import { fetchCampaigns } from './campaigns-api.ts';

/** The campaigns page once its token is read: the table of campaigns and the form that makes one. */
export function CampaignsSession({ token }: { token: string }) {
  const { t } = useTranslation();
  const campaigns = useLoaded(useCallback((signal: AbortSignal) => fetchCampaigns(token, signal), [token]));
  const [editing, setEditing] = useState<number | null>(null);
  const list = campaigns.data ?? [];
  return (
    <>
      <header className="station-header">
        <h1>{t('campaigns.title')}</h1>
        <LanguageSwitch />
      </header>
      <main className="campaigns-layout" aria-busy={!campaigns.data && !campaigns.error}>
        {campaigns.error && (
          <div className="alert" role="alert">
            <p>{t('campaigns.loadFailed')}</p>
            <p className="alert-detail">{campaigns.error}</p>
          </div>
        )}
        <section className="panel" aria-labelledby="campaigns-heading">
          <h2 id="campaigns-heading">{t('campaigns.listHeading')}</h2>
          <p className="muted">{t('campaigns.listHint')}</p>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="campaigns-heading">
            <table className="data-table" data-testid="campaigns-table">
              <thead>
                <tr>
                  <th scope="col">{t('campaigns.name')}</th>
                  <th scope="col">{t('campaigns.startsOn')}</th>
                  <th scope="col">{t('campaigns.electionDay')}</th>
                  <th scope="col">{t('campaigns.endsOn')}</th>
                  <th scope="col">{t('campaigns.status')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('campaigns.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((campaign) => (
                  <CampaignRow
                    key={campaign.id}
                    token={token}
                    campaign={campaign}
                    editing={editing === campaign.id}
                    onEdit={(on) => setEditing(on ? campaign.id : null)}
                    onChanged={campaigns.refresh}
                  />
                ))}
              </tbody>
            </table>
          </div>
          {list.length > 1 && (
            <p>
              <a href={`/compare#token=${encodeURIComponent(token)}`}>{t('campaigns.compareLink')}</a>
            </p>
          )}
        </section>
        <CampaignForm token={token} campaigns={list} onMade={campaigns.refresh} />
      </main>
    </>
  );
}
