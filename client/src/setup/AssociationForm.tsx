import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemLine } from '../lib/ProblemLine.tsx';
import { useMakeForm } from '../lib/use-make-form.ts';
import { createAssociation, type AssociationSummary } from './setup-api.ts';

/** Adds an association, with its municipality's official four-digit code: the leaderboard ranks municipalities by it. */
export function AssociationForm({ token, onMade }: { token: string; onMade: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [municipality, setMunicipality] = useState('');
  const form = useMakeForm<AssociationSummary>();
  const invalid =
    name.trim() === '' || municipality.trim() === '' ? t('setup.needAssociation') : /^\d{4}$/.test(code.trim()) ? null : t('setup.codeDigits');
  const send = () => createAssociation(token, { name: name.trim(), municipality: { code: code.trim(), name: municipality.trim() } });
  const afterMade = () => {
    setName('');
    onMade();
  };

  return (
    <form noValidate className="setup-form" onSubmit={(event) => void form.submit(event, invalid, send, afterMade)} data-testid="setup-association-form">
      <h3>{t('setup.addAssociation')}</h3>
      <div className="field">
        <label htmlFor="setup-association-name">{t('setup.associationName')}</label>
        <input id="setup-association-name" maxLength={100} value={name} onChange={(event) => setName(event.target.value)} />
      </div>
      <div className="setup-pair">
        <div className="field">
          <label htmlFor="setup-municipality-code">{t('setup.municipalityCode')}</label>
          <input
            id="setup-municipality-code"
            inputMode="numeric"
            maxLength={4}
            value={code}
            aria-describedby="setup-municipality-code-hint"
            onChange={(event) => setCode(event.target.value)}
          />
          <p id="setup-municipality-code-hint" className="muted field-hint">
            {t('setup.municipalityCodeHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="setup-municipality-name">{t('setup.municipalityName')}</label>
          <input id="setup-municipality-name" maxLength={80} value={municipality} onChange={(event) => setMunicipality(event.target.value)} />
        </div>
      </div>
      <button type="submit" className="primary">
        {t('setup.addAssociationSubmit')}
      </button>
      <ProblemLine problem={form.problem} />
      <p className="notice" aria-live="polite">
        {form.made ? t('setup.associationAdded', { name: form.made.name }) : ''}
      </p>
    </form>
  );
}
