import { isRefusalReason } from '@ringstuga/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ConnectionState } from './use-socket-connection.ts';

/** Refused or kicked: socket.io has given up, only the volunteer can try again. */
export function isFinal(connection: ConnectionState): boolean {
  return connection.status === 'refused' || connection.status === 'kicked';
}

/** The server's reason for refusing the join, when it gave one this page knows. */
const knownReason = (connection: ConnectionState) => ('why' in connection && isRefusalReason(connection.why) ? connection.why : undefined);

/** In the page's language where the server said why; a refusal without a reason in the server's own (English) words. */
export function connectionText(t: TFunction, connection: ConnectionState): string {
  const why = knownReason(connection);
  if (why) return t(`refusals.reasons.${why}`);
  if (connection.status === 'refused') return t('connection.refused', { reason: connection.reason });
  return t(`connection.${connection.status}`);
}

/** The always-visible badge in the header. */
export function ConnectionBadge({ connection }: { connection: ConnectionState }) {
  const { t } = useTranslation();
  return (
    <p className={`connection connection-${connection.status}`} role="status" title={connectionText(t, connection)}>
      <span className="connection-dot" aria-hidden="true" />
      <span className="visually-hidden">{t('connection.label')}: </span>
      {t(`connection.badge.${connection.status}`)}
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
export function ConnectionProblem({ connection, onReconnect, refusedHint }: ConnectionProblemProps) {
  const { t } = useTranslation();
  const final = isFinal(connection);
  return (
    <section className={final ? 'panel panel-error' : 'panel'} role="alert" aria-labelledby="connection-heading">
      <h2 id="connection-heading">{connectionText(t, connection)}</h2>
      {connection.status === 'refused' && <p>{refusedHint ?? t('connection.refusedHint')}</p>}
      {/* A refusal that passes says itself what happens; the network hint is for a network that failed. */}
      {!final && !knownReason(connection) && <p className="muted">{t('connection.retryingHint')}</p>}
      {final && (
        <button type="button" onClick={onReconnect}>
          {t('connection.reconnect')}
        </button>
      )}
    </section>
  );
}
