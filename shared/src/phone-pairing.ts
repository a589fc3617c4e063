// A phone paired with a station: the contract of `pair:create` / `pair:revoke` and the `/phone` namespace.
import { z } from 'zod';
import { zQuestionView } from './questions.ts';
import { zFailure, zOutcome } from './schemas.ts';

const zIsoDateTime = z.iso.datetime({ offset: true });

/** What the QR code on the station holds: the phone page's address with the pairing token in its fragment. */
export const zPairResult = z.union([z.object({ ok: z.literal(true), url: z.string(), expiresAt: zIsoDateTime }), zFailure]);
export type PairResult = z.infer<typeof zPairResult>;

/**
 * How a phone joins `/phone`. `device`: a random id the phone page keeps; the first device to
 * connect takes the pairing, so a QR code seen by someone else does not let them in.
 */
export const zPhoneAuth = z.object({ token: z.string().min(1).max(512), device: z.string().min(8).max(64).optional() });

/**
 * The station's current contact as the phone shows it: enough to dial and record the outcome,
 * nothing more (no history or notes on a personal device).
 */
export const zPhoneContact = z.object({
  assignmentId: z.uuid(),
  expiresAt: zIsoDateTime,
  name: z.string(),
  phone: z.string(),
  phoneDisplay: z.string(),
  preferredLanguage: z.string().nullable(),
  list: z.object({ name: z.string(), notesEnabled: z.boolean() }),
  /** The questions to ask, as on the station's card: the phone may record the outcome with its answers. */
  questions: z.array(zQuestionView),
});
export type PhoneContact = z.infer<typeof zPhoneContact>;

/** Pushed to the station when its paired phone recorded the outcome of its current call. */
export const zCallRecorded = z.object({ assignmentId: z.uuid(), outcome: zOutcome });
export type CallRecorded = z.infer<typeof zCallRecorded>;

/** The station's contact was taken back (the person was erased): drop it from the screen at once. */
export const zContactWithdrawn = z.object({ assignmentId: z.uuid() });
export type ContactWithdrawn = z.infer<typeof zContactWithdrawn>;

/** A station's pairing as the station sees it. */
export const zPairState = z.object({
  paired: z.boolean(),
  /** A phone page is connected with the pairing now. */
  phoneConnected: z.boolean(),
  expiresAt: zIsoDateTime.nullable(),
});
export type PairState = z.infer<typeof zPairState>;
