import type { Why } from '@ringstuga/shared';
import type { HttpErrorCode } from '../../http-errors.ts';

/**
 * A write refused by a rule (thrown inside its transaction, so nothing of it is kept); the route
 * answers `code`, and `why` for the page that says it in its own language.
 */
export class Refusal extends Error {
  constructor(
    readonly code: HttpErrorCode,
    message: string,
    readonly why?: Why,
  ) {
    super(message);
  }
}
