import { useTranslation } from 'react-i18next';
import { TokenGate } from '../lib/TokenGate.tsx';
import { CompareSession } from './CompareSession.tsx';
import './compare.css';

/** `/compare#token=…` (the admin's token, a leader's or an association's link): campaigns side by side. */
export function ComparePage() {
  const { t } = useTranslation();
  return (
    <TokenGate title={t('compare.title')} missing={t('compare.missingToken')}>
      {(token) => <CompareSession key={token} token={token} />}
    </TokenGate>
  );
}
