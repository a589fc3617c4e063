import { Component, type ReactNode } from 'react';
import { sv } from './i18n/sv.ts';

interface ErrorBoundaryState {
  failed: boolean;
}

/**
 * Last line of defence: a render error (or a lazy chunk gone after a deploy) shows a way out
 * instead of a blank page in the middle of a calling session.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false };

  static getDerivedStateFromError(): ErrorBoundaryState {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="page narrow">
        <h1>{sv.errors.crashed}</h1>
        <button type="button" onClick={() => window.location.reload()}>
          {sv.errors.reload}
        </button>
      </main>
    );
  }
}
