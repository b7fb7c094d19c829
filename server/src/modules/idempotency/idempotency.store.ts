/**
 * Saved answers to requests sent with an `Idempotency-Key`: the same key and body get the saved
 * answer again; the same key with another body is refused (422 IDEMPOTENCY_KEY_REUSED).
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppError, fieldError } from '../../core/errors';
import { insertRecord, lockedRecord } from './idempotency.repository';

const KEY_PATTERN = /^[\w.:-]{8,100}$/;

/** Checks a client's key: 400 when malformed; with `required`, 400 when missing. */
export function checkIdempotencyKey(key: string | undefined, required: boolean): string | undefined {
  if (key === undefined) {
    if (required) throw new AppError('IDEMPOTENCY_KEY_REQUIRED');
    return undefined;
  }
  if (!KEY_PATTERN.test(key)) throw fieldError('Idempotency-Key', 'Idempotency-Key 应为 8 到 100 位字母、数字或 -_.:');
  return key;
}

/** A stable hash of a request's meaningful parts. */
export function requestHash(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** The answer saved under `id` (locked for the transaction), or null; 422 when the body differs. */
export async function savedAnswer<T>(em: EntityManager, id: string, hash: string): Promise<{ status: number; body: T } | null> {
  const saved = await lockedRecord(em, id);
  if (!saved) return null;
  if (saved.requestHash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  return { status: saved.status, body: JSON.parse(saved.response) as T };
}

/** Saves an answer in the request's transaction (a concurrent twin then hits the primary key). */
export async function saveAnswer(
  em: EntityManager,
  id: string,
  hash: string,
  answer: { status: number; body: unknown },
  at: Date,
): Promise<void> {
  await insertRecord(em, { id, requestHash: hash, status: answer.status, response: JSON.stringify(answer.body), createdAt: at });
}
