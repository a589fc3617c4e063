import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LandingPage, NotFoundPage } from './landing/LandingPage.tsx';

// These pages carry socket.io or the contract; the landing page needs neither.
const StationPage = lazy(() =>
  import('./station/StationPage.tsx').then((module) => ({ default: module.StationPage })),
);
const PhonePage = lazy(() => import('./phone/PhonePage.tsx').then((module) => ({ default: module.PhonePage })));
const RoomPage = lazy(() => import('./room/RoomPage.tsx').then((module) => ({ default: module.RoomPage })));
const ScreenPage = lazy(() => import('./screen/ScreenPage.tsx').then((module) => ({ default: module.ScreenPage })));
const SignupPage = lazy(() => import('./signup/SignupPage.tsx').then((module) => ({ default: module.SignupPage })));
const MePage = lazy(() => import('./me/MePage.tsx').then((module) => ({ default: module.MePage })));
const PlanningPage = lazy(() => import('./planning/PlanningPage.tsx').then((module) => ({ default: module.PlanningPage })));
const CampaignsPage = lazy(() => import('./campaigns/CampaignsPage.tsx').then((module) => ({ default: module.CampaignsPage })));
const SetupPage = lazy(() => import('./setup/SetupPage.tsx').then((module) => ({ default: module.SetupPage })));
const ComparePage = lazy(() => import('./compare/ComparePage.tsx').then((module) => ({ default: module.ComparePage })));
const AssociationPage = lazy(() =>
  import('./association/AssociationPage.tsx').then((module) => ({ default: module.AssociationPage })),
);

function Loading({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return <Suspense fallback={<p className="page muted">{t('loading')}</p>}>{children}</Suspense>;
}

/** A handful of routes does not need a router: the server's SPA fallback sends every path here. */
export function App({ path }: { path: string }) {
  const route = path.replace(/\/+$/, '') || '/';
  switch (route) {
    case '/':
      return <LandingPage />;
    case '/station':
      return (
        <Loading>
          <StationPage />
        </Loading>
      );
    case '/phone':
      return (
        <Loading>
          <PhonePage />
        </Loading>
      );
    case '/room':
      return (
        <Loading>
          <RoomPage />
        </Loading>
      );
    case '/screen':
      return (
        <Loading>
          <ScreenPage />
        </Loading>
      );
    case '/association':
      return (
        <Loading>
          <AssociationPage />
        </Loading>
      );
    case '/planning':
      return (
        <Loading>
          <PlanningPage />
        </Loading>
      );
    case '/campaigns':
      return (
        <Loading>
          <CampaignsPage />
        </Loading>
      );
    case '/setup':
      return (
        <Loading>
          <SetupPage />
        </Loading>
      );
    case '/compare':
      return (
        <Loading>
          <ComparePage />
        </Loading>
      );
    case '/signup':
      return (
        <Loading>
          <SignupPage />
        </Loading>
      );
    case '/me':
      return (
        <Loading>
          <MePage />
        </Loading>
      );
    default:
      return <NotFoundPage />;
  }
}
