import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AskOnce } from '../lib/AskOnce.tsx';
import { formatDateTime } from '../lib/format-time.ts';

interface Link {
  id: number;
  label: string | null;
  createdAt: string;
  revoked: boolean;
}

/** Links without their tokens: each one's name, any `columns`, when it was made, its state, and a revoke after one question. */
export function LinksTable<L extends Link>({
  links,
  labelledBy,
  testId,
  columns = [],
  onRevoke,
}: {
  links: L[];
  labelledBy: string;
  testId: string;
  columns?: { header: string; cell: (link: L) => ReactNode }[];
  onRevoke: (link: L, name: string) => void;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<number | null>(null);
  const name = (link: L) => link.label ?? t('setup.linkUnnamed', { when: formatDateTime(link.createdAt) });
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={labelledBy}>
      <table className="data-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t('setup.linkName')}</th>
            {columns.map((column) => (
              <th scope="col" key={column.header}>
                {column.header}
              </th>
            ))}
            <th scope="col">{t('setup.linkCreated')}</th>
            <th scope="col">{t('setup.linkState')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('setup.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {links.map((link) => (
            <tr key={link.id}>
              <td>{name(link)}</td>
              {columns.map((column) => (
                <td key={column.header}>{column.cell(link)}</td>
              ))}
              <td>{formatDateTime(link.createdAt)}</td>
              <td>{link.revoked ? t('setup.linkRevoked') : t('setup.linkActive')}</td>
              <td>
                {!link.revoked &&
                  (asking === link.id ? (
                    <AskOnce
                      id={`${testId}-revoke-${link.id}`}
                      question={t('setup.revokeQuestion', { name: name(link) })}
                      yes={t('setup.revokeYes')}
                      no={t('setup.revokeNo')}
                      onAnswer={(yes) => {
                        setAsking(null);
                        if (yes) onRevoke(link, name(link));
                      }}
                    />
                  ) : (
                    <button type="button" onClick={() => setAsking(link.id)} aria-label={t('setup.revokeOne', { name: name(link), when: formatDateTime(link.createdAt) })}>
                      {t('setup.revoke')}
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
