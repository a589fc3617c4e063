import { lazy, Suspense } from 'react';
import { sv } from './i18n/sv.ts';
import { LandingPage, NotFoundPage } from './landing/LandingPage.tsx';

// The station page carries socket.io and the contract; the landing page needs neither.
const StationPage = lazy(() =>
  import('./station/StationPage.tsx').then((module) => ({ default: module.StationPage })),
);

/** Two routes do not need a router: the server's SPA fallback sends every path here. */
export function App({ path }: { path: string }) {
  const route = path.replace(/\/+$/, '') || '/';
  if (route === '/station') {
    return (
      <Suspense fallback={<p className="page muted">{sv.loading}</p>}>
        <StationPage />
      </Suspense>
    );
  }
  if (route === '/') return <LandingPage />;
  return <NotFoundPage />;
}
