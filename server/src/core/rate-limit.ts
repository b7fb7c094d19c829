/**
 * Fixed-window rate limiting for sign-in routes. In memory: correct for one API process (the
 * embedded setup and a county on one server); several processes behind a load balancer need a
 * shared store (Redis) behind the same interface.
 */
import { AppError } from './errors';

export interface RateLimiter {
  /** Counts a hit on `key`; throws 429 RATE_LIMITED with Retry-After when over `limit`. */
  hit(key: string, limit: number, windowMs: number): void;
  /** Forgets `key` (e.g. after a successful sign-in). */
  reset(key: string): void;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(private readonly now: () => number = Date.now) {}

  hit(key: string, limit: number, windowMs: number): void {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || t - w.start >= windowMs) {
      w = { start: t, count: 0 };
      this.windows.set(key, w);
      if (this.windows.size > 50_000) this.sweep(t, windowMs);
    }
    w.count++;
    if (w.count > limit) {
      const retryAfter = Math.max(1, Math.ceil((w.start + windowMs - t) / 1000));
      throw new AppError('RATE_LIMITED', { retryAfterSeconds: retryAfter }, undefined, { 'Retry-After': String(retryAfter) });
    }
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(t: number, windowMs: number) {
    for (const [k, w] of this.windows) if (t - w.start >= windowMs) this.windows.delete(k);
  }
}
