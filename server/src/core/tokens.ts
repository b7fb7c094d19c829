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

  /** The subject of a valid token; 401 TOKEN_EXPIRED or UNAUTHORIZED otherwise. */
  verify(token: string): TokenSubject {
    try {
      const payload = jwt.verify(token, this.key, { algorithms: ['HS256'] });
      const sub = typeof payload === 'object' && payload ? payload.sub : undefined;
      const m = typeof sub === 'string' ? /^([mu]):([0-9a-z]{1,32})$/.exec(sub) : null;
      if (!m) throw new AppError('UNAUTHORIZED');
      return { kind: m[1] === 'm' ? 'member' : 'user', id: m[2] };
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (e instanceof jwt.TokenExpiredError) throw new AppError('TOKEN_EXPIRED');
      throw new AppError('UNAUTHORIZED');
    }
  }
}
