import { useTranslation } from 'react-i18next';

/** The leader's way to the planning page: the same token, in the fragment, so it never reaches a log. */
export function PlanningLink({ token }: { token: string }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="planning-link-heading">
      <h2 id="planning-link-heading">{t('planningLink.heading')}</h2>
      <p className="muted">{t('planningLink.hint')}</p>
      <a className="button-link primary" href={`/planning#token=${encodeURIComponent(token)}`} data-testid="planning-link">
        {t('planningLink.open')}
      </a>
    </section>
  );
}
