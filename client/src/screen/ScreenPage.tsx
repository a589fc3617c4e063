import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { useFragmentToken } from '../lib/fragment-token.ts';
import { ScreenSession } from './ScreenSession.tsx';
import './screen.css';

/** `/screen#token=…`: the room's read-only big screen. */
export function ScreenPage() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  if (!token) {
    return (
      <main className="screen">
        <header className="screen-header">
          <h1>{t('screen.untitled')}</h1>
          <LanguageSwitch />
        </header>
        <p className="alert" role="alert">
          {t('screen.missingToken')}
        </p>
      </main>
    );
  }
  return <ScreenSession key={token} token={token} />;
}
