import { useTranslation } from 'react-i18next';
import { LanguageBar } from '../i18n/LanguageSwitch.tsx';
import { useFragmentToken } from '../lib/fragment-token.ts';
import { RoomSession } from './RoomSession.tsx';
import './room.css';

/** `/room#token=…`: the call leader's board for one room. */
export function RoomPage() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  if (!token) {
    return (
      <>
        <LanguageBar />
        <main className="page narrow">
          <h1>{t('room.untitled')}</h1>
          <p className="alert" role="alert">
            {t('room.missingToken')}
          </p>
        </main>
      </>
    );
  }
  return <RoomSession key={token} token={token} />;
}
