// Changes back to the association (issue 15): what its calls learnt that its own member register
// should know, and the people who said yes to "Vill du hjälpa till?". The contract.
import { z } from 'zod';

/** What the change list says changed: the number was wrong, the person asked not to be called, or wants to help. */
export const CHANGE_KINDS = ['wrong_number', 'do_not_call', 'wants_to_help'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** `GET /api/associations/{id}/new-helpers`: one row per yes, with the personal sign-up link to send. */
export const zNewHelper = z.object({
  id: z.number().int(),
  name: z.string(),
  /** E.164, as stored; `phoneNational` as the association's register writes it. */
  phone: z.string(),
  phoneNational: z.string(),
  list: z.object({ id: z.number().int(), name: z.string() }),
  /** When they said yes (ISO 8601). */
  createdAt: z.string(),
  /** When the association marked the sign-up link sent (ISO 8601), or null. */
  signUpSentAt: z.string().nullable(),
  /** `/signup#token=…&association=…&name=…&phone=…`: the association's sign-up link, opening with the association chosen and the person filled in. */
  signUpUrl: z.string(),
});
export type NewHelper = z.infer<typeof zNewHelper>;

export const zNewHelpers = z.object({ helpers: z.array(zNewHelper) });
