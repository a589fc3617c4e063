import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemLine } from '../lib/ProblemLine.tsx';
import { LinksTable } from '../lib/LinksTable.tsx';
import { revokeRoomLink, type RoomLinkSummary } from './setup-api.ts';

/** Every call leader's and big screen's link (never its token), each revocable after one question: its pages close at once. */
export function RoomLinksPanel({
  token,
  links,
  onRevoked,
}: {
  token: string;
  links: { data: RoomLinkSummary[] | null; error: string | null; refresh: () => void };
  onRevoked: () => void;
}) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);

  const revoke = async (link: RoomLinkSummary, name: string) => {
    const result = await revokeRoomLink(token, link.id);
    if (!result.ok) return setProblem(result.message);
    setProblem(null);
    setRevoked(t('links.revokedNotice', { name }));
    links.refresh();
    onRevoked();
  };

  const list = links.data ?? [];
  return (
    <section className="panel" aria-labelledby="setup-links-heading" data-testid="setup-links">
      <h2 id="setup-links-heading">{t('setup.linksHeading')}</h2>
      <p className="muted">{t('setup.linksHint')}</p>
      <ProblemLine problem={links.error ?? problem} />
      <p className="notice" aria-live="polite">
        {revoked ?? ''}
      </p>
      {links.data && list.length === 0 && <p>{t('setup.noLinks')}</p>}
      {list.length > 0 && (
        <LinksTable
          links={list}
          labelledBy="setup-links-heading"
          testId="setup-links"
          columns={[
            { header: t('setup.linkRole'), cell: (link) => t(`setup.roles.${link.role}`) },
            { header: t('setup.linkRoom'), cell: (link) => link.room.name },
          ]}
          onRevoke={(link, name) => void revoke(link, name)}
        />
      )}
    </section>
  );
}
