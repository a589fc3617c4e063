import { useTranslation } from 'react-i18next';
import { CopyLink } from '../lib/CopyLink.tsx';
import { QrCode } from '../pairing/QrCode.tsx';

/** The personal link, as text and as a QR code the station scans to check the person in (drawn here: no remote service sees it). */
export function PersonalQr({ token }: { token: string }) {
  const { t } = useTranslation();
  const url = `${window.location.origin}/me#token=${token}`;
  return (
    <section className="panel personal-qr" aria-labelledby="personal-qr-heading">
      <h2 id="personal-qr-heading">{t('me.qrHeading')}</h2>
      <p className="muted">{t('me.qrHint')}</p>
      <QrCode text={url} label={t('me.qrLabel')} />
      <CopyLink id="personal-url" label={t('me.linkLabel')} url={url} />
    </section>
  );
}
