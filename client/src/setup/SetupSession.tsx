import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { useCampaignZone } from '../lib/use-campaign-zone.ts';
import { useLoaded } from '../lib/use-loaded.ts';
import { AssociationsPanel } from './AssociationsPanel.tsx';
import { RoomLinksPanel } from './RoomLinksPanel.tsx';
import { RoomsPanel } from './RoomsPanel.tsx';
import { fetchRoomLinks, fetchStationLinks } from './setup-api.ts';

/** The set-up once its token is read: what the admin otherwise made with curl. */
export function SetupSession({ token }: { token: string }) {
  const { t } = useTranslation();
  // The rooms' answer names the campaign's clock: the links' times follow it once it has come.
  useCampaignZone();
  // A leader link made in a room's card shows in the links' list at once; revoking one renews the
  // join links of the remote stations that leader made, so the rooms' station links are read again.
  const links = useLoaded(useCallback((signal: AbortSignal) => fetchRoomLinks(token, signal), [token]));
  const stations = useLoaded(useCallback((signal: AbortSignal) => fetchStationLinks(token, signal), [token]));
  return (
    <>
      <header className="station-header">
        <h1>{t('setup.title')}</h1>
        <LanguageSwitch />
      </header>
      <main className="setup-layout">
        <p className="muted">{t('setup.lead')}</p>
        <AssociationsPanel token={token} />
        <RoomsPanel token={token} stations={stations} onLinkMade={links.refresh} />
        <RoomLinksPanel token={token} links={links} onRevoked={stations.refresh} />
      </main>
    </>
  );
}
