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

/** The workbook first (it opens in any Excel), the CSV for other tools. */
export type TotalsFormat = 'xlsx' | 'csv';
export const totalsFileName = (format: TotalsFormat) => `ringstuga-volunteers.${format}`;
/** GET /api/volunteers.xlsx or .csv through the bearer header; an error message, or null once it downloads. */
export function downloadVolunteerTotals(token: string, format: TotalsFormat): Promise<string | null> {
  return downloadWithToken(`/api/volunteers.${format}`, token, totalsFileName(format));
}
