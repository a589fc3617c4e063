import { sv } from '../i18n/sv.ts';
import { useFragmentToken } from '../lib/fragment-token.ts';
import { StationSession } from './StationSession.tsx';

/** `/station#token=…`: one volunteer's station. */
export function StationPage() {
  const token = useFragmentToken();
  if (!token) {
    return (
      <main className="page narrow">
        <h1>{sv.appName}</h1>
        <p className="alert" role="alert">
          {sv.station.missingToken}
        </p>
      </main>
    );
  }
  // Keyed by token: another station's link in the same tab gets a fresh socket and state.
  return <StationSession key={token} token={token} />;
}
