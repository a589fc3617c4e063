import type { Why } from '@ringstuga/shared';

/** A refusal of the whole file: `message` in English for the reply, `why` for a page's own language. */
export abstract class FileRefusal extends Error {
  constructor(
    message: string,
    readonly why?: Why,
  ) {
    super(message);
  }
}

/**
 * The file as a whole cannot be imported: empty, not CSV, or a column the mapping names is missing.
 * Nothing from it is imported. A single bad row is never this: it becomes a rejected row and the
 * rest of the file is still imported.
 */
export class ImportFileError extends FileRefusal {
  override readonly name = 'ImportFileError';
}

/** The file is larger than an import may take (rows, a workbook's inflated size, the parser's memory): 413. */
export class ImportTooLargeError extends FileRefusal {
  override readonly name = 'ImportTooLargeError';
}

/** Another import for the same association is running: 409, try again when it is done. */
export class ImportBusyError extends Error {
  override readonly name = 'ImportBusyError';
  constructor() {
    super('Another import for this association is running; wait until it has finished, then try again');
  }
}
