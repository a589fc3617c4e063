import type { ListBreakdown } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';
import { CommandError } from '../connection/CommandError.tsx';
import { useCommand } from '../connection/use-command.ts';
import { formatCount } from '../lib/format-number.ts';
import { BREAKDOWN } from '../lists/breakdown.ts';
import type { RoomSocket } from './room-socket.ts';

interface ListRowProps {
  socket: RoomSocket;
  list: ListBreakdown;
  editing: boolean;
  onEdit: () => void;
}

export function ListRow({ socket, list, editing, onEdit }: ListRowProps) {
  const { t } = useTranslation();
  const command = useCommand(socket);
  const errorId = `list-${list.listId}-error`;
  const release = () => void command.run('list:release-speakers', { listId: list.listId });
  const toggle = () =>
void command.run(list.active ? 'list:pause' : 'list:resume', { listId: list.listId });

  return (
    <tr data-testid={`list-row-${list.listId}`} data-active={list.active}>
      <th scope="row">
        {list.name}
        <span className="muted list-association"> {list.association.name}</span>
        {!list.active && <span className="badge badge-paused">{t('lists.paused')}</span>}
      </th>
      {BREAKDOWN.map((count) => (
        <td key={count} className="num" data-count={count}>
          {formatCount(list.counts[count])}
        </td>
      ))}
      <td className="list-actions">
        <div className="button-row">
          <button
            type="button"
            data-testid={`list-${list.active ? 'pause' : 'resume'}-${list.listId}`}
            aria-label={t(list.active ? 'lists.pauseLabel' : 'lists.resumeLabel', { name: list.name })}
            aria-disabled={command.pending}
            aria-describedby={command.error ? errorId : undefined}
            onClick={toggle}
          >
            {list.active ? t('lists.pause') : t('lists.resume')}
          </button>
          <button
            type="button"
            aria-label={t('lists.editScriptLabel', { name: list.name })}
            aria-expanded={editing}
            aria-controls={editing ? 'script-editor' : undefined}
            onClick={onEdit}
          >
            {t('lists.editScript')}
          </button>
          {list.counts.waitingForSpeaker > 0 && (
            // Nobody here speaks their language: the leader lets every volunteer call them.
            <button
              type="button"
              data-testid={`list-release-${list.listId}`}
              aria-label={t('lists.releaseLabel', { name: list.name, count: list.counts.waitingForSpeaker })}
              aria-disabled={command.pending}
              onClick={release}
            >
              {t('lists.release')}
            </button>
          )}
        </div>
        <CommandError id={errorId} error={command.error} />
      </td>
    </tr>
  );
}
