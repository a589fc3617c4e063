// Associations' own lists: import, progress, export. The contract.
import { z } from 'zod';
import { zFigures, zListBreakdown } from './room.ts';
import { zNamedRef } from './schemas.ts';
import { zLineText } from './text.ts';

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

/**
 * Why an imported row was not taken quite as written: its voting district was left out (it looked
 * like an address or a person, or was no district code or name), its first number was missing
 * or invalid and the contact is called on its second one, or it gave a contact a new number that
 * another contact on the list has, or one while the person was being called (the call holds the
 * old one: the next import after it changes it). In each of the last two the old number stays.
 */
export const ADJUST_REASONS = [
  'district_like_address',
  'district_like_person',
  'district_not_recognised',
  'called_on_second_number',
  'number_on_another_contact',
  'number_kept_during_call',
] as const;
export const zAdjustReason = z.enum(ADJUST_REASONS);
export type AdjustReason = z.infer<typeof zAdjustReason>;

/** A row imported with a cell left out or replaced: its line, why, and what was read. */
export const zAdjustedRow = z.object({ row: z.number().int(), reason: zAdjustReason, value: z.string().optional() });
export type AdjustedRow = z.infer<typeof zAdjustedRow>;

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
  /**
   * The first rows left out for what the file says (at most 1,000), in file order; never
   * `do_not_call`: those are counted in `notOffered`.
   */
  rejected: z.array(zRejectedRow),
  /** Every rejected row, those not listed included. */
  rejectedCount: z.number().int(),
  /** Rejected rows per reason, those not listed included. */
  rejectedByReason: z.partialRecord(zRejectReason, z.number().int()),
  /** The first rows imported (or updated) with a cell left out or replaced (at most 1,000), in file order. */
  adjusted: z.array(zAdjustedRow),
  /** Every adjusted row, those not listed included. */
  adjustedCount: z.number().int(),
  /** Adjusted rows per reason, those not listed included. */
  adjustedByReason: z.partialRecord(zAdjustReason, z.number().int()),
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
  name: zLineText().min(1).max(120),
  /** Only the admin names the association; an association's lists are its own. */
  associationId: z.number().int().positive().optional(),
  notesEnabled: z.boolean().optional(),
  /** The campaign the list belongs to; default: the active campaign that started last. */
  campaignId: z.number().int().positive().optional(),
});

export const zAccessLinkInput = z.strictObject({ label: zLineText().max(80).optional() });

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
  name: zLineText().min(1).max(120).optional(),
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
