import {
  zImportPreview,
  zImportProgress,
  zImportResult,
  type ImportMapping,
  type ImportPreview,
  type ImportProgress,
  type ImportResult,
} from '@ringstuga/shared';
import i18next from 'i18next';
import { getWithToken } from '../lib/http.ts';
import { uploadFile, type UploadOptions } from './upload-file.ts';

const zImportAnswer = zImportResult.extend({ preview: zImportPreview });
export type ImportAnswer = ImportResult & { preview: ImportPreview };
export type ImportOutcome = { ok: true; answer: ImportAnswer } | { ok: false; message: string };

export interface ImportRequest {
  listId: number;
  token: string;
  file: File;
  /** Omitted: the server recognises the columns from the headers. */
  mapping?: ImportMapping;
  dryRun: boolean;
  /** Names the upload, so its progress can be read while it runs. */
  importId?: string;
}

export function importUrl({ listId, mapping, dryRun, importId }: Omit<ImportRequest, 'token' | 'file'>): string {
  // No file name: the server keeps none (lists are often named after a person).
  const query = new URLSearchParams();
  if (dryRun) query.set('dryRun', 'true');
  if (mapping) query.set('mapping', JSON.stringify(mapping));
  if (importId) query.set('importId', importId);
  return `/api/lists/${listId}/import?${query}`;
}

/** The server runs one import per association at a time: a dry run asked while the previous one still runs waits its turn. */
const BUSY_RETRY_MS = 500;
const BUSY_RETRIES = 20;

/** A dry run (preview and what would happen) or the import itself; the whole file is sent either way. */
export async function sendImport(
  request: ImportRequest,
  progress: Pick<UploadOptions, 'onUploadProgress' | 'onUploaded' | 'signal'> = {},
): Promise<ImportOutcome> {
  let answer = await uploadFile({ url: importUrl(request), token: request.token, file: request.file, ...progress });
  // A change of the mapping while the last one's dry run still runs: that is this page's own, soon done.
  for (let retry = 0; request.dryRun && !answer.ok && answer.busy && retry < BUSY_RETRIES && !progress.signal?.aborted; retry += 1) {
    await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
    answer = await uploadFile({ url: importUrl(request), token: request.token, file: request.file, ...progress });
  }
  if (!answer.ok) return answer;
  const parsed = zImportAnswer.safeParse(answer.body);
  return parsed.success ? { ok: true, answer: parsed.data } : { ok: false, message: i18next.t('errors.badResponse') };
}

/** The server's progress with an import; `null` while it has none to tell (not started, or an older server). */
export async function fetchImportProgress(
  listId: number,
  importId: string,
  token: string,
  signal: AbortSignal,
): Promise<ImportProgress | null> {
  const result = await getWithToken(`/api/lists/${listId}/import-progress?importId=${encodeURIComponent(importId)}`, token, signal);
  if (!result.ok) return null;
  try {
    const parsed = zImportProgress.safeParse(await result.response.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
