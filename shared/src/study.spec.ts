import { planDates } from './study';

describe('study plan dates', () => {
  it('reads a period as 起 至 止, and one day as that day', () => {
    expect(planDates({ startsOn: '2026-12-01', endsOn: '2026-12-31' })).toBe('2026-12-01 至 2026-12-31');
    expect(planDates({ startsOn: '2026-12-01', endsOn: '2026-12-01' })).toBe('2026-12-01');
  });
});
