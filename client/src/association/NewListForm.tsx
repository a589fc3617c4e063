import type { CallListSummary } from '@ringstuga/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createList } from './lists-api.ts';

type Submit = { kind: 'idle' } | { kind: 'sending' } | { kind: 'created'; name: string } | { kind: 'failed'; message: string };

/** "Ny lista": an empty list of the association's own, ready for an import. */
export function NewListForm({ token, onCreated }: { token: string; onCreated: (list: CallListSummary) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState(false);
  const [submit, setSubmit] = useState<Submit>({ kind: 'idle' });

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (submit.kind === 'sending') return;
    if (name.trim() === '') {
      setProblem(true);
      document.getElementById('new-list-name')?.focus();
      return;
    }
    setSubmit({ kind: 'sending' });
    const result = await createList(token, name.trim());
    if (!result.ok) {
      setSubmit({ kind: 'failed', message: result.message });
      return;
    }
    setName('');
    setSubmit({ kind: 'created', name: result.data.name });
    onCreated(result.data);
  };

  return (
    <section className="panel new-list" aria-labelledby="new-list-heading">
      <h2 id="new-list-heading">{t('newList.heading')}</h2>
      <form noValidate onSubmit={(event) => void send(event)} data-testid="new-list-form">
        <div className="field">
          <label htmlFor="new-list-name">{t('newList.nameLabel')}</label>
          <input
            id="new-list-name"
            value={name}
            maxLength={120}
            aria-invalid={problem || undefined}
            aria-describedby={problem ? 'new-list-hint new-list-problem' : 'new-list-hint'}
            onChange={(event) => {
              setName(event.target.value);
              setProblem(false);
            }}
          />
          <p id="new-list-hint" className="muted field-hint">
            {t('newList.nameHint')}
          </p>
          {problem && (
            <p id="new-list-problem" className="field-problem">
              {t('newList.needName')}
            </p>
          )}
        </div>
        <button type="submit" className="primary" aria-disabled={submit.kind === 'sending'}>
          {submit.kind === 'sending' ? t('newList.submitting') : t('newList.submit')}
        </button>
      </form>
      <p className="notice" aria-live="polite">
        {submit.kind === 'created' ? t('newList.created', { name: submit.name }) : ''}
      </p>
      {submit.kind === 'failed' && (
        <p className="command-error" role="alert">
          {t('newList.failed')}
          <span className="alert-detail"> {submit.message}</span>
        </p>
      )}
    </section>
  );
}
