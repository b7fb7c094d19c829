/**
 * The demo county's year of oversight: the problems each township answers for — named at the
 * last 述职评议, suggested by the county's 观摩评议, found by its own checks and inspections, from
 * a 督查通报 and from members' complaints — each assigned to the branch secretary with a
 * deadline and rectified with links to the branch's own meetings; most 销号, some still open,
 * a few overdue. And members' 投诉建议: most answered, some waiting, a few past their due date.
 * Written directly as history (dated through the year), after the activities seed.
 */
import type { DataSource } from 'typeorm';
import {
  FEEDBACK_CATEGORY_LABELS,
  isPartyMember,
  toLocalDate,
  type FeedbackCategory,
  type ProblemEventKind,
  type ProblemSource,
  type ProblemStatus,
} from '@djzy/shared';
import { newId } from '../core/ids';
import { transactionWithRetry } from '../core/sql';
import { Activity } from '../modules/activity/activity.entity';
import { RoleGrant } from '../modules/auth/role-grant.entity';
import { User } from '../modules/auth/user.entity';
import { Member } from '../modules/member/member.entity';
import { Org } from '../modules/org/org.entity';
import { Feedback, Inspection, InspectionNotice, Problem, ProblemEvent } from '../modules/problem/problem.entity';
import { prng } from './seed';

const DAY = 24 * 3600_000;

const FINDINGS: { source: ProblemSource; category: string; description: string }[] = [
  { source: 'review', category: '组织生活', description: '“三会一课”记录不规范，部分支委会没有会议记录' },
  { source: 'review', category: '党员教育管理', description: '流动党员联系不经常，个别党员半年以上未联系' },
  { source: 'observation_review', category: '阵地建设', description: '党员活动室制度未上墙，党建宣传栏内容陈旧' },
  { source: 'observation_review', category: '为民服务', description: '为群众办实事台账不完整，办结情况未公开' },
  { source: 'self_check', category: '三务公开', description: '村务公开栏更新不及时，财务公开缺少明细' },
  { source: 'inspection', category: '发展党员', description: '发展党员材料不齐全，缺少政治审查记录' },
  { source: 'supervision', category: '组织生活', description: '主题党日活动形式单一，学习内容与实际工作结合不紧' },
  { source: 'patrol', category: '党费管理', description: '党费收缴台账登记不及时' },
];
const PROGRESS = ['已召开支委会研究整改措施，明确专人负责', '补齐了相关台账和会议记录', '已完成整改，相关制度已上墙并在党员大会上通报'];
const COMPLAINTS: { category: FeedbackCategory; content: string; reply: string }[] = [
  {
    category: 'complaint',
    content: '村务公开栏三个月没有更新，低保名单看不到',
    reply: '已于本周更新公开栏，今后每月 5 日前更新，低保名单已公示',
  },
  {
    category: 'suggestion',
    content: '建议把主题党日安排在晚上，方便白天干活的党员参加',
    reply: '支委会已研究，农忙季节主题党日改在晚上七点召开',
  },
  { category: 'suggestion', content: '希望多组织一些农业技术方面的学习', reply: '已联系镇农技站，下月党课安排果树管理技术讲座' },
  { category: 'complaint', content: '村里路灯坏了两个月没人修', reply: '已联系电工维修，本周内修好' },
  { category: 'suggestion', content: '建议在党员群里提前一周通知活动安排', reply: '' },
];

export async function seedDemoProblems(ds: DataSource, now: Date = new Date()): Promise<{ problems: number; feedback: number }> {
  const rnd = prng(20261206).next;
  const orgs = await ds.getRepository(Org).find({ order: { sortOrder: 'ASC' } });
  const grants = await ds.getRepository(RoleGrant).find();
  const users = await ds.getRepository(User).find();
  const members = await ds.getRepository(Member).find({ select: { id: true, name: true, orgId: true, status: true } });
  const meetings = await ds
    .getRepository(Activity)
    .find({ where: { status: 'published' }, select: { id: true, orgId: true, startsAt: true, kind: true } });
  const year = Number(toLocalDate(now).slice(0, 4));
  const today = toLocalDate(now);
  const dayOf = (d: Date) => toLocalDate(d);
  const problems: Problem[] = [];
  const events: ProblemEvent[] = [];
  const feedback: Feedback[] = [];
  const inspections: Inspection[] = [];
  const notices: InspectionNotice[] = [];

  for (const township of orgs.filter((o) => o.kind === 'township')) {
    const admin = users.find((u) => grants.some((g) => g.userId === u.id && g.role === 'admin' && g.orgId === township.id));
    if (!admin) continue;
    const branches = orgs.filter((o) => o.parentId === township.id && o.kind === 'branch');
    for (const [bi, branch] of branches.entries()) {
      const secretary = members.find((m) =>
        grants.some((g) => g.memberId === m.id && g.role === 'branch_secretary' && g.orgId === branch.id),
      );
      if (!secretary) continue;
      const past = meetings
        .filter((a) => a.orgId === branch.id && a.startsAt.getTime() < now.getTime())
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      // Two or three findings per branch, from different sources across the year.
      const picks = [0, 1, 2].slice(0, 2 + (bi % 2)).map((k) => FINDINGS[(bi * 3 + k) % FINDINGS.length]);
      for (const [k, f] of picks.entries()) {
        const raisedAt = new Date(now.getTime() - (330 - k * 90 - bi * 7) * DAY);
        if (raisedAt.getTime() >= now.getTime() - 5 * DAY) continue;
        const assignedAt = new Date(raisedAt.getTime() + 2 * DAY);
        let deadline = dayOf(new Date(assignedAt.getTime() + (30 + Math.floor(rnd() * 60)) * DAY));
        // Most are closed; the most recent of some branches are still being rectified (a few overdue).
        const closes = deadline < today && rnd() < 0.8;
        const status: ProblemStatus = closes ? 'closed' : deadline < today ? 'rectifying' : rnd() < 0.5 ? 'rectifying' : 'assigned';
        const p: Problem = {
          id: newId(),
          orgId: branch.id,
          year,
          source: f.source,
          sourceRef: null,
          category: f.category,
          description: f.description,
          longTerm: f.category === '党员教育管理',
          status,
          assignerOrgId: township.id,
          responsibleMemberId: secretary.id,
          deadline,
          extensions: 0,
          raisedBy: admin.id,
          raisedByName: admin.name,
          raisedAt,
          closedAt: null,
          closedBy: null,
          closedByName: null,
          updatedAt: raisedAt,
        };
        const ev = (
          kind: ProblemEventKind,
          at: Date,
          by: { id: string; name: string },
          text: string | null,
          extra: Partial<ProblemEvent> = {},
        ) =>
          events.push({
            id: newId(),
            problemId: p.id,
            kind,
            at,
            byId: by.id,
            byName: by.name,
            text,
            evidence: null,
            fromDeadline: null,
            toDeadline: null,
            ...extra,
          });
        ev('registered', raisedAt, admin, f.description);
        ev('assigned', assignedAt, admin, `责任人：${secretary.name}，期限：${deadline}`, { toDeadline: deadline });
        if (status !== 'assigned') {
          const evidenceMeeting = past.find((a) => a.startsAt.getTime() > assignedAt.getTime() && a.startsAt.getTime() < now.getTime());
          ev('progress', new Date(assignedAt.getTime() + 10 * DAY), secretary, PROGRESS[0], {
            evidence: evidenceMeeting ? JSON.stringify([{ type: 'activity', id: evidenceMeeting.id }]) : null,
          });
        }
        if (closes) {
          // One in five was given more time first, with its reason.
          if (rnd() < 0.2) {
            const to = dayOf(new Date(Date.parse(`${deadline}T00:00:00Z`) + 20 * DAY));
            ev('extended', new Date(assignedAt.getTime() + 20 * DAY), admin, '涉及资金安排，需待村民代表会议通过', {
              fromDeadline: deadline,
              toDeadline: to,
            });
            deadline = to;
            p.deadline = to;
            p.extensions = 1;
          }
          const submitted = new Date(Math.min(Date.parse(`${deadline}T02:00:00Z`) - 3 * DAY, now.getTime() - 3 * DAY));
          ev('progress', new Date(submitted.getTime() - DAY), secretary, PROGRESS[2]);
          ev('submitted', submitted, secretary, null);
          const closedAt = new Date(submitted.getTime() + 2 * DAY);
          ev('passed', closedAt, admin, '经实地查看，整改到位，同意销号');
          Object.assign(p, { closedAt, closedBy: admin.id, closedByName: admin.name, updatedAt: closedAt });
        }
        problems.push(p);
      }

      // Members' 投诉建议 to their branch: answered within the period, a few waiting, one past due.
      const own = members.filter(
        (m) => isPartyMember(m.status) && orgs.find((o) => o.id === m.orgId && (o.id === branch.id || o.parentId === branch.id)),
      );
      const senders = own.filter((m) => m.id !== secretary.id).slice(3, 5);
      for (const [k, sender] of senders.entries()) {
        const c = COMPLAINTS[(bi + k) % COMPLAINTS.length];
        const createdAt = new Date(now.getTime() - (k === 0 ? 40 + bi * 9 : 2 + bi * 3) * DAY);
        const replyDueAt = new Date(createdAt.getTime() + 10 * DAY);
        const answered = !!c.reply && (k === 0 || rnd() < 0.4);
        feedback.push({
          id: newId(),
          category: c.category,
          content: c.content,
          contactEnc: null,
          orgId: branch.id,
          disclosureId: null,
          senderMemberId: sender.id,
          channel: 'member',
          status: answered ? 'replied' : 'received',
          checkResult: 'not_required',
          replyDueAt,
          reply: answered ? c.reply : null,
          repliedAt: answered ? new Date(createdAt.getTime() + 4 * DAY) : null,
          repliedBy: answered ? secretary.id : null,
          repliedByName: answered ? secretary.name : null,
          problemId: null,
          createdAt,
        });
      }
    }
    // What the township's own 专项检查 found, and the 督查通报 that sent out the rest (第1期).
    const mine = problems.filter((p) => p.assignerOrgId === township.id);
    const found = mine.filter((p) => p.source === 'inspection');
    if (found.length) {
      const first = new Date(Math.min(...found.map((p) => p.raisedAt.getTime())) - 3 * DAY);
      const ins: Inspection = {
        id: newId(),
        orgId: township.id,
        topic: `${year}年发展党员工作专项检查`,
        kind: 'special',
        fromDay: dayOf(first),
        toDay: dayOf(new Date(first.getTime() + 2 * DAY)),
        targetOrgIds: JSON.stringify([...new Set(found.map((p) => p.orgId))]),
        methods: JSON.stringify(['查阅资料', '走访党员群众']),
        report: '检查组查阅了各支部发展党员档案，走访了部分党员群众。',
        createdBy: admin.id,
        createdByName: admin.name,
        createdAt: first,
      };
      inspections.push(ins);
      for (const p of found) p.sourceRef = ins.id;
    }
    const supervised = mine.filter((p) => p.source === 'supervision');
    if (supervised.length) {
      const publishedAt = new Date(Math.min(...supervised.map((p) => p.raisedAt.getTime())) - DAY);
      const n: InspectionNotice = {
        id: newId(),
        issuerOrgId: township.id,
        year,
        serialNo: 1,
        title: '关于基层党组织“三会一课”落实情况的督查通报',
        periodCovered: `${year}年上半年`,
        inspectionIds: '[]',
        findings: JSON.stringify(supervised.map((p) => ({ orgId: p.orgId, category: p.category, description: p.description }))),
        problemIds: JSON.stringify(supervised.map((p) => p.id)),
        commendations: '多数支部能够按要求落实“三会一课”制度，会议记录规范。',
        requirements: '各支部要对照问题认真整改，整改情况报镇党委复查销号。',
        responseDeadline: supervised[0].deadline ?? dayOf(new Date(publishedAt.getTime() + 30 * DAY)),
        status: 'published',
        publishedAt,
        withdrawnAt: null,
        withdrawReason: null,
        createdBy: admin.id,
        createdAt: new Date(publishedAt.getTime() - DAY),
      };
      notices.push(n);
      for (const p of supervised) p.sourceRef = n.id;
    }

    // One complaint of the township was serious enough to become a problem.
    const fb = feedback.find(
      (f) => f.category === 'complaint' && f.status === 'replied' && branches.some((b) => b.id === f.orgId) && !f.problemId,
    );
    if (fb) {
      const secretary = members.find((m) =>
        grants.some((g) => g.memberId === m.id && g.role === 'branch_secretary' && g.orgId === fb.orgId),
      );
      const p: Problem = {
        id: newId(),
        orgId: fb.orgId,
        year,
        source: 'feedback',
        sourceRef: fb.id,
        category: `群众${FEEDBACK_CATEGORY_LABELS[fb.category]}`,
        description: fb.content,
        longTerm: false,
        status: 'rectifying',
        assignerOrgId: township.id,
        responsibleMemberId: secretary?.id ?? null,
        deadline: dayOf(new Date(now.getTime() + 20 * DAY)),
        extensions: 0,
        raisedBy: admin.id,
        raisedByName: admin.name,
        raisedAt: fb.repliedAt!,
        closedAt: null,
        closedBy: null,
        closedByName: null,
        updatedAt: fb.repliedAt!,
      };
      fb.problemId = p.id;
      problems.push(p);
      events.push({
        id: newId(),
        problemId: p.id,
        kind: 'registered',
        at: p.raisedAt,
        byId: admin.id,
        byName: admin.name,
        text: p.description,
        evidence: null,
        fromDeadline: null,
        toDeadline: null,
      });
      events.push({
        id: newId(),
        problemId: p.id,
        kind: 'assigned',
        at: p.raisedAt,
        byId: admin.id,
        byName: admin.name,
        text: `期限：${p.deadline}`,
        evidence: null,
        fromDeadline: null,
        toDeadline: p.deadline,
      });
    }
  }

  await transactionWithRetry(ds, async (em) => {
    for (let i = 0; i < problems.length; i += 100) await em.insert(Problem, problems.slice(i, i + 100));
    for (let i = 0; i < events.length; i += 100) await em.insert(ProblemEvent, events.slice(i, i + 100));
    for (let i = 0; i < feedback.length; i += 100) await em.insert(Feedback, feedback.slice(i, i + 100));
    if (inspections.length) await em.insert(Inspection, inspections);
    if (notices.length) await em.insert(InspectionNotice, notices);
  });
  return { problems: problems.length, feedback: feedback.length };
}
