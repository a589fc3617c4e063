import i18next from 'i18next';
import { refusalOf } from '../lib/refusal-text.ts';

export type UploadAnswer = { ok: true; body: unknown } | { ok: false; message: string; lasting: boolean; busy?: true };

export interface UploadOptions {
  url: string;
  token: string;
  file: Blob;
  /** Bytes sent so far, of all; only XMLHttpRequest reports this (fetch has no upload progress). */
  onUploadProgress?: (sent: number, total: number) => void;
  /** The last byte is sent: from here on the server is working. */
  onUploaded?: () => void;
  signal?: AbortSignal;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The type the server takes for the file, from its name rather than `file.type`: Windows labels
 * .csv files `application/vnd.ms-excel`, which the server refuses. The server reads the bytes
 * and tells a workbook, the encoding and the separator by itself.
 */
function contentTypeOf(file: Blob): string {
  return file instanceof File && /\.xlsx$/i.test(file.name) ? XLSX : 'text/csv';
}

/** POSTs a file as the raw request body with the page's bearer token, reporting the upload's progress. */
export function uploadFile({ url, token, file, onUploadProgress, onUploaded, signal }: UploadOptions): Promise<UploadAnswer> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('Authorization', `Bearer ${token}`);
    request.setRequestHeader('Content-Type', contentTypeOf(file));
    request.responseType = 'text';
    request.upload.onprogress = (event) => onUploadProgress?.(event.loaded, event.lengthComputable ? event.total : file.size);
    request.upload.onload = () => onUploaded?.();
    request.onload = () => {
      const body = parse(request.responseText);
      if (request.status >= 200 && request.status < 300) return resolve({ ok: true, body });
      if (request.status === 401) return resolve({ ok: false, message: i18next.t('http.unauthorized'), lasting: true });
      if (request.status === 403) return resolve({ ok: false, message: i18next.t('http.forbidden'), lasting: true });
      // Another import of the association's is running (not any 409: an archived campaign's list is one too).
      const refusal = refusalOf(body);
      if (refusal?.code === 'import_running') return resolve({ ok: false, message: i18next.t('listImport.busy'), lasting: false, busy: true });
      resolve({ ok: false, message: refusal?.text ?? `HTTP ${request.status}`, lasting: false });
    };
    request.onerror = () => resolve({ ok: false, message: i18next.t('http.network'), lasting: false });
    request.onabort = () => resolve({ ok: false, message: i18next.t('http.network'), lasting: false });
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(file);
  });
}
