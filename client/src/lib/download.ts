import i18next from 'i18next';
import { getWithToken } from './http.ts';

/** Long enough for any browser to have started the download before the blob goes. */
const REVOKE_AFTER_MS = 60_000;

/**
 * Exports need the bearer header, so a plain link cannot fetch them: the page fetches the file
 * and saves the bytes (the server's BOM included, for Excel) through an object URL. Clicking an
 * `<a download>` is a navigation, not a fetch, so the CSP's connect-src does not apply to the
 * blob: URL. Returns an error message, or null once the download has started.
 */
export async function downloadWithToken(path: string, token: string, fileName: string): Promise<string | null> {
  const result = await getWithToken(path, token);
  if (!result.ok) return result.message;
  let blob: Blob;
  try {
    blob = await result.response.blob();
  } catch {
    return i18next.t('http.network');
  }
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  return null;
}
