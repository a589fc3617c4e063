import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyLink } from '../lib/CopyLink.tsx';
import { LinksTable } from '../lib/LinksTable.tsx';
import { useLoaded } from '../lib/use-loaded.ts';
import { createSignupLink, fetchSignupLinks, revokeSignupLink, type RoomSummary, type SignupLinkRow } from './planning-api.ts';
import { RefusalText } from './RefusalText.tsx';
import type { Refusal } from './refusal.ts';

/**
 * Sign-up links for the room chosen (the admin with every room chosen: one for all rooms). Each is
 * shown once to copy; the list has them without tokens, each revocable after one question.
 */
export function SignupLinksPanel({ token, room, rooms }: { token: string; room: RoomSummary | null; rooms: RoomSummary[] }) {
  const { t } = useTranslation();
  const links = useLoaded(useCallback((signal: AbortSignal) => fetchSignupLinks(token, signal), [token]));
  const [label, setLabel] = useState('');
  const [made, setMade] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const roomName = (link: SignupLinkRow) => (link.roomId === null ? t('planning.allRooms') : (rooms.find((item) => item.id === link.roomId)?.name ?? `#${link.roomId}`));
  const shown = (links.data ?? []).filter((link) => room === null || link.roomId === room.id || link.roomId === null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const result = await createSignupLink(token, { roomId: room?.id, label: label.trim() || undefined });
    if (!result.ok) return setRefusal({ lead: t('planning.linkFailed'), detail: result.message });
    setRefusal(null);
    setLabel('');
    setMade(result.data.url);
    links.refresh();
  };

  const revoke = async (link: SignupLinkRow, name: string) => {
    const result = await revokeSignupLink(token, link.id);
    if (!result.ok) return setRefusal({ lead: t('planning.revokeFailed'), detail: result.message });
    setRefusal(null);
    setRevoked(t('links.revokedNotice', { name }));
    links.refresh();
  };

  return (
    <section className="panel" aria-labelledby="signup-links-heading" data-testid="signup-links-panel">
      <h2 id="signup-links-heading">{t('planning.linksHeading')}</h2>
      <p className="muted">{room ? t('planning.linksHintRoom', { room: room.name }) : t('planning.linksHintAll')}</p>
      <form noValidate onSubmit={(event) => void create(event)} data-testid="signup-link-form">
        <div className="field">
          <label htmlFor="signup-link-label">{t('planning.linkLabelLabel')}</label>
          <input id="signup-link-label" maxLength={80} value={label} onChange={(event) => setLabel(event.target.value)} />
        </div>
        <button type="submit" className="primary">
          {t('planning.makeLink')}
        </button>
      </form>
      {made && <CopyLink id="signup-link-url" label={t('planning.linkUrlLabel')} url={made} testId="signup-link-url" />}
      <RefusalText refusal={refusal ?? (links.error ? { lead: t('planning.linksFailed'), detail: links.error } : null)} />
      <p className="notice" aria-live="polite">
        {revoked ?? ''}
      </p>
      {shown.length > 0 && (
        <LinksTable
          links={shown}
          labelledBy="signup-links-heading"
          testId="signup-links"
          columns={[{ header: t('planning.linkRoom'), cell: roomName }]}
          consequence={t('planning.revokeKeepsBookings')}
          onRevoke={(link, name) => void revoke(link, name)}
        />
      )}
    </section>
  );
}
