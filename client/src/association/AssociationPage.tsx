import { sv } from '../i18n/sv.ts';
import { useFragmentToken } from '../lib/fragment-token.ts';
import { AssociationSession } from './AssociationSession.tsx';
import './association.css';

/** `/association#token=…`: an association's own lists, their imports, progress and exports. */
export function AssociationPage() {
  const token = useFragmentToken();
  if (!token) {
    return (
      <main className="page narrow">
        <h1>{sv.association.title}</h1>
        <p className="alert" role="alert">
          {sv.association.missingToken}
        </p>
      </main>
    );
  }
  return <AssociationSession key={token} token={token} />;
}
