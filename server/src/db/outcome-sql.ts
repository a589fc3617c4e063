import { OUTCOME_RULES, OUTCOMES, type OutcomeRule } from '@ringstuga/shared';

// The outcome vocabulary as SQL lists, for queries that count calls by what their outcome means.
// Built from OUTCOME_RULES, so a new outcome is counted the same everywhere.
const sqlList = (keep: (rule: OutcomeRule) => boolean) =>
  OUTCOMES.filter((outcome) => keep(OUTCOME_RULES[outcome]))
    .map((outcome) => `'${outcome}'`)
    .join(', ');

/** Outcomes where the person answered, for `outcome IN (...)`. */
export const REACHED_SQL = sqlList((rule) => rule.reached);
/** Outcomes that were a real conversation. */
export const CONVERSATION_SQL = sqlList((rule) => rule.conversation);
/** Unanswered outcomes, retried after the cool-down. */
export const RETRY_SQL = sqlList((rule) => rule.effect === 'retry');
