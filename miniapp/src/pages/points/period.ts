/** Period keys of the points pages (本年 / 本季度 / 本月) and their Chinese labels. */
import { parsePeriod, periodKeysOf } from '@djzy/shared';

export type PeriodKind = 'year' | 'quarter' | 'month';

/** The switch's choices, in order. */
export const PERIOD_CHOICES: { kind: PeriodKind; label: string }[] = [
  { kind: 'year', label: '本年' },
  { kind: 'quarter', label: '本季度' },
  { kind: 'month', label: '本月' },
];

/** Today's key of a kind, in the township's zone (Asia/Shanghai): `2026`, `2026-Q4`, `2026-11`. */
export function currentPeriod(kind: PeriodKind, now: Date = new Date()): string {
  return periodKeysOf(now)[kind];
}

const QUARTERS = ['一', '二', '三', '四'];

/** `2026` → 2026年, `2026-Q4` → 2026年第四季度, `2026-11` → 2026年11月; anything else as is. */
export function periodLabel(key: string): string {
  const p = parsePeriod(key);
  if (!p) return key;
  if (p.kind === 'quarter') return `${p.year}年第${QUARTERS[Number(p.key.slice(-1)) - 1]}季度`;
  if (p.kind === 'month') return `${p.year}年${Number(p.key.slice(5))}月`;
  return `${p.year}年`;
}
