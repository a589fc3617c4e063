import type { ImportField, ImportMapping, ImportPreview, ImportProgress, ImportResult } from '@ringstuga/shared';
import { useEffect, useRef, useState } from 'react';
import { randomId } from '../lib/secure-context/random-id.ts';
import { fetchImportProgress, sendImport, type ImportAnswer } from './import-api.ts';

/** How often the page asks the server how far an import has come. */
export const IMPORT_POLL_MS = 300;

/** What a dry run with the form's mapping says. */
export type Check =
  | { kind: 'checking' }
  | { kind: 'checked'; answer: ImportAnswer }
  | { kind: 'incomplete'; field: 'name' | 'phone' }
  | { kind: 'failed'; message: string };

export interface Draft {
  file: File;
  /** The file as the server first read it, with the columns it recognised. */
  preview: ImportPreview;
  /** The server joins first- and last-name columns by itself: then no name column is needed. */
  nameFromParts: boolean;
  mapping: ImportMapping;
  check: Check;
}

export type RunProgress =
  | { stage: 'uploading'; sent: number; total: number }
  /** `server` is null while the server has nothing to tell (or no progress endpoint). */
  | { stage: 'server'; server: ImportProgress | null };

export type Run =
  | { kind: 'idle' }
  | { kind: 'running'; progress: RunProgress }
  | { kind: 'done'; result: ImportResult }
  | { kind: 'failed'; message: string };

export interface ImportState {
  reading: boolean;
  readError: string | null;
  draft: Draft | null;
  run: Run;
}

const START: ImportState = { reading: false, readError: null, draft: null, run: { kind: 'idle' } };

function withColumn(mapping: ImportMapping, field: ImportField, header: string): ImportMapping {
  const rest = Object.fromEntries(Object.entries(mapping).filter(([key]) => key !== field));
  return header === '' ? rest : { ...rest, [field]: header };
}

function missingField(mapping: ImportMapping, nameFromParts: boolean): 'name' | 'phone' | null {
  if (mapping.name === undefined && !nameFromParts) return 'name';
  return mapping.phone === undefined ? 'phone' : null;
}

/**
 * A file's way into a list: a dry run as soon as it is chosen (the preview and the recognised
 * columns), another after each change of the mapping (only the latest answer counts), then the
 * import itself with its upload progress and, once the file is sent, the server's progress polled.
 */
export function useImport(token: string, listId: number, onImported: () => void) {
  const [state, setState] = useState<ImportState>(START);
  const latestCheck = useRef(0);
  /** Aborts whatever belongs to the current file: its dry runs, its import, the polling. */
  const fileRequests = useRef<AbortController | null>(null);

  useEffect(() => () => fileRequests.current?.abort(), []);

  const running = state.run.kind === 'running';

  const chooseFile = async (file: File | null) => {
    if (running) return;
    fileRequests.current?.abort();
    const controller = new AbortController();
    fileRequests.current = controller;
    const request = ++latestCheck.current;
    if (!file) {
      setState(START);
      return;
    }
    setState({ ...START, reading: true });
    const outcome = await sendImport({ listId, token, file, dryRun: true }, { signal: controller.signal });
    if (controller.signal.aborted || request !== latestCheck.current) return;
    if (!outcome.ok) {
      setState({ ...START, readError: outcome.message });
      return;
    }
    const { preview } = outcome.answer;
    const nameFromParts = preview.mapping.name === undefined;
    // Should the server preview a file whose number column it did not recognise, the form asks for it first.
    const missing = missingField(preview.mapping, nameFromParts);
    const check: Check = missing ? { kind: 'incomplete', field: missing } : { kind: 'checked', answer: outcome.answer };
    setState({ ...START, draft: { file, preview, nameFromParts, mapping: preview.mapping, check } });
  };

  const setColumn = async (field: ImportField, header: string) => {
    const draft = state.draft;
    const signal = fileRequests.current?.signal;
    if (!draft || !signal || running) return;
    const mapping = withColumn(draft.mapping, field, header);
    const request = ++latestCheck.current;
    const missing = missingField(mapping, draft.nameFromParts);
    const check: Check = missing ? { kind: 'incomplete', field: missing } : { kind: 'checking' };
    setState((previous) => ({ ...previous, run: { kind: 'idle' }, draft: previous.draft && { ...previous.draft, mapping, check } }));
    if (missing) return;
    const outcome = await sendImport({ listId, token, file: draft.file, mapping, dryRun: true }, { signal });
    if (signal.aborted || request !== latestCheck.current) return;
    const done: Check = outcome.ok ? { kind: 'checked', answer: outcome.answer } : { kind: 'failed', message: outcome.message };
    setState((previous) => ({ ...previous, draft: previous.draft && { ...previous.draft, check: done } }));
  };

  const start = async () => {
    const draft = state.draft;
    const signal = fileRequests.current?.signal;
    if (!draft || !signal || draft.check.kind !== 'checked' || running) return;
    const importId = randomId();
    const show = (progress: RunProgress) =>
      setState((previous) => (previous.run.kind === 'running' ? { ...previous, run: { kind: 'running', progress } } : previous));
    setState((previous) => ({ ...previous, run: { kind: 'running', progress: { stage: 'uploading', sent: 0, total: draft.file.size } } }));

    let polling = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const server = await fetchImportProgress(listId, importId, token, signal);
      if (!polling || signal.aborted) return;
      show({ stage: 'server', server });
      timer = setTimeout(() => void poll(), IMPORT_POLL_MS);
    };
    const outcome = await sendImport(
      { listId, token, file: draft.file, mapping: draft.mapping, dryRun: false, importId },
      {
        signal,
        onUploadProgress: (sent, total) => show({ stage: 'uploading', sent, total }),
        onUploaded: () => {
          show({ stage: 'server', server: null });
          void poll();
        },
      },
    );
    polling = false;
    clearTimeout(timer);
    if (signal.aborted) return;
    setState((previous) => ({
      ...previous,
      run: outcome.ok ? { kind: 'done', result: outcome.answer } : { kind: 'failed', message: outcome.message },
    }));
    if (outcome.ok) onImported();
  };

  return {
    ...state,
    chooseFile: (file: File | null) => void chooseFile(file),
    setColumn: (field: ImportField, header: string) => void setColumn(field, header),
    start: () => void start(),
  };
}
