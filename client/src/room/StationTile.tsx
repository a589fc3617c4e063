import { tileStatus, type ListBreakdown, type StationTile as Tile } from '@ringstuga/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CommandError } from '../connection/CommandError.tsx';
import { useCommand } from '../connection/use-command.ts';
import { formatClock } from '../lib/format-number.ts';
import { languageName } from '../lib/languages.ts';
import { stationTitle } from '../lib/station-title.ts';
import type { RoomSocket } from './room-socket.ts';

interface StationTileProps {
  socket: RoomSocket;
  tile: Tile;
  lists: readonly ListBreakdown[];
  now: number;
  idleAfterMs: number;
}

const FREE = '';
/** From this many skips in a row the leader is shown them: a volunteer may need help, or a link is being harvested. */
export const SKIPS_SHOWN_FROM = 3;

/** One station: who calls there, what it is doing, and which list it is fixed to. */
export function StationTile({ socket, tile, lists, now, idleAfterMs }: StationTileProps) {
  const { t } = useTranslation();
  const status = tileStatus(tile, now, idleAfterMs);
  const command = useCommand(socket);
  // The leader's choice shows at once; the next push confirms it (or the error says why not).
  const [chosen, setChosen] = useState<string | null>(null);
  const selectId = `tile-${tile.id}-list`;
  const errorId = `tile-${tile.id}-error`;
  const { shift } = tile;
  const title = stationTitle(t, tile);

  const statusText =
    status === 'on_call' && tile.callStartedAt
      ? t('tiles.onCallFor', { duration: formatClock(now - Date.parse(tile.callStartedAt)) })
      : t(`tiles.status.${status}`);

  const scope = async (value: string) => {
    setChosen(value);
    const listId = value === FREE ? null : Number(value);
    await command.run('station:scope', { stationId: tile.id, listId });
    setChosen(null);
  };

  return (
    <li className={`tile tile-${status}`} data-testid={`tile-${tile.number}`} data-status={status}>
      <h3>
        {title}
        {tile.remote && <span className="tile-remote"> ({t('remoteStations.remote')})</span>}
      </h3>
      <p className="tile-status">
        <span className="tile-dot" aria-hidden="true" />
        {statusText}
      </p>
      {(tile.rateLimited || tile.skipsInARow >= SKIPS_SHOWN_FROM) && (
        <ul className="tile-warnings" data-testid={`tile-${tile.number}-warnings`}>
          {tile.rateLimited && <li>{t('tiles.rateLimited')}</li>}
          {tile.skipsInARow >= SKIPS_SHOWN_FROM && <li>{t('tiles.skipsInARow', { count: tile.skipsInARow })}</li>}
        </ul>
      )}
      {shift && (
        <dl className="tile-facts">
          <div>
            <dt>{t('tiles.volunteer')}</dt>
            <dd>{shift.name}</dd>
          </div>
          <div>
            <dt>{t('tiles.association')}</dt>
            <dd>{shift.association?.name ?? t('tiles.wholeDistrict')}</dd>
          </div>
          {shift.languages.length > 0 && (
            <div>
              <dt>{t('tiles.languages')}</dt>
              <dd>{shift.languages.map((code) => languageName(t, code)).join(', ')}</dd>
            </div>
          )}
          <div>
            <dt>{t('tiles.shiftFigures')}</dt>
            <dd>
              {t('tiles.figures', {
                attempts: shift.attempts,
                answered: shift.answered,
                conversations: shift.conversations,
              })}
            </dd>
          </div>
        </dl>
      )}
      <div className="tile-scope">
        <label htmlFor={selectId}>
          {t('tiles.listLabel')}
          <span className="visually-hidden"> – {title}</span>
        </label>
        <select
          id={selectId}
          value={chosen ?? (tile.fixedListId === null ? FREE : String(tile.fixedListId))}
          aria-busy={command.pending}
          aria-describedby={command.error ? errorId : undefined}
          onChange={(event) => void scope(event.target.value)}
        >
          <option value={FREE}>{t('tiles.anyList')}</option>
          {lists.map((list) => (
            <option key={list.listId} value={String(list.listId)}>
              {t('tiles.listOption', { name: list.name, association: list.association.name })}
            </option>
          ))}
        </select>
        <CommandError id={errorId} error={command.error} />
      </div>
    </li>
  );
}
