import { useTranslation } from 'react-i18next';

/** The way to the comparison from the board and the association page: the same token, in the fragment. */
export function CompareLink({ token }: { token: string }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="compare-link-heading">
      <h2 id="compare-link-heading">{t('compareLink.heading')}</h2>
      <p className="muted">{t('compareLink.hint')}</p>
      <a className="button-link" href={`/compare#token=${encodeURIComponent(token)}`} data-testid="compare-link">
        {t('compareLink.open')}
      </a>
    </section>
  );
}
