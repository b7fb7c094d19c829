/** Period kinds (年/季度/月) and their one Chinese wording, for both clients and exported sheets. */
import { parsePeriod, periodKeysOf } from './helpers.js';

export const PERIOD_KINDS = ['year', 'quarter', 'month'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** The kind as a switch reads it about the current period: 本年 / 本季度 / 本月. */
export const CURRENT_PERIOD_LABELS: Record<PeriodKind, string> = { year: '本年', quarter: '本季度', month: '本月' };
/** The kind as a picker names it: 年度 / 季度 / 月度. */
export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = { year: '年度', quarter: '季度', month: '月度' };

/** Today's key of a kind in the township's zone (Asia/Shanghai): `2026`, `2026-Q4`, `2026-11`. */
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
