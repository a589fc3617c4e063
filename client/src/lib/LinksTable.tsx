import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AskOnce } from './AskOnce.tsx';
import { formatDateTime } from './format-time.ts';

interface Link {
  id: number;
  label: string | null;
  createdAt: string;
  revoked: boolean;
}

/** A link's name: its label, or when it was made. */
export function useLinkName(): (link: Link) => string {
  const { t } = useTranslation();
  return (link) => link.label ?? t('links.unnamed', { when: formatDateTime(link.createdAt) });
}

/**
 * Links without their tokens (sign-up, association, leader and screen links): each one's name, any
 * `columns`, when it was made, its state, and a revoke after one question (`consequence` adds what
 * the revoke leaves as it is). Each row is `${testId}-${id}`.
 */
export function LinksTable<L extends Link>({
  links,
  labelledBy,
  testId,
  columns = [],
  consequence,
  onRevoke,
}: {
  links: L[];
  labelledBy: string;
  testId: string;
  columns?: { header: string; cell: (link: L) => ReactNode }[];
  consequence?: string;
  onRevoke: (link: L, name: string) => void;
}) {
  const { t } = useTranslation();
  const name = useLinkName();
  const [asking, setAsking] = useState<number | null>(null);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={labelledBy}>
      <table className="data-table" data-testid={`${testId}-table`}>
        <thead>
          <tr>
            <th scope="col">{t('links.name')}</th>
            {columns.map((column) => (
              <th scope="col" key={column.header}>
                {column.header}
              </th>
            ))}
            <th scope="col">{t('links.created')}</th>
            <th scope="col">{t('links.state')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('links.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {links.map((link) => (
            <tr key={link.id} data-testid={`${testId}-${link.id}`}>
              <td>{name(link)}</td>
              {columns.map((column) => (
                <td key={column.header}>{column.cell(link)}</td>
              ))}
              <td>{formatDateTime(link.createdAt)}</td>
              <td>{link.revoked ? t('links.revoked') : t('links.active')}</td>
              <td>
                {!link.revoked &&
                  (asking === link.id ? (
                    <AskOnce
                      id={`${testId}-revoke-${link.id}`}
                      question={[t('links.revokeQuestion', { name: name(link) }), consequence].filter(Boolean).join(' ')}
                      yes={t('links.revokeYes')}
                      no={t('links.revokeNo')}
                      onAnswer={(yes) => {
                        setAsking(null);
                        if (yes) onRevoke(link, name(link));
                      }}
                    />
                  ) : (
                    <button type="button" onClick={() => setAsking(link.id)} aria-label={t('links.revokeOne', { name: name(link), when: formatDateTime(link.createdAt) })}>
                      {t('links.revoke')}
                    </button>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
