import { useTranslation } from 'react-i18next';
import { LanguageBar } from '../i18n/LanguageSwitch.tsx';
import { useFragmentToken } from '../lib/fragment-token.ts';
import { PhoneSession } from './PhoneSession.tsx';
import './phone.css';

/** `/phone#token=…`: the page a station's QR code opens on the volunteer's own phone. */
export function PhonePage() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  if (!token) {
    return (
      <main className="page phone-page">
        <LanguageBar />
        <h1>{t('phone.title')}</h1>
        <p>{t('phone.missingToken')}</p>
      </main>
    );
  }
  // A new link in the same tab starts afresh: nothing of the last pairing is kept.
  return <PhoneSession key={token} token={token} />;
}
