import { useTranslation } from 'react-i18next';
import { TokenGate } from '../lib/TokenGate.tsx';
import { MeSession } from './MeSession.tsx';
import '../signup/signup.css';

/** `/me#token=…` (and `&cancel=<bookingId>` from an email): a volunteer's own bookings, pledges and details. */
export function MePage() {
  const { t } = useTranslation();
  return (
    <TokenGate title={t('me.title')} missing={t('me.missingToken')}>
      {(token) => <MeSession key={token} token={token} />}
    </TokenGate>
  );
}
