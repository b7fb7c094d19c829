/** Grouping of free-text destinations (外出地点) into provinces or cities for the 去向分布 chart. */
import type { MobileMemberView } from '@djzy/shared';

/** How coarse the grouping is. */
export type RegionLevel = 'province' | 'city';

/**
 * The province (`广东省`, or a municipality such as `北京市`) or the city (`广东省深圳市`) a
 * destination names; a destination without such a suffix counts as a place of its own.
 */
export function regionOf(destination: string, level: RegionLevel): string {
  const d = destination.trim();
  if (!d) return '未填写';
  if (level === 'province') return /^.+?(?:省|自治区|特别行政区|市)/.exec(d)?.[0] ?? d;
  return /^(?:.+?(?:省|自治区))?.+?(?:市|自治州|州|盟|地区|特别行政区)/.exec(d)?.[0] ?? d;
}

/** One bar of the chart. */
export interface RegionCount {
  region: string;
  count: number;
}

/** Members per region, most first (ties by name). */
export function countByRegion(rows: MobileMemberView[], level: RegionLevel): RegionCount[] {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const region = regionOf(r.destination, level);
    counts.set(region, (counts.get(region) ?? 0) + 1);
  }
  return [...counts]
    .map(([region, count]) => ({ region, count }))
    .sort((a, b) => b.count - a.count || a.region.localeCompare(b.region, 'zh'));
}
