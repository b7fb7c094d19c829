/**
 * The one error type of both clients: an answer in the contract's error shape (or a network
 * failure, status 0) with its stable `code`, the Chinese `message` a person reads, and `details`.
 */
import { errorMessage, type ErrorBody, type FieldError } from './errors.js';

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when no answer arrived (network failure, timeout). */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** An error answer as received: its code and message when it has the contract's shape. */
  static fromResponse(status: number, body: unknown): ApiError {
    const err = (body as Partial<ErrorBody> | null | undefined)?.error;
    if (err && typeof err.code === 'string') return new ApiError(status, err.code, err.message || errorMessage(err.code), err.details);
    const code = status === 401 ? 'UNAUTHORIZED' : status === 429 ? 'RATE_LIMITED' : status >= 500 ? 'INTERNAL' : 'HTTP_ERROR';
    return new ApiError(status, code, code === 'HTTP_ERROR' ? `请求失败（${status}）` : errorMessage(code));
  }

  /** No answer arrived: the write may or may not have happened (retry with the same Idempotency-Key). */
  static network(message = '网络连接失败，请检查网络后重试'): ApiError {
    return new ApiError(0, 'NETWORK_ERROR', message);
  }

  /** True when no answer arrived (network failure or timeout). */
  get isNetwork(): boolean {
    return this.status === 0;
  }

  /**
   * True when trying the same request again later may succeed: no answer arrived, or the
   * service was briefly unavailable (503, e.g. its database restarting).
   */
  get isRetryable(): boolean {
    return this.status === 0 || this.status === 503;
  }

  /**
   * The per-field messages of an answer: VALIDATION_FAILED, and domain errors that name a field
   * (DUPLICATE_ID_CARD on `idCard`, CADRE_INVALID on `contactCadreId` …). Empty otherwise.
   */
  get fieldErrors(): FieldError[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter((d): d is FieldError => !!d && typeof d.field === 'string' && typeof d.message === 'string');
  }
}
