import { zCallListSummary, zListProgress, type CallListSummary, type ListProgress } from '@ringstuga/shared';
import i18next from 'i18next';
import { getWithToken, sendWithToken, type GetResult } from '../lib/http.ts';

export type Answer<T> = { ok: true; data: T } | { ok: false; message: string; lasting: boolean };

async function read<T>(result: GetResult, parse: (body: unknown) => T | null): Promise<Answer<T>> {
  if (!result.ok) return result;
  try {
    const data = parse(await result.response.json());
    if (data !== null) return { ok: true, data };
  } catch {
    // Not JSON: the same as JSON of the wrong shape.
  }
  return { ok: false, message: i18next.t('errors.badResponse'), lasting: false };
}

const summaries = zCallListSummary.array();

/** The association's own lists (the server shows it no others). */
export async function fetchLists(token: string, signal: AbortSignal): Promise<Answer<CallListSummary[]>> {
  return read(await getWithToken('/api/lists', token, signal), (body) => {
    if (typeof body !== 'object' || body === null || !('lists' in body)) return null;
    const parsed = summaries.safeParse(body.lists);
    return parsed.success ? parsed.data : null;
  });
}

export async function createList(token: string, name: string): Promise<Answer<CallListSummary>> {
  return read(await sendWithToken('POST', '/api/lists', token, { name }), (body) => {
    const parsed = zCallListSummary.safeParse(body);
    return parsed.success ? parsed.data : null;
  });
}

/** Switches notes on or off; answers the list as it now is. */
export async function setNotesEnabled(token: string, list: CallListSummary, notesEnabled: boolean): Promise<Answer<CallListSummary>> {
  return read(await sendWithToken('PATCH', `/api/lists/${list.id}`, token, { notesEnabled }), (body) => {
    const parsed = zCallListSummary.safeParse(body);
    return parsed.success ? parsed.data : null;
  });
}

export async function fetchProgress(token: string, listId: number, signal: AbortSignal): Promise<Answer<ListProgress>> {
  return read(await getWithToken(`/api/lists/${listId}/progress`, token, signal), (body) => {
    const parsed = zListProgress.safeParse(body);
    return parsed.success ? parsed.data : null;
  });
}
