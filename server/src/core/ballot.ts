/**
 * One-time ballot tokens (无记名测评), shared by 述职评议 (review) and 民主评议党员 (appraisal): each
 * module keeps its own tables, this is the one place for how a token is made, found and spent.
 *
 *  - A token is 16 random bytes (base64url) shown once on a slip; only its SHA-256 hash is stored
 *    with a `used` flag — no time, no ballot id, so no token row can be matched to a ballot.
 *  - A ballot's ids are random only (the usual ids start with the time).
 *  - Every look-up (form or cast) counts against the client address's hourly limit.
 *  - Casting flips `used` false → true by a conditional update and writes the ballot in the same
 *    transaction: one token makes one ballot however many requests carry it at once.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager, EntityTarget } from 'typeorm';
import { AppError } from './errors';
import type { RateLimiter } from './rate-limit';
import { transactionWithRetry, updateWhere } from './sql';

const HOUR = 3600_000;
/** The default of `BALLOTS_PER_HOUR`: a meeting's phones may share one address. */
export const DEFAULT_BALLOTS_PER_HOUR = 600;

export const hashBallotToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
/** A ballot's (or ballot line's) id: random only. */
export const randomBallotId = (): string => randomBytes(12).toString('hex');

/** `count` fresh tokens, in clear (for the slips) and hashed (for the table). */
export function newBallotTokens(count: number): { tokens: string[]; hashes: string[] } {
  const tokens = Array.from({ length: count }, () => randomBytes(16).toString('base64url'));
  return { tokens, hashes: tokens.map(hashBallotToken) };
}

/** The columns every token table has. */
export interface BallotTokenRow {
  id: string;
  tokenHash: string;
  used: boolean;
}

export interface BallotLimit {
  limiter: RateLimiter;
  /** Look-ups per client address per hour. */
  perHour?: number;
}

/** The token's row, after counting the look-up against the address (429), or 404 BALLOT_TOKEN_INVALID. */
export async function findBallotToken<T extends BallotTokenRow>(
  ds: DataSource,
  entity: EntityTarget<T>,
  token: string,
  ip: string,
  limit: BallotLimit,
): Promise<T> {
  await limit.limiter.hit(`ballot:${ip}`, limit.perHour ?? DEFAULT_BALLOTS_PER_HOUR, HOUR);
  const row =
    typeof token === 'string' && /^[\w-]{16,64}$/.test(token)
      ? await ds.getRepository(entity).findOneBy({ tokenHash: hashBallotToken(token) } as never)
      : null;
  if (!row) throw new AppError('BALLOT_TOKEN_INVALID');
  return row;
}

/**
 * Spends the token and writes the ballot in one transaction (retried on lock errors): 409
 * BALLOT_TOKEN_USED when another request spent it first. `write` runs after the flag flipped and
 * may still refuse (say, the vote closed meanwhile) — the transaction then leaves the token unused.
 */
export async function castWithToken<T extends BallotTokenRow>(
  ds: DataSource,
  entity: EntityTarget<T>,
  row: T,
  write: (em: EntityManager, ballotId: string) => Promise<void>,
): Promise<void> {
  if (row.used) throw new AppError('BALLOT_TOKEN_USED');
  await transactionWithRetry(ds, async (em) => {
    if (!(await updateWhere(em, entity, { id: row.id, used: false } as never, { used: true } as never)))
      throw new AppError('BALLOT_TOKEN_USED');
    await write(em, randomBallotId());
  });
}
