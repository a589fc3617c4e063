import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteMe } from '../signup/signup-api.ts';

/** Deletes the person's own contact details, after asking once; the link stops working. */
export function DeleteMePanel({ token, onDeleted }: { token: string; onDeleted: () => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const remove = async () => {
    const result = await deleteMe(token);
    if (result.ok) onDeleted();
    else setProblem(result.message);
  };
  return (
    <section className="panel" aria-labelledby="delete-me-heading">
      <h2 id="delete-me-heading">{t('me.deleteHeading')}</h2>
      <p className="muted">{t('me.deleteHint')}</p>
      {asking ? (
        <div className="button-row">
          <button type="button" className="danger" onClick={() => void remove()}>
            {t('me.deleteYes')}
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            {t('me.cancelNo')}
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setAsking(true)}>
          {t('me.delete')}
        </button>
      )}
      {problem && (
        <p className="command-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
