/** Sums the 党建总览 shows beside a row's own figures. */
import type { OverviewRow } from '@djzy/shared';

/** Org-life meetings of every kind together: held, required so far, and periods missed. */
export function orgLifeSum(row: OverviewRow): { held: number; required: number; missed: number } {
  return row.orgLife.reduce((s, k) => ({ held: s.held + k.held, required: s.required + k.required, missed: s.missed + k.missed }), {
    held: 0,
    required: 0,
    missed: 0,
  });
}

/** The org-life kinds of the overview in the server's order (the total's, else the first row's). */
export function orgLifeKinds(rows: OverviewRow[]): { kind: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const r of rows) for (const k of r.orgLife) if (!seen.has(k.kind)) seen.set(k.kind, k.label);
  return [...seen].map(([kind, label]) => ({ kind, label }));
}
