import type { z } from 'zod';

/** An HTTP call with a bearer token (or none) and an optional JSON body. */
export function api(url: string, method: string, path: string, token?: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** An HTTP POST with a bearer token (or none) and a CSV file as the body, as the import routes take it. */
export function postCsv(url: string, path: string, token: string | undefined, csv: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'text/csv' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  return fetch(`${url}${path}`, { method: 'POST', headers, body: csv });
}

/**
 * The body of a response with the `expected` status, parsed with the route's own schema; any other
 * status throws with what the server said, so a setup step that was refused fails where it happened.
 */
export async function bodyOf<S extends z.ZodType>(response: Response, expected: number, schema: S): Promise<z.output<S>> {
  if (response.status !== expected) throw new Error(`${response.url} answered ${response.status}, not ${expected}: ${await response.text()}`);
  return schema.parse(await response.json());
}
