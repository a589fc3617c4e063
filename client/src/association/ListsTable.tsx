import type { CallListSummary } from '@ringstuga/shared';
import { interpolate } from '../i18n/interpolate.ts';
import { sv } from '../i18n/sv.ts';
import { formatCount } from '../lib/format-number.ts';

interface ListsTableProps {
  lists: readonly CallListSummary[];
  shown: number | null;
  onOpen: (listId: number) => void;
}

/** The association's own lists with their sizes; each opens its progress, import and exports. */
export function ListsTable({ lists, shown, onOpen }: ListsTableProps) {
  return (
    <section className="panel association-lists" aria-labelledby="association-lists-heading">
      <h2 id="association-lists-heading">{sv.associationLists.heading}</h2>
      {lists.length === 0 ? (
        <p className="muted">{sv.associationLists.empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="association-lists">
            <thead>
              <tr>
                <th scope="col">{sv.associationLists.list}</th>
                <th scope="col" className="num">
                  {sv.associationLists.contacts}
                </th>
                <th scope="col">{sv.associationLists.notes}</th>
                <th scope="col">
                  <span className="visually-hidden">{sv.associationLists.open}</span>
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
                  <td>{list.notesEnabled ? sv.associationLists.notesOn : sv.associationLists.notesOff}</td>
                  <td>
                    <button
                      type="button"
                      aria-label={interpolate(sv.associationLists.openLabel, { name: list.name })}
                      aria-pressed={shown === list.id}
                      onClick={() => onOpen(list.id)}
                    >
                      {shown === list.id ? sv.associationLists.shown : sv.associationLists.open}
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
