import type { HttpErrorCode } from '../../http-errors.ts';

/** A write refused by a rule (thrown inside its transaction, so nothing of it is kept); the route answers `code`. */
export class Refusal extends Error {
  constructor(
    readonly code: HttpErrorCode,
    message: string,
  ) {
    super(message);
  }
}
