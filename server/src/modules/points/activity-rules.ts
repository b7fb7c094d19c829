/**
 * Which points rule an attended activity earns: org-life meetings have their own rules, capped
 * at the yearly required count; every other activity earns the general `checkin` rule. The rules
 * are the points module's; the check-in module asks here.
 */
import type { ActivityKind } from '@djzy/shared';

export const RULE_FOR_KIND: Partial<Record<ActivityKind, string>> = {
  fixed_day: 'meeting_fixed_day',
  general_meeting: 'meeting_general',
  committee_meeting: 'meeting_committee',
  group_meeting: 'meeting_group',
  party_lecture: 'meeting_lecture',
  org_life_meeting: 'meeting_org_life',
  democratic_appraisal: 'meeting_appraisal',
};

export const ruleForKind = (kind: ActivityKind): string => RULE_FOR_KIND[kind] ?? 'checkin';
