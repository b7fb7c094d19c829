/**
 * The demo county's township-level work of the year so far, which the yearly report counts
 * (REPORT-FIGURES.md #1, 2, 9, 11, 22, 23, 24): 党建专题研究会议, 中心组学习, 观摩, 述职测评会,
 * 支部书记集中学习, 专题交流汇报, 全乡党员集中学习 — and its 约谈 of village secretaries (#7). They are past meetings whose attendance is
 * taken as settled (no absences are charged to anyone for a meeting seeded after the fact).
 */
import type { DataSource } from 'typeorm';
import type { ActivityKind, AttendeeScope } from '@djzy/shared';
import { newId } from '../core/ids';
import { Activity, ActivityInvitee } from '../modules/activity/activity.entity';
import { RoleGrant } from '../modules/auth/role-grant.entity';
import { User } from '../modules/auth/user.entity';
import { Org } from '../modules/org/org.entity';
import { Interview, InterviewMember } from '../modules/problem/problem.entity';

const DAY = 86_400_000;

interface Plan {
  kind: ActivityKind;
  titles: string[];
  /** Month (1–12) of each, in order. */
  months: number[];
  audience: AttendeeScope;
  /** Only the branch secretaries are asked to attend. */
  secretaries?: boolean;
}

const PLANS: Plan[] = [
  { kind: 'review_meeting', titles: ['村党组织书记抓基层党建工作述职评议会'], months: [1], audience: 'members', secretaries: true },
  {
    kind: 'party_building_meeting',
    titles: [
      '研究部署全年党建工作',
      '研究“三会一课”落实情况',
      '研究流动党员管理',
      '研究党建阵地标准化建设',
      '研究发展党员工作',
      '研究年终述职评议准备',
    ],
    months: [2, 4, 6, 8, 10, 11],
    audience: 'committee',
  },
  {
    kind: 'theory_study_group',
    titles: [
      '学习全国两会精神',
      '学习党纪学习教育要求',
      '学习乡村振兴政策',
      '学习“七一”重要讲话',
      '学习全会精神',
      '学习基层治理文件',
      '学习党章',
      '学习《中国共产党农村基层组织工作条例》',
    ],
    months: [1, 3, 4, 5, 7, 8, 9, 10],
    audience: 'committee',
  },
  {
    kind: 'observation',
    titles: ['赴县党建示范点观摩学习', '赴邻乡标准化阵地观摩'],
    months: [5, 9],
    audience: 'members',
    secretaries: true,
  },
  {
    kind: 'study_session',
    titles: ['村党组织书记集中学习：三会一课规范', '村党组织书记集中学习：发展党员工作细则', '村党组织书记集中学习：三务公开'],
    months: [3, 6, 9],
    audience: 'members',
    secretaries: true,
  },
  {
    kind: 'exchange_meeting',
    titles: ['党建工作专题交流汇报（上半年）', '党建工作专题交流汇报（三季度）'],
    months: [7, 10],
    audience: 'members',
    secretaries: true,
  },
  {
    kind: 'study_session',
    titles: ['全乡党员集中学习：党章党规', '全乡党员集中学习：全会精神宣讲', '全乡党员集中学习：乡村振兴'],
    months: [4, 7, 11],
    audience: 'org',
  },
];

export async function seedDemoReportWork(ds: DataSource, now: Date = new Date()): Promise<{ townshipActivities: number }> {
  const orgs = await ds.getRepository(Org).find({ order: { sortOrder: 'ASC' } });
  const admin = await ds.getRepository(User).findOneByOrFail({ username: 'admin' });
  const secretaries = (await ds.getRepository(RoleGrant).find({ where: { role: 'branch_secretary' } })).filter((g) => g.memberId);
  const year = Number(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 4));
  let count = 0;
  const invitedOn = (branchIds: Set<string>, month: number) => {
    const day = new Date(`${year}-${String(month).padStart(2, '0')}-15T09:00:00+08:00`);
    return [
      ...new Set(
        secretaries.filter((g) => branchIds.has(g.orgId) && g.grantedAt <= day && (!g.endedAt || g.endedAt > day)).map((g) => g.memberId!),
      ),
    ];
  };
  await ds.transaction(async (em) => {
    for (const township of orgs.filter((o) => o.kind === 'township')) {
      const branchIds = new Set(orgs.filter((o) => o.parentId === township.id).map((o) => o.id));
      for (const plan of PLANS)
        for (const [i, month] of plan.months.entries()) {
          const startsAt = new Date(`${year}-${String(month).padStart(2, '0')}-${String(10 + i).padStart(2, '0')}T09:00:00+08:00`);
          if (startsAt.getTime() + 3 * 3600_000 > now.getTime()) continue;
          const a: Activity = {
            id: newId(),
            title: plan.titles[i],
            kind: plan.kind,
            orgId: township.id,
            startsAt,
            endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
            locationName: `${township.name.replace('党委', '')}党委会议室`,
            lat: null,
            lng: null,
            radiusM: null,
            checkinModes: 'qr',
            studyMode: plan.kind === 'study_session' ? 'classroom' : null,
            description: null,
            lecturer: null,
            topic: null,
            allowRemote: false,
            audience: plan.audience,
            status: 'published',
            createdBy: admin.id,
            createdAt: new Date(startsAt.getTime() - 7 * DAY),
            publishedAt: new Date(startsAt.getTime() - 6 * DAY),
            cancelledAt: null,
            attendanceClosedAt: new Date(startsAt.getTime() + 3 * 3600_000),
          };
          await em.insert(Activity, a);
          // The secretaries in office on the day (a secretary replaced during the year is invited until then).
          const invited = [
            ...new Set(
              secretaries
                .filter((g) => branchIds.has(g.orgId) && g.grantedAt <= startsAt && (!g.endedAt || g.endedAt > startsAt))
                .map((g) => g.memberId!),
            ),
          ];
          if (plan.secretaries && invited.length)
            await em.insert(
              ActivityInvitee,
              invited.map((memberId) => ({ activityId: a.id, memberId, role: 'extra' as const })),
            );
          count++;
        }
      // 约谈: the village secretaries whose rectification lagged, once or twice a year.
      const talks: { month: number; who: string[]; reason: string }[] = [
        { month: 6, who: invitedOn(branchIds, 6).slice(0, 1), reason: '上半年问题整改推进缓慢，两项问题超过整改期限' },
        { month: 9, who: invitedOn(branchIds, 9).slice(1, 3), reason: '“三会一课”记录不全，督查通报指出的问题未按期销号' },
      ];
      for (const t of talks) {
        const at = new Date(`${year}-${String(t.month).padStart(2, '0')}-18T15:00:00+08:00`);
        if (!t.who.length || at.getTime() > now.getTime()) continue;
        const id = newId();
        await em.insert(Interview, {
          id,
          orgId: township.id,
          at,
          place: `${township.name.replace('党委', '')}党委会议室`,
          reasonText: t.reason,
          reasonProblemIds: '[]',
          record: '指出问题，提出整改要求，本人表态按期整改到位。',
          commitments: '一个月内完成整改并向镇党委书面报告。',
          interviewerId: admin.id,
          interviewerName: '乡镇党委书记',
          createdAt: at,
        });
        await em.insert(
          InterviewMember,
          t.who.map((memberId) => ({ interviewId: id, memberId })),
        );
      }
    }
  });
  return { townshipActivities: count };
}
