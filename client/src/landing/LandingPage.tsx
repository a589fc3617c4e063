import { sv } from '../i18n/sv.ts';

export function LandingPage() {
  return (
    <main className="page narrow">
      <h1>{sv.landing.title}</h1>
      <p className="lead">{sv.landing.lead}</p>
      <p>{sv.landing.howToJoin}</p>
      <p>
        {sv.landing.linkShape} <code>{`${window.location.origin}/station#token=…`}</code>
      </p>
    </main>
  );
}

export function NotFoundPage() {
  return (
    <main className="page narrow">
      <h1>{sv.notFound.title}</h1>
      <p>
        <a href="/">{sv.notFound.back}</a>
      </p>
    </main>
  );
}
