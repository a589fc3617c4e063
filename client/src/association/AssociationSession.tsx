import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CompareLink } from '../compare/CompareLink.tsx';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { useCampaignZone } from '../lib/use-campaign-zone.ts';
import { ListsTable } from './ListsTable.tsx';
import { ListView } from './ListView.tsx';
import { NewHelpersPanel } from './NewHelpersPanel.tsx';
import { NewListForm } from './NewListForm.tsx';
import { PledgesPanel } from './PledgesPanel.tsx';
import { ReturningPanel } from './ReturningPanel.tsx';
import { TeamsPanel } from './TeamsPanel.tsx';
import { useAssociationLists } from './use-association-lists.ts';

/** The association's page once its link is read: its lists, a new one, and the one opened. */
export function AssociationSession({ token }: { token: string }) {
  const { t } = useTranslation();
  // The panels learn the campaign's clock from their own answers: all of them show it once one has.
  useCampaignZone();
  const { lists, loading, error, refused, refresh, upsert } = useAssociationLists(token);
  const [shown, setShown] = useState<number | null>(null);
  const list = lists?.find((item) => item.id === shown);
  const association = lists?.[0]?.association.name;
  // The association's id comes with its lists: the link itself does not name it.
  const associationId = lists?.[0]?.association.id;

  return (
    <>
      <header className="station-header association-header">
        <h1>{association ? t('association.titleOf', { association }) : t('association.title')}</h1>
        <LanguageSwitch />
      </header>
      <main className="association-layout" aria-busy={loading}>
        <p className="muted association-privacy">{t('association.privacy')}</p>
        {error && (
          <div className="alert" role="alert">
            <p>{t('association.failed')}</p>
            <p className="alert-detail">{error}</p>
            {refused ? (
              <p>{t('association.refusedHint')}</p>
            ) : (
              <button type="button" onClick={refresh}>
                {t('association.retry')}
              </button>
            )}
          </div>
        )}
        {!lists ? (
          !error && <p className="muted">{t('association.loading')}</p>
        ) : (
          !refused && (
            <>
              <div className="association-top">
                <ListsTable lists={lists} shown={shown} onOpen={setShown} />
                <NewListForm
                  token={token}
                  onCreated={(created) => {
                    upsert(created);
                    setShown(created.id);
                  }}
                />
              </div>
              {list && (
                <ListView key={list.id} token={token} list={list} onChanged={refresh} onSaved={upsert} onClose={() => setShown(null)} />
              )}
              {associationId !== undefined && (
                <div className="association-top">
                  <TeamsPanel token={token} associationId={associationId} />
                  <PledgesPanel token={token} associationId={associationId} />
                </div>
              )}
              {associationId !== undefined && <ReturningPanel token={token} associationId={associationId} />}
              {associationId !== undefined && <NewHelpersPanel token={token} associationId={associationId} />}
              <CompareLink token={token} />
            </>
          )
        )}
      </main>
    </>
  );
}
