import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { saveAddress } from './planning-api.ts';
import { RefusalText } from './RefusalText.tsx';
import type { Refusal } from './refusal.ts';

/** Where volunteers go (street, floor, door code); empty clears it. Shown at sign-up, on the personal page and in the calendar. */
export function AddressForm({ token, roomId, current, onSaved }: { token: string; roomId: number; current: string | null; onSaved: () => void }) {
  const { t } = useTranslation();
  const [address, setAddress] = useState(current ?? '');
  const [saved, setSaved] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await saveAddress(token, roomId, address.trim() === '' ? null : address.trim());
    if (!result.ok) {
      setSaved(null);
      return setRefusal({ lead: t('planning.addressFailed'), detail: result.message });
    }
    setRefusal(null);
    setSaved(result.data.address ? t('planning.addressSaved', { address: result.data.address }) : t('planning.addressCleared'));
    // The rooms are asked again, so choosing this room later shows the address saved now.
    onSaved();
  };

  return (
    <section className="panel" aria-labelledby="address-heading">
      <h2 id="address-heading">{t('planning.addressHeading')}</h2>
      <form noValidate onSubmit={(event) => void submit(event)} data-testid="address-form">
        <div className="field">
          <label htmlFor="room-address">{t('planning.addressLabel')}</label>
          <input id="room-address" maxLength={200} aria-describedby="room-address-hint" value={address} onChange={(event) => setAddress(event.target.value)} />
          <p id="room-address-hint" className="muted">
            {t('planning.addressHint')}
          </p>
        </div>
        <button type="submit">{t('planning.addressSave')}</button>
        <p className="notice" aria-live="polite">
          {saved ?? ''}
        </p>
        <RefusalText refusal={refusal} />
      </form>
    </section>
  );
}
