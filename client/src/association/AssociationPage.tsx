import { useTranslation } from 'react-i18next';
import { TokenGate } from '../lib/TokenGate.tsx';
import { AssociationSession } from './AssociationSession.tsx';
import './association.css';

/** `/association#token=…`: an association's own lists, their imports, progress and exports. */
export function AssociationPage() {
  const { t } = useTranslation();
  return (
    <TokenGate title={t('association.title')} missing={t('association.missingToken')}>
      {(token) => <AssociationSession key={token} token={token} />}
    </TokenGate>
  );
}
