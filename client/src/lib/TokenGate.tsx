import type { ReactNode } from 'react';
import { LanguageBar } from '../i18n/LanguageSwitch.tsx';
import { useFragmentToken } from './fragment-token.ts';

interface TokenGateProps {
  title: string;
  /** What to do when the link carries no token. */
  missing: string;
  /** The page for this token: keyed by it, so another link in the same tab starts afresh. */
  children: (token: string) => ReactNode;
}

/** A page opened from a link with `#token=…` (station, phone, room board, association). */
export function TokenGate({ title, missing, children }: TokenGateProps) {
  const token = useFragmentToken();
  if (token) return children(token);
  return (
    <>
      <LanguageBar />
      <main className="page narrow">
        <h1>{title}</h1>
        <p className="alert" role="alert">
          {missing}
        </p>
      </main>
    </>
  );
}
