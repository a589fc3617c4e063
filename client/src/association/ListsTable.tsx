import type { CallListSummary } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../lib/format-number.ts';

interface ListsTableProps {
  lists: readonly CallListSummary[];
  shown: number | null;
  onOpen: (listId: number) => void;
}

/** The association's own lists with their sizes; each opens its progress, import and exports. */
export function ListsTable({ lists, shown, onOpen }: ListsTableProps) {
  const { t } = useTranslation();
  return (
    <section className="panel association-lists" aria-labelledby="association-lists-heading">
      <h2 id="association-lists-heading">{t('associationLists.heading')}</h2>
      {lists.length === 0 ? (
        <p className="muted">{t('associationLists.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="association-lists">
            <thead>
              <tr>
                <th scope="col">{t('associationLists.list')}</th>
                <th scope="col" className="num">
                  {t('associationLists.contacts')}
                </th>
                <th scope="col">{t('associationLists.notes')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('associationLists.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {lists.map((list) => (
                <tr key={list.id} data-list={list.id} aria-current={shown === list.id || undefined}>
                  <th scope="row">{list.name}</th>
                  <td className="num" data-column="contacts">
                    {formatCount(list.contacts)}
                  </td>
                  <td>{list.notesEnabled ? t('associationLists.notesOn') : t('associationLists.notesOff')}</td>
                  <td>
                    {/* The same visible word whether open or not (aria-pressed tells which), so the name matches what is seen. */}
                    <button type="button" aria-pressed={shown === list.id} onClick={() => onOpen(list.id)}>
                      {t('associationLists.open')}
                      <span className="visually-hidden"> {t('associationLists.openWhich', { name: list.name })}</span>
                    </button>
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
