import { z } from 'zod';
import { zLineText } from './text.ts';

/** An association (partiförening) as the admin's set-up lists it. */
export const zAssociationSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  municipality: z.object({ code: z.string(), name: z.string() }),
  /** How many call lists the association owns. */
  lists: z.number().int(),
});
export type AssociationSummary = z.infer<typeof zAssociationSummary>;

export const zAssociationInput = z.strictObject({
  name: zLineText().min(1).max(100),
  /** Its official four-digit code (0180: Stockholm; a city district's association takes its city's), and its name. */
  municipality: z.strictObject({ code: z.string().regex(/^\d{4}$/, 'a municipality code is four digits, e.g. 0180'), name: zLineText().min(1).max(80) }),
});
export type AssociationInput = z.infer<typeof zAssociationInput>;
