/**
 * Short-lived signed addresses for files an <image> or <video> tag, or a download, must fetch
 * without a token: `?exp=<unix seconds>&sig=<HMAC of id and exp>`; the signature is the access.
 */
import { systemClock, type Clock } from './clock';
import { createHmac, timingSafeEqual } from 'node:crypto';

export class UrlSigner {
  private readonly key: Buffer;
  constructor(
    secret: string,
    /** Separates the keys of different kinds of file (a photo's signature opens no video). */
    purpose: string,
    private readonly ttlMs: number,
    private readonly now: Clock = systemClock,
  ) {
    this.key = createHmac('sha256', secret).update(purpose).digest();
  }

  private sign(id: string, exp: number): string {
    return createHmac('sha256', this.key).update(`${id}|${exp}`).digest('base64url').slice(0, 32);
  }

  /** The query string that opens `id` for the next `ttlMs`. */
  query(id: string): string {
    const exp = Math.floor((this.now().getTime() + this.ttlMs) / 1000);
    return `exp=${exp}&sig=${this.sign(id, exp)}`;
  }

  /** True when `sig` is this id's signature for `exp` (compared in constant time) and not expired. */
  verify(id: string, exp: string, sig: string): boolean {
    const expNum = Number(exp);
    if (!Number.isInteger(expNum) || expNum * 1000 <= this.now().getTime()) return false;
    const expected = Buffer.from(this.sign(id, expNum));
    const given = Buffer.from(sig);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
