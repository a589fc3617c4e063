import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemLine } from '../lib/ProblemLine.tsx';
import { useLoaded } from '../lib/use-loaded.ts';
import { LinksTable } from '../lib/LinksTable.tsx';
import { fetchAssociationLinks, revokeAssociationLink, type AssociationSummary } from './setup-api.ts';

/**
 * One association's links (never their tokens), each revocable after one question: it stops
 * working at once. `made` (the last link made) reads them again.
 */
export function AssociationLinks({ token, association, made, id }: { token: string; association: AssociationSummary; made: string | null; id: string }) {
  const { t } = useTranslation();
  const links = useLoaded(
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `made` is the reason to read again, not an input
    useCallback((signal: AbortSignal) => fetchAssociationLinks(token, association.id, signal), [token, association.id, made]),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const headingId = `setup-association-${association.id}-links`;

  const revoke = async (linkId: number, name: string) => {
    const result = await revokeAssociationLink(token, association.id, linkId);
    if (!result.ok) return setProblem(result.message);
    setProblem(null);
    setRevoked(t('links.revokedNotice', { name }));
    links.refresh();
  };

  return (
    <div className="setup-association-links" id={id} data-testid="setup-association-links">
      <h3 id={headingId}>{t('setup.associationLinks', { name: association.name })}</h3>
      <ProblemLine problem={links.error ?? problem} />
      <p className="notice" aria-live="polite">
        {revoked ?? ''}
      </p>
      {links.data && links.data.length === 0 && <p>{t('setup.noLinks')}</p>}
      {links.data && links.data.length > 0 && (
        <LinksTable links={links.data} labelledBy={headingId} testId="setup-association-links" onRevoke={(link, name) => void revoke(link.id, name)} />
      )}
    </div>
  );
}
