import { tileStatus, zOkResult, type ListBreakdown, type StationTile as Tile } from '@ringstuga/shared';
import { useState } from 'react';
import { CommandError } from '../connection/CommandError.tsx';
import { useCommand } from '../connection/use-command.ts';
import { interpolate } from '../i18n/interpolate.ts';
import { sv } from '../i18n/sv.ts';
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

/** One station: who calls there, what it is doing, and which list it is fixed to. */
export function StationTile({ socket, tile, lists, now, idleAfterMs }: StationTileProps) {
  const status = tileStatus(tile, now, idleAfterMs);
  const command = useCommand(socket);
  // The leader's choice shows at once; the next push confirms it (or the error says why not).
  const [chosen, setChosen] = useState<string | null>(null);
  const selectId = `tile-${tile.id}-list`;
  const errorId = `tile-${tile.id}-error`;
  const { shift } = tile;
  const title = stationTitle(tile);

  const statusText =
    status === 'on_call' && tile.callStartedAt
      ? interpolate(sv.tiles.onCallFor, { duration: formatClock(now - Date.parse(tile.callStartedAt)) })
      : sv.tiles.status[status];

  const scope = async (value: string) => {
    setChosen(value);
    const listId = value === FREE ? null : Number(value);
    await command.run(zOkResult, () => socket.emitWithAck('station:scope', { stationId: tile.id, listId }));
    setChosen(null);
  };

  return (
    <li className={`tile tile-${status}`} data-testid={`tile-${tile.number}`} data-status={status}>
      <h3>{title}</h3>
      <p className="tile-status">
        <span className="tile-dot" aria-hidden="true" />
        {statusText}
      </p>
      {shift && (
        <dl className="tile-facts">
          <div>
            <dt>{sv.tiles.volunteer}</dt>
            <dd>{shift.name}</dd>
          </div>
          <div>
            <dt>{sv.tiles.association}</dt>
            <dd>{shift.association?.name ?? sv.tiles.wholeDistrict}</dd>
          </div>
          {shift.languages.length > 0 && (
            <div>
              <dt>{sv.tiles.languages}</dt>
              <dd>{shift.languages.map(languageName).join(', ')}</dd>
            </div>
          )}
          <div>
            <dt>{sv.tiles.shiftFigures}</dt>
            <dd>
              {interpolate(sv.tiles.figures, {
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
          {sv.tiles.listLabel}
          <span className="visually-hidden"> – {title}</span>
        </label>
        <select
          id={selectId}
          value={chosen ?? (tile.fixedListId === null ? FREE : String(tile.fixedListId))}
          aria-busy={command.pending}
          aria-describedby={command.error ? errorId : undefined}
          onChange={(event) => void scope(event.target.value)}
        >
          <option value={FREE}>{sv.tiles.anyList}</option>
          {lists.map((list) => (
            <option key={list.listId} value={String(list.listId)}>
              {interpolate(sv.tiles.listOption, { name: list.name, association: list.association.name })}
            </option>
          ))}
        </select>
        <CommandError id={errorId} error={command.error} />
      </div>
    </li>
  );
}
