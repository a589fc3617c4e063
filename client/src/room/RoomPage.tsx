import { useTranslation } from 'react-i18next';
import { TokenGate } from '../lib/TokenGate.tsx';
import { RoomSession } from './RoomSession.tsx';
import './room.css';

/** `/room#token=…`: the call leader's board for one room. */
export function RoomPage() {
  const { t } = useTranslation();
  return (
    <TokenGate title={t('room.untitled')} missing={t('room.missingToken')}>
      {(token) => <RoomSession key={token} token={token} />}
    </TokenGate>
  );
}
