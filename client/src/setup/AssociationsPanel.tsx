import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyLink } from '../lib/CopyLink.tsx';
import { ProblemLine } from '../lib/ProblemLine.tsx';
import { useLoaded } from '../lib/use-loaded.ts';
import { AssociationForm } from './AssociationForm.tsx';
import { AssociationLinks } from './AssociationLinks.tsx';
import { fetchAssociations, makeAssociationLink, type AssociationSummary } from './setup-api.ts';

/** Every association with its municipality and lists; each gets its link here, shown once to hand on, and its links can be revoked. */
export function AssociationsPanel({ token }: { token: string }) {
  const { t } = useTranslation();
  const associations = useLoaded(useCallback((signal: AbortSignal) => fetchAssociations(token, signal), [token]));
  const [made, setMade] = useState<{ name: string; url: string } | null>(null);
  // The association whose links are listed (read again when it gets another).
  const [shown, setShown] = useState<AssociationSummary | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const makeLink = async (association: AssociationSummary) => {
    setMade(null);
    const result = await makeAssociationLink(token, association.id, association.name);
    if (!result.ok) return setProblem(result.message);
    setProblem(null);
    setMade({ name: association.name, url: result.data.url });
    setShown(association);
  };

  const list = associations.data ?? [];
  return (
    <section className="panel" aria-labelledby="setup-associations-heading" data-testid="setup-associations">
      <h2 id="setup-associations-heading">{t('setup.associationsHeading')}</h2>
      <p className="muted">{t('setup.associationsHint')}</p>
      <ProblemLine problem={associations.error ?? problem} />
      {associations.data && list.length === 0 && <p>{t('setup.noAssociations')}</p>}
      {list.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="setup-associations-heading">
          <table className="data-table" data-testid="setup-associations-table">
            <thead>
              <tr>
                <th scope="col">{t('setup.association')}</th>
                <th scope="col">{t('setup.municipality')}</th>
                <th scope="col" className="num">{t('setup.lists')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('setup.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((association) => (
                <tr key={association.id}>
                  <td>{association.name}</td>
                  <td>{`${association.municipality.name} (${association.municipality.code})`}</td>
                  <td className="num">{association.lists}</td>
                  <td>
                    <div className="button-row">
                      <button type="button" onClick={() => void makeLink(association)} aria-label={t('setup.makeAssociationLinkFor', { name: association.name })}>
                        {t('setup.makeLink')}
                      </button>
                      <button
                        type="button"
                        aria-expanded={shown?.id === association.id}
                        aria-controls={shown?.id === association.id ? 'setup-association-links' : undefined}
                        onClick={() => setShown(shown?.id === association.id ? null : association)}
                        aria-label={t('setup.showAssociationLinksFor', { name: association.name })}
                      >
                        {t('setup.showLinks')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {made && <CopyLink id="setup-association-link" label={t('setup.associationLinkLabel', { name: made.name })} url={made.url} testId="setup-association-link" />}
      {shown && <AssociationLinks key={shown.id} id="setup-association-links" token={token} association={shown} made={made?.url ?? null} />}
      <AssociationForm token={token} onMade={associations.refresh} />
    </section>
  );
}
