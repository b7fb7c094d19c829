/**
 * The rotating check-in token shown as a QR code at the venue: `<slot>.<nonce>.<mac>`, where
 * mac = HMAC-SHA256(key, activityId|slot|nonce). A token is good for its slot and the next one
 * (≤ 60 s in all); a forged, another activity's, a future or an older token is refused, and
 * the comparison is constant-time.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CHECKIN_SLOT_MS } from '@djzy/shared';

export type TokenCheck = { ok: true; slot: number } | { ok: false; reason: 'invalid' | 'expired' };

export class CheckinTokens {
  private readonly key: Buffer;
  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('djzy:checkin-token:v1').digest();
  }

  slotOf(at: Date): number {
    return Math.floor(at.getTime() / CHECKIN_SLOT_MS);
  }

  private mac(activityId: string, slot: number, nonce: string): Buffer {
    return createHmac('sha256', this.key).update(`${activityId}|${slot}|${nonce}`).digest().subarray(0, 16);
  }

  issue(activityId: string, at: Date): { token: string; expiresAt: Date } {
    const slot = this.slotOf(at);
    const nonce = randomBytes(6).toString('base64url');
    const token = `${slot.toString(36)}.${nonce}.${this.mac(activityId, slot, nonce).toString('base64url')}`;
    // Valid through the end of the next slot (the grace), so never more than 60 s.
    return { token, expiresAt: new Date((slot + 2) * CHECKIN_SLOT_MS) };
  }

  verify(activityId: string, token: string, at: Date): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3 || !/^[0-9a-z]{1,12}$/.test(parts[0]) || !/^[\w-]{8}$/.test(parts[1]) || !/^[\w-]{22}$/.test(parts[2]))
      return { ok: false, reason: 'invalid' };
    const slot = parseInt(parts[0], 36);
    const expected = this.mac(activityId, slot, parts[1]);
    const given = Buffer.from(parts[2], 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
    const now = this.slotOf(at);
    if (slot > now) return { ok: false, reason: 'invalid' };
    if (slot < now - 1) return { ok: false, reason: 'expired' };
    return { ok: true, slot };
  }
}
