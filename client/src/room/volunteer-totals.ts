import { zVolunteerTotals, type VolunteerTotals } from '@ringstuga/shared';
import { sv } from '../i18n/sv.ts';
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
  return { ok: false, message: sv.errors.badResponse, lasting: false };
}

export const CSV_FILENAME = 'ringstuga-volunteers.csv';
/** Long enough for any browser to have started the download before the blob goes. */
const REVOKE_AFTER_MS = 60_000;

/**
 * GET /api/volunteers.csv needs the bearer header, so a plain link cannot fetch it: the page
 * fetches it and saves the bytes (the server's BOM included, for Excel) through an object URL.
 * Clicking an `<a download>` is a navigation, not a fetch, so the CSP's connect-src does not
 * apply to the blob: URL. Returns an error message, or null once the download has started.
 */
export async function downloadVolunteersCsv(token: string): Promise<string | null> {
  const result = await getWithToken('/api/volunteers.csv', token);
  if (!result.ok) return result.message;
  let blob: Blob;
  try {
    blob = await result.response.blob();
  } catch {
    return sv.http.network;
  }
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = CSV_FILENAME;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  return null;
}
