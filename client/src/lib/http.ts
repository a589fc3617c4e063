import { sv } from '../i18n/sv.ts';

/** The server's `{ error: { message } }`, when the body is that. */
export async function errorDetail(response: Response): Promise<string | null> {
  try {
    const body: unknown = await response.json();
    if (typeof body !== 'object' || body === null || !('error' in body)) return null;
    const { error } = body;
    if (typeof error !== 'object' || error === null || !('message' in error)) return null;
    return typeof error.message === 'string' ? error.message : null;
  } catch {
    return null;
  }
}

export type GetResult =
  | { ok: true; response: Response }
  /** `lasting`: the token itself was refused (401/403), so asking again will not help. */
  | { ok: false; message: string; lasting: boolean };

/** A GET with the page's bearer token; a refusal or a dropped network becomes a short message. */
export async function getWithToken(path: string, token: string, signal?: AbortSignal): Promise<GetResult> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Authorization: `Bearer ${token}` }, signal, cache: 'no-store' });
  } catch {
    return { ok: false, message: sv.http.network, lasting: false };
  }
  if (response.ok) return { ok: true, response };
  if (response.status === 401) return { ok: false, message: sv.http.unauthorized, lasting: true };
  if (response.status === 403) return { ok: false, message: sv.http.forbidden, lasting: true };
  return { ok: false, message: (await errorDetail(response)) ?? `HTTP ${response.status}`, lasting: false };
}
