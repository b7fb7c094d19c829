/** The points pages' period keys and labels (`@djzy/shared`, as the pages import them: plain functions). */
import { CURRENT_PERIOD_LABELS, PERIOD_KINDS, currentPeriod, periodLabel } from '@djzy/shared';

test.each([
  // 2026-12-31 17:00 UTC is already 2027-01-01 01:00 in Asia/Shanghai
  ['2026-12-31T17:00:00Z', { year: '2027', quarter: '2027-Q1', month: '2027-01' }],
  ['2026-11-27T06:00:00Z', { year: '2026', quarter: '2026-Q4', month: '2026-11' }],
  ['2026-03-31T15:59:59Z', { year: '2026', quarter: '2026-Q1', month: '2026-03' }],
  ['2026-03-31T16:00:00Z', { year: '2026', quarter: '2026-Q2', month: '2026-04' }],
] as const)('at %s the periods are %o (township time)', (instant, keys) => {
  const now = new Date(instant);
  expect(currentPeriod('year', now)).toBe(keys.year);
  expect(currentPeriod('quarter', now)).toBe(keys.quarter);
  expect(currentPeriod('month', now)).toBe(keys.month);
});

test.each([
  ['2026', '2026年'],
  ['2026-Q4', '2026年第四季度'],
  ['2026-Q1', '2026年第一季度'],
  ['2026-03', '2026年3月'],
  ['2026-11', '2026年11月'],
  ['not-a-period', 'not-a-period'],
])('periodLabel(%s) is %s', (key, label) => {
  expect(periodLabel(key)).toBe(label);
});

test('the points switch offers 本年 / 本季度 / 本月, in that order', () => {
  expect(PERIOD_KINDS.map((k) => CURRENT_PERIOD_LABELS[k])).toEqual(['本年', '本季度', '本月']);
});
