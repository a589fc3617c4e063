import { useTranslation } from 'react-i18next';
import { LanguageBar } from '../i18n/LanguageSwitch.tsx';
import { useFragmentToken } from '../lib/fragment-token.ts';
import { StationSession } from './StationSession.tsx';

/** `/station#token=…`: one volunteer's station. */
export function StationPage() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  if (!token) {
    return (
      <>
        <LanguageBar />
        <main className="page narrow">
          <h1>{t('appName')}</h1>
          <p className="alert" role="alert">
            {t('station.missingToken')}
          </p>
        </main>
      </>
    );
  }
  // Keyed by token: another station's link in the same tab gets a fresh socket and state.
  return <StationSession key={token} token={token} />;
}
