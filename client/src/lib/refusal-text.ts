import { GENERAL_REFUSAL_CODES, isRefusalReason, type GeneralRefusalCode } from '@ringstuga/shared';
import i18next from 'i18next';
import { z } from 'zod';

const isGeneralCode = (code: string): code is GeneralRefusalCode => (GENERAL_REFUSAL_CODES as readonly string[]).includes(code);

// Read leniently: a reason this page does not know (a newer server) falls back to the message.
const zRefusalBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    reason: z.string().optional(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  }),
});

/** A refusal as a page shows it: its code, whether it said why in words of its own (`reasoned`), and the text. */
export interface Refusal {
  code: string;
  reasoned: boolean;
  text: string;
}

/**
 * What the server's refusal `{ error: { code, message, reason?, params? } }` says, in the page's
 * language where it gave a reason or a general code; otherwise its own message (English). Null for
 * a body that is no refusal.
 */
export function refusalOf(body: unknown): Refusal | null {
  const parsed = zRefusalBody.safeParse(body);
  if (!parsed.success) return null;
  const { code, message, reason, params } = parsed.data.error;
  if (isRefusalReason(reason)) return { code, reasoned: true, text: i18next.t(`refusals.reasons.${reason}`, params ?? {}) };
  return { code, reasoned: false, text: isGeneralCode(code) ? i18next.t(`refusals.codes.${code}`) : message };
}

export const refusalText = (body: unknown): string | null => refusalOf(body)?.text ?? null;
