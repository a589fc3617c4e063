import { useTranslation } from 'react-i18next';
import { TokenGate } from '../lib/TokenGate.tsx';
import { StationSession } from './StationSession.tsx';

/** `/station#token=…`: one volunteer's station. */
export function StationPage() {
  const { t } = useTranslation();
  return (
    <TokenGate title={t('appName')} missing={t('station.missingToken')}>
      {(token) => <StationSession key={token} token={token} />}
    </TokenGate>
  );
}
