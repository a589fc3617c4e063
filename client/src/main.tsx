import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// First: the language is chosen (and <html lang> set) before anything renders.
import './i18n/i18n.ts';
import { App } from './App.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { registerServiceWorker } from './lib/secure-context/service-worker.ts';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <App path={window.location.pathname} />
    </ErrorBoundary>
  </StrictMode>,
);
registerServiceWorker();
