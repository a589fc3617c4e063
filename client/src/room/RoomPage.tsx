import { sv } from '../i18n/sv.ts';
import { useFragmentToken } from '../lib/fragment-token.ts';
import { RoomSession } from './RoomSession.tsx';
import './room.css';

/** `/room#token=…`: the call leader's board for one room. */
export function RoomPage() {
  const token = useFragmentToken();
  if (!token) {
    return (
      <main className="page narrow">
        <h1>{sv.room.untitled}</h1>
        <p className="alert" role="alert">
          {sv.room.missingToken}
        </p>
      </main>
    );
  }
  return <RoomSession key={token} token={token} />;
}
