/**
 * The rotating check-in token shown as a QR code at the venue: `<slot>.<nonce>.<mac>`, where
 * mac = HMAC-SHA256(key, activityId|slot|nonce). A token is good for its slot and the next one
 * (≤ 60 s in all); a forged, another activity's, a future or an older token is refused, and
 * the comparison is constant-time.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CHECKIN_SLOT_MS, SHORT_CODE_LENGTH } from '@djzy/shared';

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

  /** The 6-digit code of a slot: HMAC-derived, so it cannot be guessed from earlier ones. */
  private code(activityId: string, slot: number): string {
    const n = createHmac('sha256', this.key).update(`code|${activityId}|${slot}`).digest().readUInt32BE(0);
    return String(n % 10 ** SHORT_CODE_LENGTH).padStart(SHORT_CODE_LENGTH, '0');
  }

  /** The code shown under the QR code for `at` (rotating with the token). */
  shortCode(activityId: string, at: Date): string {
    return this.code(activityId, this.slotOf(at));
  }

  /**
   * A typed (or scanned-scene) code: the current slot's or the previous one's; a code of a few
   * slots ago is expired (so "过期" can be said), anything else invalid. Constant-time compare.
   */
  verifyShortCode(activityId: string, code: string, at: Date): TokenCheck {
    if (!new RegExp(`^\\d{${SHORT_CODE_LENGTH}}$`).test(code)) return { ok: false, reason: 'invalid' };
    const now = this.slotOf(at);
    const same = (slot: number) => timingSafeEqual(Buffer.from(this.code(activityId, slot)), Buffer.from(code));
    for (const slot of [now, now - 1]) if (same(slot)) return { ok: true, slot };
    for (let slot = now - 2; slot >= now - 20; slot--) if (same(slot)) return { ok: false, reason: 'expired' };
    return { ok: false, reason: 'invalid' };
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
