import type { Flag } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';
import { CommandError } from '../connection/CommandError.tsx';
import { useCommand } from '../connection/use-command.ts';
import { formatTime } from '../lib/format-time.ts';
import { stationTitle } from '../lib/station-title.ts';
import type { RoomSocket } from './room-socket.ts';

interface FlagsPanelProps {
  socket: RoomSocket;
  flags: readonly Flag[];
}

/** Calls a volunteer asked the leader to look at; handled ones leave with the next push. */
export function FlagsPanel({ socket, flags }: FlagsPanelProps) {
  const { t } = useTranslation();
  const open = flags.toSorted((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  return (
    <section className="panel flags" aria-labelledby="flags-heading">
      <h2 id="flags-heading">
        {t('flags.heading')}
        {open.length > 0 && <span className="count-badge">{open.length}</span>}
      </h2>
      {open.length === 0 ? (
        <p className="muted">{t('flags.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="flags-table data-table">
            <thead>
              <tr>
                <th scope="col">{t('flags.time')}</th>
                <th scope="col">{t('flags.station')}</th>
                <th scope="col">{t('flags.volunteer')}</th>
                <th scope="col">{t('flags.message')}</th>
                <th scope="col">{t('flags.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {open.map((flag) => (
                <FlagRow key={flag.id} socket={socket} flag={flag} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function FlagRow({ socket, flag }: { socket: RoomSocket; flag: Flag }) {
  const { t } = useTranslation();
  const command = useCommand(socket);
  const station = stationTitle(t, flag.station);
  const time = formatTime(flag.createdAt);
  return (
    <tr data-testid={`flag-${flag.id}`}>
      <td>{time}</td>
      <th scope="row">{station}</th>
      <td>{flag.volunteer ?? t('format.none')}</td>
      <td className="flag-message">{flag.message}</td>
      <td>
        <button
          type="button"
          aria-label={t('flags.handleLabel', { station, time })}
          aria-disabled={command.pending}
          onClick={() => void command.run('flag:handle', { flagId: flag.id })}
        >
          {t('flags.handle')}
        </button>
        <CommandError error={command.error} />
      </td>
    </tr>
  );
}
