import { sv } from '../i18n/sv.ts';
import { useFragmentToken } from '../lib/fragment-token.ts';
import { ScreenSession } from './ScreenSession.tsx';
import './screen.css';

/** `/screen#token=…`: the room's read-only big screen. */
export function ScreenPage() {
  const token = useFragmentToken();
  if (!token) {
    return (
      <main className="screen">
        <h1>{sv.screen.untitled}</h1>
        <p className="alert" role="alert">
          {sv.screen.missingToken}
        </p>
      </main>
    );
  }
  return <ScreenSession key={token} token={token} />;
}
