import { zVolunteerTotals, type VolunteerTotals } from '@ringstuga/shared';
import i18next from 'i18next';
import { downloadWithToken } from '../lib/download.ts';
import { getWithToken } from '../lib/http.ts';

export type TotalsResult = { ok: true; totals: VolunteerTotals } | { ok: false; message: string; lasting: boolean };

export async function fetchVolunteerTotals(token: string, signal: AbortSignal): Promise<TotalsResult> {
  const result = await getWithToken('/api/volunteers', token, signal);
  if (!result.ok) return result;
  try {
    const parsed = zVolunteerTotals.safeParse(await result.response.json());
    if (parsed.success) return { ok: true, totals: parsed.data };
  } catch {
    // Not JSON: the same as JSON of the wrong shape.
  }
  return { ok: false, message: i18next.t('errors.badResponse'), lasting: false };
}

export const CSV_FILENAME = 'ringstuga-volunteers.csv';
/** GET /api/volunteers.csv through the bearer header; an error message, or null once it downloads. */
export function downloadVolunteersCsv(token: string): Promise<string | null> {
  return downloadWithToken('/api/volunteers.csv', token, CSV_FILENAME);
}
