/**
 * The outcome vocabulary, in the order the station shows it (keys 1–9).
 * `reached`: the person answered (counts as an "answer" in the 2018 report's sense).
 * `conversation`: a real conversation. Rates are per attempt.
 */
export const OUTCOMES = [
  'conversation',
  'call_back',
  'declined',
  'do_not_call',
  'no_answer',
  'busy',
  'voicemail',
  'wrong_number',
  // Reached, but no shared language: the contact waits for a volunteer who speaks theirs.
  'language_barrier',
] as const;

export type Outcome = (typeof OUTCOMES)[number];

/** What an outcome means for the contact afterwards. */
export type OutcomeEffect = 'done' | 'call_back' | 'do_not_call' | 'retry' | 'needs_speaker';

export interface OutcomeRule {
  reached: boolean;
  conversation: boolean;
  effect: OutcomeEffect;
}

export const OUTCOME_RULES: Record<Outcome, OutcomeRule> = {
  conversation: { reached: true, conversation: true, effect: 'done' },
  call_back: { reached: true, conversation: false, effect: 'call_back' },
  declined: { reached: true, conversation: false, effect: 'done' },
  do_not_call: { reached: true, conversation: false, effect: 'do_not_call' },
  no_answer: { reached: false, conversation: false, effect: 'retry' },
  busy: { reached: false, conversation: false, effect: 'retry' },
  voicemail: { reached: false, conversation: false, effect: 'retry' },
  wrong_number: { reached: false, conversation: false, effect: 'done' },
  language_barrier: { reached: true, conversation: false, effect: 'needs_speaker' },
};

/** The number key (1–9) that records an outcome at the station. */
export function outcomeKey(outcome: Outcome): number {
  return OUTCOMES.indexOf(outcome) + 1;
}

export function outcomeForKey(key: string): Outcome | undefined {
  const index = Number.parseInt(key, 10) - 1;
  return Number.isInteger(index) ? OUTCOMES[index] : undefined;
}
