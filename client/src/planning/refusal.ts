import i18next from 'i18next';

/** What a failed write shows: a sentence in the page's language, and the server's own words below it. */
export interface Refusal {
  lead: string;
  detail: string;
}

/**
 * A refused session write in words: the server's reason where it gave one; else by status, 409
 * being a clash (another session, or more booked than the new capacity), with its message below.
 */
export function sessionRefusal(failure: { message: string; status?: number; reasoned?: boolean }, kind: 'create' | 'update'): Refusal {
  if (failure.reasoned) return { lead: failure.message, detail: '' };
  const lead =
    failure.status === 409
      ? i18next.t(kind === 'create' ? 'planning.refusedOverlap' : 'planning.refusedUpdateConflict')
      : failure.status === 400
        ? i18next.t('planning.refusedInvalid')
        : i18next.t('planning.refusedOther');
  return { lead, detail: failure.message };
}

/** The capacity typed, checked before it is sent: empty is the room's default; more than the room's stations is refused here already. */
export function readCapacity(text: string, stations: number | null): { ok: true; capacity: number | undefined } | { ok: false; refusal: Refusal } {
  if (text.trim() === '') return { ok: true, capacity: undefined };
  const capacity = Number(text);
  if (!Number.isInteger(capacity) || capacity < 1) return { ok: false, refusal: { lead: i18next.t('planning.needCapacity'), detail: '' } };
  if (stations !== null && capacity > stations) {
    return { ok: false, refusal: { lead: i18next.t('planning.capacityTooLarge', { count: stations }), detail: '' } };
  }
  return { ok: true, capacity };
}
