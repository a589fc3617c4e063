import { useTranslation } from 'react-i18next';
import { TokenGate } from '../lib/TokenGate.tsx';
import { PhoneSession } from './PhoneSession.tsx';
import './phone.css';

/** `/phone#token=…`: the page a station's QR code opens on the volunteer's own phone. */
export function PhonePage() {
  const { t } = useTranslation();
  return (
    <TokenGate title={t('phone.title')} missing={t('phone.missingToken')}>
      {(token) => <PhoneSession key={token} token={token} />}
    </TokenGate>
  );
}
