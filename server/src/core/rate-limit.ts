/**
 * Rate limits and lockouts, on rate-limiter-flexible: in memory for one API process (the embedded
 * setup), in Redis when `REDIS_URL` is set, so several API processes behind a load balancer count
 * together. Fixed windows: `limit` hits per `windowMs` per key.
 */
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from './errors';

export interface RateLimiter {
  /** Counts a hit on `key`; throws 429 RATE_LIMITED with Retry-After when over `limit`. */
  hit(key: string, limit: number, windowMs: number): Promise<void>;
  /**
   * Throws 429 RATE_LIMITED with Retry-After when `key` has already had `limit` hits in its
   * window, without counting one (a lockout: checked before the thing it protects is tried).
   */
  assertOpen(key: string, limit: number, windowMs: number): Promise<void>;
  /** Forgets `key` (e.g. after a successful sign-in). */
  reset(key: string): Promise<void>;
}

function tooMany(msBeforeNext: number): AppError {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new AppError('RATE_LIMITED', { retryAfterSeconds: retryAfter }, undefined, { 'Retry-After': String(retryAfter) });
}

/** One limiter per (limit, window) pair, made on first use, over one store. */
abstract class FlexibleRateLimiter implements RateLimiter {
  private readonly limiters = new Map<string, RateLimiterAbstract>();
  protected abstract make(points: number, duration: number, keyPrefix: string): RateLimiterAbstract;

  private limiter(limit: number, windowMs: number): RateLimiterAbstract {
    const id = `${limit}:${windowMs}`;
    let l = this.limiters.get(id);
    if (!l) {
      l = this.make(limit, Math.max(1, Math.ceil(windowMs / 1000)), `djzy:rl:${id}`);
      this.limiters.set(id, l);
    }
    return l;
  }

  async hit(key: string, limit: number, windowMs: number): Promise<void> {
    try {
      await this.limiter(limit, windowMs).consume(key);
    } catch (e) {
      if (e instanceof RateLimiterRes) throw tooMany(e.msBeforeNext);
      throw e;
    }
  }

  async assertOpen(key: string, limit: number, windowMs: number): Promise<void> {
    const res = await this.limiter(limit, windowMs).get(key);
    if (res && res.consumedPoints >= limit) throw tooMany(res.msBeforeNext);
  }

  async reset(key: string): Promise<void> {
    await Promise.all([...this.limiters.values()].map((l) => l.delete(key)));
  }
}

/** In this process only: correct for one API process. */
export class MemoryRateLimiter extends FlexibleRateLimiter {
  protected make(points: number, duration: number, keyPrefix: string): RateLimiterAbstract {
    return new RateLimiterMemory({ points, duration, keyPrefix });
  }
}

/** Shared by every API process through Redis. */
export class RedisRateLimiter extends FlexibleRateLimiter {
  constructor(private readonly redis: Redis) {
    super();
  }
  protected make(points: number, duration: number, keyPrefix: string): RateLimiterAbstract {
    return new RateLimiterRedis({ storeClient: this.redis, points, duration, keyPrefix });
  }
}
