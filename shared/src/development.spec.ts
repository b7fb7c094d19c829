/** Calendar arithmetic of the 发展党员 time rules: calendar months and years, township days, working days. */
import fc from 'fast-check';
import { addDays, addMonths, addYears, ageOn, daysBetween, daysInMonth, isCalendarDay } from './calendar';
import { DEFAULT_WORKDAY_EXCEPTIONS, DEVELOPMENT_STEPS, isWorkday, nthWorkday, workdayMap, workdaysBetween } from './development';

const dayArb = fc
  .record({ y: fc.integer({ min: 1950, max: 2100 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(Math.min(d, daysInMonth(y, m))).padStart(2, '0')}`);

describe('calendar periods', () => {
  it('clamps to the month end: 01-31 + 1 month = 02-28/29, 02-29 + 1 year = 02-28', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2028-02-29', addYears('2028-02-29', 1))).toBe(365);
  });

  it('a month later is always a real day, in the next month, never past the same day of month', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: -36, max: 36 }), (day, n) => {
        const r = addMonths(day, n);
        expect(isCalendarDay(r)).toBe(true);
        const [y, m, d] = day.split('-').map(Number);
        const [ry, rm, rd] = r.split('-').map(Number);
        expect(ry * 12 + rm - (y * 12 + m)).toBe(n);
        expect(rd).toBe(Math.min(d, daysInMonth(ry, rm)));
      }),
    );
  });

  it('adding months is monotonic and a year is 12 months, never 365 days', () => {
    fc.assert(
      fc.property(dayArb, dayArb, fc.integer({ min: 0, max: 24 }), (a, b, n) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(addMonths(lo, n) <= addMonths(hi, n)).toBe(true);
        expect(addYears(lo, 1)).toBe(addMonths(lo, 12));
        const len = daysBetween(lo, addYears(lo, 1));
        expect(len === 365 || len === 366).toBe(true);
      }),
    );
  });

  it('"≥ 1 calendar year after" holds exactly from addYears on, whatever the leap years', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: -3, max: 3 }), (start, delta) => {
        const due = addYears(start, 1);
        const candidate = addDays(due, delta);
        expect(candidate >= due).toBe(delta >= 0);
        // A year is never shorter than 365 days, so a 365-day count is never stricter than the calendar rule.
        expect(daysBetween(start, due)).toBeGreaterThanOrEqual(365);
      }),
    );
  });

  it('age turns on the birthday (a 29 February birthday on 1 March of a common year)', () => {
    expect(ageOn('2008-06-01', '2026-05-31')).toBe(17);
    expect(ageOn('2008-06-01', '2026-06-01')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 1, max: 80 }), (birth, years) => {
        const birthday = addYears(birth, years);
        const [bm, bd] = [birth.slice(5), birthday.slice(5)];
        // On the anniversary they are `years` old, the day before one less (unless 02-29 clamped to 02-28).
        if (bm === bd) {
          expect(ageOn(birth, birthday)).toBe(years);
          expect(ageOn(birth, addDays(birthday, -1))).toBe(years - 1);
        } else {
          expect(ageOn(birth, addDays(birthday, 1))).toBe(years);
        }
      }),
    );
  });

  it('adding days and counting them agree', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: -2000, max: 2000 }), (day, n) => {
        expect(daysBetween(day, addDays(day, n))).toBe(n);
        expect(isCalendarDay(addDays(day, n))).toBe(true);
      }),
    );
  });
});

describe('working days', () => {
  const cal = workdayMap(DEFAULT_WORKDAY_EXCEPTIONS);

  it('counts 调休 working weekends and skips holidays', () => {
    // 2026-09-20 is a Sunday worked for 国庆; 10-01..07 are holidays; 10-10 (Saturday) is worked.
    expect(isWorkday('2026-09-20', cal)).toBe(true);
    expect(isWorkday('2026-10-05', cal)).toBe(false);
    expect(isWorkday('2026-10-10', cal)).toBe(true);
    expect(isWorkday('2026-10-11', cal)).toBe(false);
    // A notice from 09-29 (Tue): 29, 30, then 10-08 (Thu), 10-09 (Fri), 10-10 (Sat, worked) = 5.
    expect(nthWorkday('2026-09-29', 5, cal)).toBe('2026-10-10');
    expect(workdaysBetween('2026-09-29', '2026-10-09', cal)).toBe(4);
    // Monday to Friday only would have said 5 by 10-05.
    expect(workdaysBetween('2026-09-29', '2026-10-05', new Map())).toBe(5);
  });

  it('the n-th working day from a date spans exactly n working days', () => {
    fc.assert(
      fc.property(
        dayArb.filter((d) => d >= '2025-01-01' && d <= '2027-12-01'),
        fc.integer({ min: 1, max: 20 }),
        (from, n) => {
          const end = nthWorkday(from, n, cal);
          expect(workdaysBetween(from, end, cal)).toBe(n);
          expect(isWorkday(end, cal)).toBe(true);
          expect(workdaysBetween(from, addDays(end, -1), cal)).toBe(n - 1);
        },
      ),
    );
  });

  it('a county entry overrides the default', () => {
    const county = workdayMap(DEFAULT_WORKDAY_EXCEPTIONS, [{ day: '2026-10-05', workday: true }]);
    expect(isWorkday('2026-10-05', county)).toBe(true);
  });
});

describe('the 25 steps', () => {
  it('are numbered 1..25 and each one needs only earlier steps', () => {
    expect(DEVELOPMENT_STEPS.map((s) => s.step)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    for (const s of DEVELOPMENT_STEPS) for (const a of s.after) expect(a).toBeLessThan(s.step);
  });
});
