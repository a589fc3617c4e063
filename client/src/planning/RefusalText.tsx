import type { Refusal } from './refusal.ts';

/** A refusal announced as it appears; empty (and silent) otherwise. */
export function RefusalText({ refusal, testId }: { refusal: Refusal | null; testId?: string }) {
  if (!refusal) return null;
  return (
    <p className="command-error" role="alert" data-testid={testId}>
      {refusal.lead}
      {refusal.detail && <span className="alert-detail"> {refusal.detail}</span>}
    </p>
  );
}
