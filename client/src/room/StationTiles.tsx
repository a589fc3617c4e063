import type { RoomState } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';
import { useNow } from '../lib/use-now.ts';
import type { RoomSocket } from './room-socket.ts';
import { StationTile } from './StationTile.tsx';

interface StationTilesProps {
  socket: RoomSocket;
  state: RoomState;
}

/** Every station in the room; statuses and call times tick each second between pushes. */
export function StationTiles({ socket, state }: StationTilesProps) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const stations = state.stations.toSorted((a, b) => a.number - b.number);
  return (
    <section className="tiles-section" aria-labelledby="tiles-heading">
      <h2 id="tiles-heading">{t('tiles.heading')}</h2>
      {stations.length === 0 ? (
        <p className="muted">{t('tiles.empty')}</p>
      ) : (
        <ul className="tiles">
          {stations.map((tile) => (
            <StationTile
              key={tile.id}
              socket={socket}
              tile={tile}
              lists={state.lists}
              now={now}
              idleAfterMs={state.idleAfterMs}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
