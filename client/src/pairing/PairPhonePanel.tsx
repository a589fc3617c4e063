import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../lib/format-time.ts';
import { useNow } from '../lib/use-now.ts';
import type { StationSocket } from '../station/station-socket.ts';
import { QrCode } from './QrCode.tsx';
import { usePairing } from './use-pairing.ts';

/**
 * "Call from your phone": a QR code that opens the phone page paired with this station for this
 * shift. Each contact then comes up on the phone with one call button.
 */
export function PairPhonePanel({ socket }: { socket: StationSocket }) {
  const { t } = useTranslation();
  const describeError = useCallback((code: string) => t(`errors.codes.${code}`, { defaultValue: t('errors.codes.internal') }), [t]);
  const pairing = usePairing(socket, describeError);
  const { url, busy } = pairing;
  // The pairing runs out even with no phone connected to say so.
  const now = useNow(30_000);
  const expired = pairing.state.expiresAt !== null && Date.parse(pairing.state.expiresAt) <= now;
  const state = expired ? { paired: false, phoneConnected: false, expiresAt: null } : pairing.state;
  // Once the phone is in, the code leaves the screen: nobody else should scan it.
  const showCode = url !== null && state.paired && !state.phoneConnected;

  return (
    <section className="panel pair-phone" aria-labelledby="pair-phone-heading" data-testid="pair-phone">
      <h2 id="pair-phone-heading">{t('pairing.heading')}</h2>
      {showCode && (
        <>
          <p>{t('pairing.scan')}</p>
          <QrCode text={url} label={t('pairing.qrLabel')} />
          <p className="pair-url">
            <a href={url} target="_blank" rel="noreferrer" data-testid="pair-url">
              {t('pairing.openLink')}
            </a>
          </p>
        </>
      )}
      <p role="status" data-testid="pair-status">
        {state.paired
          ? state.phoneConnected
            ? t('pairing.connected', { time: formatTime(state.expiresAt ?? '') })
            : t('pairing.waiting', { time: formatTime(state.expiresAt ?? '') })
          : t('pairing.none')}
      </p>
      <div className="pair-actions">
        <button type="button" aria-disabled={busy} onClick={() => !busy && void pairing.create()}>
          {state.paired ? t('pairing.renew') : t('pairing.create')}
        </button>
        {state.paired && (
          <button type="button" aria-disabled={busy} onClick={() => !busy && void pairing.revoke()}>
            {t('pairing.revoke')}
          </button>
        )}
      </div>
      {pairing.error && (
        <p className="error" role="alert">
          {pairing.error}
        </p>
      )}
    </section>
  );
}
