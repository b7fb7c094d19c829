/** Persistence of saved answers: the idempotency_keys table, this module's alone. */
import type { EntityManager } from 'typeorm';
import { forUpdate } from '../../core/sql';
import { IdempotencyRecord } from './idempotency.entity';

/** The record saved under `id`, locked for the caller's transaction (FOR UPDATE on MySQL), or null. */
export async function lockedRecord(em: EntityManager, id: string): Promise<IdempotencyRecord | null> {
  const rows: IdempotencyRecord[] = await em.query(`SELECT * FROM idempotency_keys WHERE id = ?${forUpdate(em)}`, [id]);
  return rows[0] ?? null;
}

/** Saves a record in the caller's transaction (a concurrent twin then hits the primary key). */
export async function insertRecord(em: EntityManager, record: IdempotencyRecord): Promise<void> {
  await em.insert(IdempotencyRecord, record);
}
