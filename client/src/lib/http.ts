import i18next from 'i18next';
import { refusalOf, refusalText } from './refusal-text.ts';

/** What the server's error body says (in the page's language where it can be), when the body is one. */
export async function errorDetail(response: Response): Promise<string | null> {
  try {
    return refusalText(await response.json());
  } catch {
    return null;
  }
}

export type GetResult =
  | { ok: true; response: Response }
  /**
   * `lasting`: the token itself was refused (401/403), so asking again will not help. `status`:
   * the server's answer (none when the network failed), for pages that say a refusal in words;
   * `reasoned`: the message is the server's reason in the page's words (no lead of its own needed).
   */
  | { ok: false; message: string; lasting: boolean; status?: number; reasoned?: boolean };

/** A GET with the page's bearer token; a refusal or a dropped network becomes a short message. */
export function getWithToken(path: string, token: string, signal?: AbortSignal): Promise<GetResult> {
  return requestWithToken(path, token, { signal, cache: 'no-store' });
}

/** A JSON body sent with the page's bearer token (POST, PATCH, PUT); answers as `getWithToken` does. */
export function sendWithToken(method: 'POST' | 'PATCH' | 'PUT', path: string, token: string, body: unknown): Promise<GetResult> {
  return requestWithToken(path, token, { method, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
}

/** A DELETE with the page's bearer token (no body); answers as `getWithToken` does. */
export function deleteWithToken(path: string, token: string): Promise<GetResult> {
  return requestWithToken(path, token, { method: 'DELETE' });
}

export type Answer<T> = { ok: true; data: T } | { ok: false; message: string; lasting: boolean; status?: number; reasoned?: boolean };

/** The answer's JSON read through `schema`: a body of another shape is a failure like any other. */
export async function parseAnswer<T>(result: GetResult, schema: { safeParse: (body: unknown) => { success: true; data: T } | { success: false } }): Promise<Answer<T>> {
  if (!result.ok) return result;
  try {
    const parsed = schema.safeParse(await result.response.json());
    if (parsed.success) return { ok: true, data: parsed.data };
  } catch {
    // Not JSON: the same as JSON of the wrong shape.
  }
  return { ok: false, message: i18next.t('errors.badResponse'), lasting: false };
}

async function requestWithToken(
  path: string,
  token: string,
  init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> },
): Promise<GetResult> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { ...init.headers, Authorization: `Bearer ${token}` } });
  } catch {
    return { ok: false, message: i18next.t('http.network'), lasting: false };
  }
  if (response.ok) return { ok: true, response };
  const { status } = response;
  if (status === 401) return { ok: false, message: i18next.t('http.unauthorized'), lasting: true, status };
  if (status === 403) return { ok: false, message: i18next.t('http.forbidden'), lasting: true, status };
  const refusal = await response.json().then(refusalOf, () => null);
  return { ok: false, message: refusal?.text ?? `HTTP ${status}`, lasting: false, status, reasoned: refusal?.reasoned ?? false };
}
