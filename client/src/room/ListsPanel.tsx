import type { ListBreakdown } from '@ringstuga/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BREAKDOWN } from '../lists/breakdown.ts';
import { ListRow } from './ListRow.tsx';
import type { RoomSocket } from './room-socket.ts';
import { ScriptEditor } from './ScriptEditor.tsx';

interface ListsPanelProps {
  socket: RoomSocket;
  lists: readonly ListBreakdown[];
}

/** Where every list's contacts stand, with the leader's controls for each list. */
export function ListsPanel({ socket, lists }: ListsPanelProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<number | null>(null);
  const edited = lists.find((list) => list.listId === editing);
  return (
    <section className="panel lists" aria-labelledby="lists-heading">
      <h2 id="lists-heading">{t('lists.heading')}</h2>
      {lists.length === 0 ? (
        <p className="muted">{t('lists.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="breakdown data-table">
            <thead>
              <tr>
                <th scope="col">{t('lists.list')}</th>
                {BREAKDOWN.map((count) => (
                  <th key={count} scope="col" className="num">
                    {t(`lists.${count}`)}
                  </th>
                ))}
                <th scope="col">{t('lists.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {lists.map((list) => (
                <ListRow
                  key={list.listId}
                  socket={socket}
                  list={list}
                  editing={editing === list.listId}
                  onEdit={() => setEditing(editing === list.listId ? null : list.listId)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {edited && <ScriptEditor key={edited.listId} socket={socket} list={edited} onClose={() => setEditing(null)} />}
    </section>
  );
}
