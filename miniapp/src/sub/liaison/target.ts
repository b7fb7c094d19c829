import type { LiaisonView } from '@djzy/shared';

/** What a link is to: the village, the area, or the households. */
export function liaisonTarget(l: LiaisonView): string {
  if (l.scope === 'village') return `联系村：${l.targetOrgName ?? ''}`;
  if (l.scope === 'area') return `联系片区：${l.areaName ?? ''}`;
  return `联系 ${l.households.length} 户`;
}
