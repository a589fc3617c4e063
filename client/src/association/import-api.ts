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

export function importUrl({ listId, file, mapping, dryRun, importId }: Omit<ImportRequest, 'token'>): string {
  const query = new URLSearchParams({ fileName: file.name.slice(0, 200) });
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

const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

/**
 * A version 4 UUID. `crypto.randomUUID` exists only in secure contexts, and a room's server is
 * often reached over plain HTTP on the local network; `getRandomValues` works everywhere.
 */
export function newImportId(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const text = hex(bytes);
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}
