import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AskOnce } from '../lib/AskOnce.tsx';
import { formatDateTime } from '../lib/format-time.ts';
import { ProblemLine } from '../lib/ProblemLine.tsx';
import { revokeRoomLink, type RoomLinkSummary } from './setup-api.ts';

/** Every call leader's and big screen's link (never its token), each revocable after one question: its pages close at once. */
export function RoomLinksPanel({ token, links }: { token: string; links: { data: RoomLinkSummary[] | null; error: string | null; refresh: () => void } }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const name = (link: RoomLinkSummary) => link.label ?? t('setup.linkUnnamed', { when: formatDateTime(link.createdAt) });

  const revoke = async (link: RoomLinkSummary) => {
    setAsking(null);
    const result = await revokeRoomLink(token, link.id);
    if (!result.ok) return setProblem(result.message);
    setProblem(null);
    setRevoked(t('setup.revoked', { name: name(link) }));
    links.refresh();
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
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="setup-links-heading">
          <table className="data-table" data-testid="setup-links-table">
            <thead>
              <tr>
                <th scope="col">{t('setup.linkName')}</th>
                <th scope="col">{t('setup.linkRole')}</th>
                <th scope="col">{t('setup.linkRoom')}</th>
                <th scope="col">{t('setup.linkState')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('setup.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((link) => (
                <tr key={link.id} data-testid={`setup-link-${link.id}`}>
                  <td>{name(link)}</td>
                  <td>{t(`setup.roles.${link.role}`)}</td>
                  <td>{link.room.name}</td>
                  <td>{link.revoked ? t('setup.linkRevoked') : t('setup.linkActive')}</td>
                  <td>
                    {!link.revoked &&
                      (asking === link.id ? (
                        <AskOnce
                          id={`setup-revoke-question-${link.id}`}
                          question={t('setup.revokeQuestion', { name: name(link) })}
                          yes={t('setup.revokeYes')}
                          no={t('setup.revokeNo')}
                          onAnswer={(yes) => (yes ? void revoke(link) : setAsking(null))}
                        />
                      ) : (
                        <button type="button" onClick={() => setAsking(link.id)} aria-label={t('setup.revokeOne', { name: name(link) })}>
                          {t('setup.revoke')}
                        </button>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
