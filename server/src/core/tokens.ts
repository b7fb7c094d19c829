/** Bearer tokens: HS256 JWTs naming the principal (`m:<memberId>` or `u:<userId>`). */
import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { AppError } from './errors';

export interface TokenSubject {
  kind: 'member' | 'user';
  id: string;
}

export class TokenService {
  /** A key object made once: jsonwebtoken would otherwise rebuild one from the string per request. */
  private readonly key: KeyObject;
  constructor(
    secret: string,
    readonly ttlSeconds: number,
  ) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  issue(subject: TokenSubject): { token: string; expiresIn: number } {
    const sub = `${subject.kind === 'member' ? 'm' : 'u'}:${subject.id}`;
    const token = jwt.sign({}, this.key, { algorithm: 'HS256', subject: sub, expiresIn: this.ttlSeconds });
    return { token, expiresIn: this.ttlSeconds };
  }

  /**
   * Tokens verified lately, with their subject and expiry: a signature and its claims never
   * change, so a burst of requests with the same token checks the HMAC once (issue #19). An
   * expired one is verified again, which answers TOKEN_EXPIRED.
   */
  private readonly verified = new Map<string, { subject: TokenSubject; expMs: number }>();

  /** The subject of a valid token; 401 TOKEN_EXPIRED or UNAUTHORIZED otherwise. */
  verify(token: string): TokenSubject {
    const hit = this.verified.get(token);
    if (hit && hit.expMs > Date.now()) return { ...hit.subject };
    try {
      const payload = jwt.verify(token, this.key, { algorithms: ['HS256'] });
      const sub = typeof payload === 'object' && payload ? payload.sub : undefined;
      const m = typeof sub === 'string' ? /^([mu]):([0-9a-z]{1,32})$/.exec(sub) : null;
      if (!m) throw new AppError('UNAUTHORIZED');
      const subject: TokenSubject = { kind: m[1] === 'm' ? 'member' : 'user', id: m[2] };
      const exp = typeof payload === 'object' && typeof payload.exp === 'number' ? payload.exp * 1000 : 0;
      if (exp) {
        if (this.verified.size >= 20_000) this.verified.clear();
        this.verified.set(token, { subject, expMs: exp });
      }
      return { ...subject };
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (e instanceof jwt.TokenExpiredError) throw new AppError('TOKEN_EXPIRED');
      throw new AppError('UNAUTHORIZED');
    }
  }
}
