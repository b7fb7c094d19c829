/** Pure helpers used by every client and the server. No Node or DOM dependency. */

/** Masks a mainland mobile number: 13812345678 → 138****5678. Anything else keeps only its last 4. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const s = String(phone);
  if (s.length >= 11) return `${s.slice(0, 3)}****${s.slice(-4)}`;
  if (s.length <= 4) return '*'.repeat(s.length);
  return `${'*'.repeat(s.length - 4)}${s.slice(-4)}`;
}

/** Masks a resident ID number, keeping its last 4: **************1234. */
export function maskIdCard(idCard: string | null | undefined): string | null {
  if (!idCard) return null;
  const s = String(idCard);
  if (s.length <= 4) return '*'.repeat(s.length);
  return `${'*'.repeat(s.length - 4)}${s.slice(-4)}`;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Normalises an 18-digit resident ID number (trims, upper-cases the X); null when it is not one. */
export function normalizeIdCard(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const s = String(raw).trim().toUpperCase();
  return /^\d{17}[\dX]$/.test(s) ? s : null;
}

/** True when an 18-digit ID number's checksum (GB 11643) and birth date are valid. */
export function isValidIdCard(raw: string | null | undefined): boolean {
  const s = normalizeIdCard(raw);
  if (!s) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * ID_WEIGHTS[i];
  if (ID_CHECK[sum % 11] !== s[17]) return false;
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Computes the check character for the first 17 digits of an ID number (for test data and seeds). */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** True for a mainland mobile number (11 digits starting with 1). */
export function isValidPhone(raw: string | null | undefined): boolean {
  return raw != null && /^1[3-9]\d{9}$/.test(String(raw).trim());
}

/** A period of the contract: a year `2026`, a quarter `2026-Q4` or a month `2026-11`. */
export interface Period {
  kind: 'year' | 'quarter' | 'month';
  /** The text as given, normalised (`2026-Q4`, `2026-03`). */
  key: string;
  year: number;
  /** Inclusive start and exclusive end, as ISO strings in the township's zone (+08:00). */
  start: string;
  end: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Parses `2026`, `2026-Q4` or `2026-11`; null when the text is none of these. */
export function parsePeriod(text: string | null | undefined): Period | null {
  if (!text) return null;
  const s = String(text).trim().toUpperCase();
  let m = /^(\d{4})$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    return { kind: 'year', key: s, year: y, start: `${y}-01-01T00:00:00+08:00`, end: `${y + 1}-01-01T00:00:00+08:00` };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    const startMonth = (q - 1) * 3 + 1;
    const endY = q === 4 ? y + 1 : y;
    const endMonth = q === 4 ? 1 : startMonth + 3;
    return {
      kind: 'quarter',
      key: `${y}-Q${q}`,
      year: y,
      start: `${y}-${pad2(startMonth)}-01T00:00:00+08:00`,
      end: `${endY}-${pad2(endMonth)}-01T00:00:00+08:00`,
    };
  }
  m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return null;
    const endY = mo === 12 ? y + 1 : y;
    const endMo = mo === 12 ? 1 : mo + 1;
    return {
      kind: 'month',
      key: `${y}-${pad2(mo)}`,
      year: y,
      start: `${y}-${pad2(mo)}-01T00:00:00+08:00`,
      end: `${endY}-${pad2(endMo)}-01T00:00:00+08:00`,
    };
  }
  return null;
}

/** The period keys (year, quarter, month) an instant belongs to, in the township's zone. */
export function periodKeysOf(instant: Date): { year: string; quarter: string; month: string } {
  const local = new Date(instant.getTime() + 8 * 3600_000);
  const y = local.getUTCFullYear();
  const mo = local.getUTCMonth() + 1;
  return { year: String(y), quarter: `${y}-Q${Math.ceil(mo / 3)}`, month: `${y}-${pad2(mo)}` };
}

/** Formats an instant as ISO 8601 with the township's offset: 2026-11-27T09:00:00+08:00. */
export function toIsoLocal(instant: Date | string | number): string {
  const t = new Date(instant).getTime();
  const d = new Date(t + 8 * 3600_000);
  return (
    `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}` +
    `T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}+08:00`
  );
}

/** The date part (YYYY-MM-DD) of an instant in the township's zone. */
export function toLocalDate(instant: Date | string | number): string {
  return toIsoLocal(instant).slice(0, 10);
}

/** The first instant of a calendar day (YYYY-MM-DD) in the township's zone: toLocalDate's inverse. */
export function localDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** The instants a calendar year spans in the township's zone: [from, to). */
export function localYearSpan(year: number): { from: Date; to: Date } {
  return { from: localDayStart(`${year}-01-01`), to: localDayStart(`${year + 1}-01-01`) };
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres between two WGS-84 points (haversine). */
export function distanceMeters(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** True for a latitude/longitude pair that is finite and in range. */
export function isValidCoordinate(lat: unknown, lng: unknown): boolean {
  return (
    typeof lat === 'number' &&
    typeof lng === 'number' &&
    Number.isFinite(lat) &&
    Number.isFinite(lng) &&
    Math.abs(lat) <= 90 &&
    Math.abs(lng) <= 180
  );
}
