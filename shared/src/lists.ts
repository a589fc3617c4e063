// Associations' own lists: import, progress, export. The contract.
import { z } from 'zod';
import { zFigures, zListBreakdown } from './room.ts';
import { zNamedRef } from './schemas.ts';

/** The fields an import can fill; `name` and `phone` are required. */
export const IMPORT_FIELDS = ['name', 'phone', 'altPhone', 'votingDistrict', 'priority', 'preferredLanguage', 'externalId'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Which column (by its header, as written in the file) fills which field. Unmapped fields stay empty. */
export const zImportMapping = z.partialRecord(z.enum(IMPORT_FIELDS), z.string().min(1).max(200));
export type ImportMapping = z.infer<typeof zImportMapping>;

export const REJECT_REASONS = [
  'missing_name',
  'missing_phone',
  'invalid_phone',
  'duplicate_in_file',
  'do_not_call',
  'invalid_priority',
] as const;
export const zRejectReason = z.enum(REJECT_REASONS);
export type RejectReason = z.infer<typeof zRejectReason>;

/** A rejected row: its line in the file (the header is line 1), why, and what was read. */
export const zRejectedRow = z.object({ row: z.number().int(), reason: zRejectReason, value: z.string().optional() });
export type RejectedRow = z.infer<typeof zRejectedRow>;

export const zImportResult = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  /** Rows that matched a contact and changed nothing. */
  unchanged: z.number().int(),
  /**
   * Rows left out because they will not be offered (their number is on the do-not-call register):
   * a count only, never which rows, so an import does not tell an association who is on the register.
   */
  notOffered: z.number().int(),
  /** Rows left out for what the file says (never `do_not_call`: those are counted in `notOffered`). */
  rejected: z.array(zRejectedRow),
});
export type ImportResult = z.infer<typeof zImportResult>;

/** What the file looks like, before anything is imported: for the mapping step. */
export const zImportPreview = z.object({
  /** `xlsx`: an Excel workbook (its first sheet), which has neither an encoding nor a separator. */
  encoding: z.enum(['utf-8', 'windows-1252', 'xlsx']),
  separator: z.enum([';', ',', '\t']).nullable(),
  headers: z.array(z.string()),
  /** The mapping recognised from the headers (Swedish and English names). */
  mapping: zImportMapping,
  rows: z.number().int(),
  /** The first rows as read, cell by cell. */
  sample: z.array(z.array(z.string())),
});
export type ImportPreview = z.infer<typeof zImportPreview>;

export const zListInput = z.strictObject({
  name: z.string().trim().min(1).max(120),
  /** Only the admin names the association; an association's lists are its own. */
  associationId: z.number().int().positive().optional(),
  notesEnabled: z.boolean().optional(),
});

export const zAccessLinkInput = z.strictObject({ label: z.string().trim().max(80).optional() });

/** A list's progress, for its association. */
export const zListProgress = z.object({
  list: zNamedRef.extend({ association: zNamedRef, notesEnabled: z.boolean() }),
  contacts: z.number().int(),
  personsCalled: z.number().int(),
  figures: zFigures,
  breakdown: zListBreakdown.shape.counts,
  /** Attempts per local day (YYYY-MM-DD). */
  daily: z.array(zFigures.extend({ day: z.string() })),
  /** Per voting district: contacts, persons called, attempts, answers, conversations. */
  districts: z.array(
    zFigures.extend({ district: z.string(), contacts: z.number().int(), personsCalled: z.number().int() }),
  ),
});
export type ListProgress = z.infer<typeof zListProgress>;

/** How far an import has come, for the progress bar (polled while the upload request runs). */
export const zImportProgress = z.object({
  phase: z.enum(['parsing', 'matching', 'writing', 'done', 'failed']),
  /** Rows written so far and in all (0 of 0 until the file is read). */
  done: z.number().int(),
  total: z.number().int(),
});
export type ImportProgress = z.infer<typeof zImportProgress>;

export const zListUpdate = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  notesEnabled: z.boolean().optional(),
});

/** Numbers for the global do-not-call register: as typed, normalised on arrival. */
export const zDoNotCallInput = z.strictObject({ phones: z.array(z.string().min(1).max(40)).min(1).max(10_000) });
export const zDoNotCallResult = z.object({
  added: z.number().int(),
  /** Already on the register. */
  present: z.number().int(),
  invalid: z.array(z.string()),
});
export type DoNotCallResult = z.infer<typeof zDoNotCallResult>;

/** What an erasure removed; the anonymous counters (leaderboards, totals, per-district figures) stay. */
export const zErasureResult = z.object({ contacts: z.number().int(), calls: z.number().int() });
export type ErasureResult = z.infer<typeof zErasureResult>;
