import { OUTCOME_RULES, type Outcome } from '@ringstuga/shared';

export interface RetryPolicy {
  retryCooldownMs: number;
  maxAttempts: number;
}

export type ContactNextState =
  | { status: 'ready'; nextCallAt: number; closedReason: null }
  | { status: 'done'; nextCallAt: number; closedReason: string };

/**
 * What a contact becomes after an attempt. `unansweredAttempts` counts the number's unanswered
 * attempts through any list, this one included: answered ones (a call-back) do not use up the limit.
 * Unanswered calls retry after the cool-down until the attempt limit; call-backs wait for their time.
 */
export function nextContactState(
  outcome: Outcome,
  unansweredAttempts: number,
  now: number,
  policy: RetryPolicy,
  callbackAt?: number,
): ContactNextState {
  const { effect } = OUTCOME_RULES[outcome];
  switch (effect) {
    case 'needs_speaker':
      // Offered again at once, but only to a volunteer who speaks the person's language.
      return { status: 'ready', nextCallAt: now, closedReason: null };
    case 'call_back':
      return { status: 'ready', nextCallAt: callbackAt ?? now + policy.retryCooldownMs, closedReason: null };
    case 'retry':
      return unansweredAttempts < policy.maxAttempts
        ? { status: 'ready', nextCallAt: now + policy.retryCooldownMs, closedReason: null }
        : { status: 'done', nextCallAt: now, closedReason: 'max_attempts' };
    case 'done':
    case 'do_not_call':
      return { status: 'done', nextCallAt: now, closedReason: outcome };
  }
}
