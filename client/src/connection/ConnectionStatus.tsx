import { interpolate } from '../i18n/interpolate.ts';
import { sv } from '../i18n/sv.ts';
import type { ConnectionState } from './use-socket-connection.ts';

/** Refused or kicked: socket.io has given up, only the volunteer can try again. */
export function isFinal(connection: ConnectionState): boolean {
  return connection.status === 'refused' || connection.status === 'kicked';
}

function describe(connection: ConnectionState): string {
  if (connection.status === 'refused') return interpolate(sv.connection.refused, { reason: connection.reason });
  return sv.connection[connection.status];
}

/** The always-visible badge in the header. */
export function ConnectionBadge({ connection }: { connection: ConnectionState }) {
  return (
    <p className={`connection connection-${connection.status}`} role="status" title={describe(connection)}>
      <span className="connection-dot" aria-hidden="true" />
      <span className="visually-hidden">{sv.connection.label}: </span>
      {sv.connection.badge[connection.status]}
    </p>
  );
}

interface ConnectionProblemProps {
  connection: ConnectionState;
  onReconnect: () => void;
  /** What to do about a refusal: the station's, the room's and the screen's links come from different people. */
  refusedHint?: string;
}

/** The whole story of a connection problem, with the way out when there is one. */
export function ConnectionProblem({ connection, onReconnect, refusedHint = sv.connection.refusedHint }: ConnectionProblemProps) {
  const final = isFinal(connection);
  return (
    <section className={final ? 'panel panel-error' : 'panel'} role="alert" aria-labelledby="connection-heading">
      <h2 id="connection-heading">{describe(connection)}</h2>
      {connection.status === 'refused' && <p>{refusedHint}</p>}
      {!final && <p className="muted">{sv.connection.retryingHint}</p>}
      {final && (
        <button type="button" onClick={onReconnect}>
          {sv.connection.reconnect}
        </button>
      )}
    </section>
  );
}
