import {
  toIsoLocal,
  type PointsEntryView,
  type PointsNoticeView,
  type PointsRuleView,
  type BranchPointsStat,
  type RankingItem,
} from '@djzy/shared';
import type { PointsEntry, PointsNotice, PointsRule } from './points.entity';

export function presentRule(r: PointsRule): PointsRuleView {
  return {
    code: r.code,
    name: r.name,
    points: r.points,
    dailyCap: r.dailyCap,
    yearlyCap: r.yearlyCap,
    enabled: !!r.enabled,
    updatedAt: toIsoLocal(r.updatedAt),
  };
}

export function presentEntry(e: PointsEntry, ruleNames: Map<string, string>, reversedBy: Map<string, string>): PointsEntryView {
  return {
    id: e.id,
    memberId: e.memberId,
    delta: e.delta,
    ruleCode: e.ruleCode,
    ruleName: ruleNames.get(e.ruleCode) ?? e.ruleCode,
    reason: e.reason,
    sourceType: e.sourceType,
    sourceId: e.sourceId,
    reversalOf: e.reversalOf,
    reversedBy: reversedBy.get(e.id) ?? null,
    effectiveDate: e.effectiveDate,
    createdAt: toIsoLocal(e.createdAt),
  };
}

export function presentNotice(n: PointsNotice, orgName: string): PointsNoticeView {
  const snap = JSON.parse(n.snapshot) as { top: RankingItem[]; bottom: RankingItem[]; branches: BranchPointsStat[] };
  return {
    id: n.id,
    orgId: n.orgId,
    orgName,
    period: n.period,
    title: n.title,
    body: n.body,
    status: n.status,
    top: snap.top,
    bottom: snap.bottom,
    branches: snap.branches,
    createdAt: toIsoLocal(n.createdAt),
    publishedAt: n.publishedAt ? toIsoLocal(n.publishedAt) : null,
  };
}
