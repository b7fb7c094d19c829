/** 统计周期: a year, a quarter or a month, as the contract's period key (2026, 2026-Q4, 2026-11). */
import { currentPeriod, parsePeriod, PERIOD_KIND_LABELS, PERIOD_KINDS, periodLabel, type PeriodKind } from '@djzy/shared';
import { DatePicker, Radio, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

const KIND_OPTIONS = PERIOD_KINDS.map((kind) => ({ value: kind, label: PERIOD_KIND_LABELS[kind] }));

/** The period key of the current year, in the township's zone. */
export const currentYear = (): string => currentPeriod('year');

/** The period key of `date` for `kind`. */
export function periodKeyOf(kind: PeriodKind, date: Dayjs): string {
  if (kind === 'year') return date.format('YYYY');
  if (kind === 'quarter') return `${date.year()}-Q${Math.floor(date.month() / 3) + 1}`;
  return date.format('YYYY-MM');
}

/** Props of PeriodPicker: the period key and its setter. */
export interface PeriodPickerProps {
  value: string;
  onChange(period: string): void;
}

/** Kind switch (年度/季度/月度) and a year, quarter or month picker, worded like periodLabel. */
export function PeriodPicker({ value, onChange }: PeriodPickerProps) {
  const period = parsePeriod(value);
  const kind: PeriodKind = period?.kind ?? 'year';
  // The period's first day, read as a local date (the key's offset is the township's).
  const date = period ? dayjs(period.start.slice(0, 10)) : dayjs();

  const switchKind = (next: PeriodKind) => {
    // Switching within the current year lands on today's quarter or month; otherwise on the first.
    const base = date.year() === dayjs().year() ? dayjs() : date;
    onChange(periodKeyOf(next, base));
  };

  return (
    <Space size={8} data-testid="period-picker">
      <Radio.Group optionType="button" options={KIND_OPTIONS} value={kind} onChange={(e) => switchKind(e.target.value as PeriodKind)} />
      <DatePicker
        picker={kind}
        value={date}
        format={(d) => periodLabel(periodKeyOf(kind, d))}
        allowClear={false}
        onChange={(d) => d && onChange(periodKeyOf(kind, d))}
        style={{ width: 150 }}
      />
    </Space>
  );
}
