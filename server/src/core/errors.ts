import { ERRORS, type ErrorCode } from '@djzy/shared';

/**
 * A domain error: thrown by services with a catalogue code; the error middleware turns it into
 * the contract's HTTP answer. Services never pick HTTP statuses themselves.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    public readonly code: ErrorCode,
    public readonly details?: unknown,
    message?: string,
    /** Extra response headers (e.g. Retry-After for 429). */
    public readonly headers?: Record<string, string>,
  ) {
    super(message ?? ERRORS[code].message);
    this.status = ERRORS[code].status;
  }
}

/** 400 VALIDATION_FAILED naming one bad field. */
export function fieldError(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', [{ field, message }]);
}
