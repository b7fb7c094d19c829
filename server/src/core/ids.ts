import { randomFillSync } from 'node:crypto';

/**
 * New primary keys are made here, not by the database: a 20-character string, time-ordered
 * enough for index locality but never relied on for order (TiDB's auto-increment is not
 * monotonic across nodes, and ids must stay unguessable-ish and stable across dialects).
 */
export function newId(): string {
  const time = Date.now().toString(36).padStart(9, '0');
  if (used + 8 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const rand = pool.readBigUInt64BE(used).toString(36).padStart(13, '0').slice(0, 11);
  used += 8;
  return time + rand;
}

/** Random bytes fetched 4 KiB at a time (a check-in burst makes thousands of ids). */
const pool = Buffer.alloc(4096);
let used = pool.length;

/** Ids arrive as strings from clients; this is the shape we accept before asking the database. */
export function isIdLike(v: unknown): v is string {
  return typeof v === 'string' && /^[0-9a-z]{1,32}$/.test(v);
}
