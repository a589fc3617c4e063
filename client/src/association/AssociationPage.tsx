import { useTranslation } from 'react-i18next';
import { LanguageBar } from '../i18n/LanguageSwitch.tsx';
import { useFragmentToken } from '../lib/fragment-token.ts';
import { AssociationSession } from './AssociationSession.tsx';
import './association.css';

/** `/association#token=…`: an association's own lists, their imports, progress and exports. */
export function AssociationPage() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  if (!token) {
    return (
      <>
        <LanguageBar />
        <main className="page narrow">
          <h1>{t('association.title')}</h1>
          <p className="alert" role="alert">
            {t('association.missingToken')}
          </p>
        </main>
      </>
    );
  }
  return <AssociationSession key={token} token={token} />;
}
