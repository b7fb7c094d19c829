/** Idempotent retries: keys checked and answers saved in the caller's transaction. */
export { checkIdempotencyKey, requestHash, savedAnswer, saveAnswer } from './idempotency.store';
