import { zOkResult, type Flag } from '@ringstuga/shared';
import { CommandError } from '../connection/CommandError.tsx';
import { useCommand } from '../connection/use-command.ts';
import { interpolate } from '../i18n/interpolate.ts';
import { sv } from '../i18n/sv.ts';
import { formatTime } from '../lib/format-time.ts';
import { stationTitle } from '../lib/station-title.ts';
import type { RoomSocket } from './room-socket.ts';

interface FlagsPanelProps {
  socket: RoomSocket;
  flags: readonly Flag[];
}

/** Calls a volunteer asked the leader to look at; handled ones leave with the next push. */
export function FlagsPanel({ socket, flags }: FlagsPanelProps) {
  const open = flags.toSorted((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  return (
    <section className="panel flags" aria-labelledby="flags-heading">
      <h2 id="flags-heading">
        {sv.flags.heading}
        {open.length > 0 && <span className="count-badge">{open.length}</span>}
      </h2>
      {open.length === 0 ? (
        <p className="muted">{sv.flags.empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="flags-table data-table">
            <thead>
              <tr>
                <th scope="col">{sv.flags.time}</th>
                <th scope="col">{sv.flags.station}</th>
                <th scope="col">{sv.flags.volunteer}</th>
                <th scope="col">{sv.flags.message}</th>
                <th scope="col">{sv.flags.actions}</th>
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
  const command = useCommand(socket);
  const station = stationTitle(flag.station);
  const time = formatTime(flag.createdAt);
  return (
    <tr data-testid={`flag-${flag.id}`}>
      <td>{time}</td>
      <th scope="row">{station}</th>
      <td>{flag.volunteer ?? sv.format.none}</td>
      <td className="flag-message">{flag.message}</td>
      <td>
        <button
          type="button"
          aria-label={interpolate(sv.flags.handleLabel, { station, time })}
          aria-disabled={command.pending}
          onClick={() => void command.run(zOkResult, () => socket.emitWithAck('flag:handle', { flagId: flag.id }))}
        >
          {sv.flags.handle}
        </button>
        <CommandError error={command.error} />
      </td>
    </tr>
  );
}
