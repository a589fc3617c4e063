import { useTranslation } from 'react-i18next';
import { LanguageBar } from '../i18n/LanguageSwitch.tsx';

export function LandingPage() {
  const { t } = useTranslation();
  return (
    <>
      <LanguageBar />
      <main className="page narrow">
        <h1>{t('landing.title')}</h1>
        <p className="lead">{t('landing.lead')}</p>
        <p>{t('landing.howToJoin')}</p>
        <p>
          {t('landing.linkShape')} <code>{`${window.location.origin}/station#token=…`}</code>
        </p>
      </main>
    </>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <LanguageBar />
      <main className="page narrow">
        <h1>{t('notFound.title')}</h1>
        <p>
          <a href="/">{t('notFound.back')}</a>
        </p>
      </main>
    </>
  );
}
