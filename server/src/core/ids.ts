import { randomBytes } from 'node:crypto';

/**
 * New primary keys are made here, not by the database: a 20-character string, time-ordered
 * enough for index locality but never relied on for order (TiDB's auto-increment is not
 * monotonic across nodes, and ids must stay unguessable-ish and stable across dialects).
 */
export function newId(): string {
  const time = Date.now().toString(36).padStart(9, '0');
  const rand = BigInt('0x' + randomBytes(8).toString('hex')).toString(36).padStart(13, '0').slice(0, 11);
  return time + rand;
}

/** Ids arrive as strings from clients; this is the shape we accept before asking the database. */
export function isIdLike(v: unknown): v is string {
  return typeof v === 'string' && /^[0-9a-z]{1,32}$/.test(v);
}
