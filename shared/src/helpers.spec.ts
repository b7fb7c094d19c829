import {
  distanceMeters,
  idCardCheckChar,
  isValidCoordinate,
  isValidIdCard,
  isValidPhone,
  localDayStart,
  localYearSpan,
  maskIdCard,
  maskPhone,
  parsePeriod,
  periodKeysOf,
  toIsoLocal,
  toLocalDate,
} from './helpers';
import { ERRORS, errorMessage } from './errors';
import { attendanceApartText } from './activity';

describe('masking', () => {
  it('masks phones and ID numbers as the contract shows', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdCard('110101199003074513')).toBe('**************4513');
    expect(maskPhone(null)).toBeNull();
    expect(maskIdCard('')).toBeNull();
    expect(maskPhone('123')).toBe('***');
  });
});

describe('ID numbers and phones', () => {
  it('checks the GB 11643 check character and the birth date', () => {
    expect(isValidIdCard('11010519491231002X')).toBe(true);
    expect(isValidIdCard('11010519491231002x')).toBe(true);
    expect(isValidIdCard('110105194912310021')).toBe(false);
    expect(isValidIdCard('110105194902300020')).toBe(false);
    expect(isValidIdCard('1101051949123100')).toBe(false);
    const first17 = '13052119800101001';
    expect(isValidIdCard(first17 + idCardCheckChar(first17))).toBe(true);
  });
  it('accepts mainland mobile numbers only', () => {
    expect(isValidPhone('13912345678')).toBe(true);
    expect(isValidPhone('12912345678')).toBe(false);
    expect(isValidPhone('1391234567')).toBe(false);
  });
});

describe('periods', () => {
  it.each([
    ['2026', { kind: 'year', key: '2026', start: '2026-01-01T00:00:00+08:00', end: '2027-01-01T00:00:00+08:00' }],
    ['2026-Q4', { kind: 'quarter', key: '2026-Q4', start: '2026-10-01T00:00:00+08:00', end: '2027-01-01T00:00:00+08:00' }],
    ['2026-q1', { kind: 'quarter', key: '2026-Q1', start: '2026-01-01T00:00:00+08:00', end: '2026-04-01T00:00:00+08:00' }],
    ['2026-11', { kind: 'month', key: '2026-11', start: '2026-11-01T00:00:00+08:00', end: '2026-12-01T00:00:00+08:00' }],
    ['2026-12', { kind: 'month', key: '2026-12', start: '2026-12-01T00:00:00+08:00', end: '2027-01-01T00:00:00+08:00' }],
  ])('parses %s', (text, expected) => {
    expect(parsePeriod(text)).toMatchObject(expected);
  });
  it.each(['', '26', '2026-13', '2026-Q5', '2026-11-01', 'abc'])('rejects %p', (text) => {
    expect(parsePeriod(text)).toBeNull();
  });
  it('places an instant in the township zone', () => {
    // 2026-12-31T17:00Z is already 2027-01-01 01:00 in Shanghai.
    expect(periodKeysOf(new Date('2026-12-31T17:00:00Z'))).toEqual({ year: '2027', quarter: '2027-Q1', month: '2027-01' });
    expect(toIsoLocal('2026-11-27T01:00:00Z')).toBe('2026-11-27T09:00:00+08:00');
  });
});

describe('local days and years', () => {
  test('a day starts at midnight in the township (UTC+8), the inverse of toLocalDate', () => {
    expect(localDayStart('2026-01-01').toISOString()).toBe('2025-12-31T16:00:00.000Z');
    for (const day of ['2026-03-01', '2024-02-29', '2026-12-31']) expect(toLocalDate(localDayStart(day))).toBe(day);
    expect(toLocalDate(localDayStart('2026-03-01').getTime() - 1)).toBe('2026-02-28');
  });
  test('a year spans its first local instant up to the next year’s', () => {
    const { from, to } = localYearSpan(2026);
    expect(from).toEqual(localDayStart('2026-01-01'));
    expect(to).toEqual(localDayStart('2027-01-01'));
  });
});

describe('distance', () => {
  it('measures metres between two points', () => {
    // Tian'anmen to the Forbidden City's north gate: about 1.6 km.
    const d = distanceMeters(39.9087, 116.3975, 39.9228, 116.3972);
    expect(d).toBeGreaterThan(1500);
    expect(d).toBeLessThan(1700);
    expect(distanceMeters(30, 120, 30, 120)).toBe(0);
  });
  it('validates coordinates', () => {
    expect(isValidCoordinate(39.9, 116.4)).toBe(true);
    expect(isValidCoordinate(NaN, 116.4)).toBe(false);
    expect(isValidCoordinate(91, 0)).toBe(false);
    expect(isValidCoordinate('39', 116)).toBe(false);
  });
});

describe('error catalogue', () => {
  it('gives every code a 4xx/5xx status and a Chinese message', () => {
    for (const [code, e] of Object.entries(ERRORS)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(e.status).toBeGreaterThanOrEqual(400);
      expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(errorMessage('NO_SUCH_CODE')).toBe(ERRORS.INTERNAL.message);
  });
});

describe('attendanceApartText', () => {
  const row = (memberId: string) => ({ memberId, name: memberId, orgName: '', method: null, checkedInAt: null, leaveReason: null });
  it('names who is listed apart, in one line, and nothing when nobody is', () => {
    expect(attendanceApartText({ observers: [row('a'), row('b')], guests: [], away: [row('c')] })).toBe(
      '另有列席 2 人、流动在外 1 人，不计入应到',
    );
    expect(attendanceApartText({ observers: [], guests: [row('d')], away: [] })).toBe('另有非党员列席 1 人，不计入应到');
    expect(attendanceApartText({ observers: [], guests: [], away: [] })).toBe('');
  });
});
