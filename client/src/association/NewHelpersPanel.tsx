import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyLink } from '../lib/CopyLink.tsx';
import { formatDateTime } from '../lib/format-time.ts';
import { ProblemLine } from '../lib/ProblemLine.tsx';
import { useLoaded } from '../lib/use-loaded.ts';
import { fetchNewHelpers, markSignUpSent, type NewHelper } from './new-helpers-api.ts';

/**
 * "Nya hjälpare": people who said yes to "Vill du hjälpa till?" in a call, each with their
 * sign-up link to send by text message or email, and a mark once it is sent.
 */
export function NewHelpersPanel({ token, associationId }: { token: string; associationId: number }) {
  const { t } = useTranslation();
  const helpers = useLoaded(useCallback((signal: AbortSignal) => fetchNewHelpers(token, associationId, signal), [token, associationId]));
  const [problem, setProblem] = useState<string | null>(null);

  const markSent = async (helper: NewHelper) => {
    const answer = await markSignUpSent(token, associationId, helper.id);
    setProblem(answer.ok ? null : answer.message);
    if (answer.ok) helpers.refresh();
  };

  return (
    <section className="panel" aria-labelledby="new-helpers-heading" data-testid="new-helpers-panel">
      <h2 id="new-helpers-heading">{t('newHelpers.heading')}</h2>
      <p className="muted">{t('newHelpers.hint')}</p>
      <ProblemLine problem={helpers.error ?? problem} />
      {helpers.data?.length === 0 && <p className="muted">{t('newHelpers.none')}</p>}
      {helpers.data && helpers.data.length > 0 && (
        <ul className="new-helpers-list" data-testid="new-helpers-list">
          {helpers.data.map((helper) => {
            const message = t('newHelpers.message', { name: helper.name, url: helper.signUpUrl });
            return (
              <li key={helper.id} className="new-helper" data-testid={`new-helper-${helper.id}`}>
                <p>
                  <span className="new-helper-name">{helper.name}</span> <a href={`tel:${helper.phone}`}>{helper.phoneNational}</a>
                </p>
                <p className="muted">{t('newHelpers.said', { list: helper.list.name, when: formatDateTime(helper.createdAt) })}</p>
                <CopyLink id={`new-helper-link-${helper.id}`} label={t('newHelpers.linkLabel', { name: helper.name })} url={helper.signUpUrl} testId="new-helper-link" />
                <div className="button-row">
                  <a className="button-link" href={`sms:${helper.phone}?body=${encodeURIComponent(message)}`}>
                    {t('newHelpers.sms')}
                  </a>
                  <a className="button-link" href={`mailto:?subject=${encodeURIComponent(t('newHelpers.subject'))}&body=${encodeURIComponent(message)}`}>
                    {t('newHelpers.email')}
                  </a>
                  {helper.signUpSentAt === null && (
                    <button type="button" onClick={() => void markSent(helper)}>
                      {t('newHelpers.markSent')}
                    </button>
                  )}
                </div>
                <p className="notice" data-testid="new-helper-status">
                  {helper.signUpSentAt === null ? t('newHelpers.notSent') : t('newHelpers.sent', { when: formatDateTime(helper.signUpSentAt) })}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
