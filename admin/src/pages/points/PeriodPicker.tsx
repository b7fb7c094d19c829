/** 统计周期: a year, a quarter or a month, as the contract's period key (2026, 2026-Q4, 2026-11). */
import { parsePeriod, periodKeysOf } from '@djzy/shared';
import { DatePicker, Radio, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

type Kind = 'year' | 'quarter' | 'month';

const KIND_OPTIONS: { value: Kind; label: string }[] = [
  { value: 'year', label: '年度' },
  { value: 'quarter', label: '季度' },
  { value: 'month', label: '月度' },
];

const FORMATS: Record<Kind, string> = { year: 'YYYY年', quarter: 'YYYY年第Q季度', month: 'YYYY年M月' };

/** The period key of the current year, in the township's zone. */
export function currentYear(): string {
  return periodKeysOf(new Date()).year;
}

/** The period key of `date` for `kind`. */
export function periodKeyOf(kind: Kind, date: Dayjs): string {
  if (kind === 'year') return date.format('YYYY');
  if (kind === 'quarter') return `${date.year()}-Q${Math.floor(date.month() / 3) + 1}`;
  return date.format('YYYY-MM');
}

/** Human wording of a period key: 2026年度, 2026年第4季度, 2026年11月. */
export function periodLabel(key: string): string {
  const p = parsePeriod(key);
  if (!p) return key;
  if (p.kind === 'year') return `${p.year}年度`;
  if (p.kind === 'quarter') return `${p.year}年第${p.key.slice(-1)}季度`;
  return `${p.year}年${Number(p.key.slice(5))}月`;
}

/** Props of PeriodPicker: the period key and its setter. */
export interface PeriodPickerProps {
  value: string;
  onChange(period: string): void;
}

/** Kind switch (年度/季度/月度) and a year, quarter or month picker. */
export function PeriodPicker({ value, onChange }: PeriodPickerProps) {
  const period = parsePeriod(value);
  const kind: Kind = period?.kind ?? 'year';
  // The period's first day, read as a local date (the key's offset is the township's).
  const date = period ? dayjs(period.start.slice(0, 10)) : dayjs();

  const switchKind = (next: Kind) => {
    // Switching within the current year lands on today's quarter or month; otherwise on the first.
    const base = date.year() === dayjs().year() ? dayjs() : date;
    onChange(periodKeyOf(next, base));
  };

  return (
    <Space size={8} data-testid="period-picker">
      <Radio.Group optionType="button" options={KIND_OPTIONS} value={kind} onChange={(e) => switchKind(e.target.value as Kind)} />
      <DatePicker
        picker={kind}
        value={date}
        format={FORMATS[kind]}
        allowClear={false}
        onChange={(d) => d && onChange(periodKeyOf(kind, d))}
        style={{ width: 150 }}
      />
    </Space>
  );
}
