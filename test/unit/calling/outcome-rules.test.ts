import { describe, expect, it } from 'vitest';
import { OUTCOMES, OUTCOME_RULES, outcomeForKey, outcomeKey } from '@ringstuga/shared';
import { nextContactState } from '../../../server/src/features/calling/outcome-rules.ts';

const policy = { retryCooldownMs: 2 * 60 * 60 * 1000, maxAttempts: 3 };
const now = Date.UTC(2026, 8, 1, 12);

describe('the outcome vocabulary', () => {
  it('orders the nine outcomes for keys 1–9 as the station shows them (the language barrier last, so keys 1–8 kept their meaning)', () => {
    expect(OUTCOMES).toEqual([
      'conversation',
      'call_back',
      'declined',
      'do_not_call',
      'no_answer',
      'busy',
      'voicemail',
      'wrong_number',
      'language_barrier',
    ]);
    expect(outcomeKey('conversation')).toBe(1);
    expect(outcomeKey('no_answer')).toBe(5);
    expect(outcomeForKey('8')).toBe('wrong_number');
    expect(outcomeForKey('9')).toBe('language_barrier');
    expect(outcomeForKey('10')).toBeUndefined();
    expect(outcomeForKey('x')).toBeUndefined();
  });

  it('counts the first four and the language barrier as answers and only conversation as a real conversation', () => {
    const reached = OUTCOMES.filter((o) => OUTCOME_RULES[o].reached);
    const conversations = OUTCOMES.filter((o) => OUTCOME_RULES[o].conversation);
    expect(reached).toEqual(['conversation', 'call_back', 'declined', 'do_not_call', 'language_barrier']);
    expect(conversations).toEqual(['conversation']);
  });
});

describe('what a contact becomes after an attempt', () => {
  it.each(['conversation', 'declined', 'wrong_number', 'do_not_call'] as const)('%s closes the contact', (outcome) => {
    expect(nextContactState(outcome, 1, now, policy)).toEqual({ status: 'done', nextCallAt: now, closedReason: outcome });
  });

  it('a call-back waits for its time', () => {
    const at = now + 5 * 60 * 60 * 1000;
    expect(nextContactState('call_back', 1, now, policy, at)).toEqual({ status: 'ready', nextCallAt: at, closedReason: null });
  });

  it.each(['no_answer', 'busy', 'voicemail'] as const)('%s retries after the cool-down until the attempt limit', (outcome) => {
    expect(nextContactState(outcome, 1, now, policy)).toEqual({ status: 'ready', nextCallAt: now + policy.retryCooldownMs, closedReason: null });
    expect(nextContactState(outcome, 2, now, policy).status).toBe('ready');
    expect(nextContactState(outcome, 3, now, policy)).toEqual({ status: 'done', nextCallAt: now, closedReason: 'max_attempts' });
  });

  it('follows a configured attempt limit and cool-down', () => {
    const strict = { retryCooldownMs: 60_000, maxAttempts: 1 };
    expect(nextContactState('busy', 1, now, strict).status).toBe('done');
    expect(nextContactState('busy', 1, now, { ...strict, maxAttempts: 5 }).nextCallAt).toBe(now + 60_000);
  });
});
