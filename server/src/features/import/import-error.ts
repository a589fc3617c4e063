/**
 * The file as a whole cannot be imported: empty, not CSV, or a column the mapping names is missing.
 * Nothing from it is imported; the message (English, for the server's reply) says why. A single
 * bad row is never this: it becomes a rejected row and the rest of the file is still imported.
 */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
}
