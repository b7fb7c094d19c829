/**
 * The demo county's year of Party life: past meetings with their check-ins (and the points they
 * earned, through the ledger), settled attendance with its follow-up, leave, a published points
 * notice, and upcoming activities — one of them open for check-in right now, so a visitor can try
 * the whole flow at once. Runs after the roster seed, only on a freshly seeded database.
 */
import type { DataSource } from 'typeorm';
import {
  COMMITTEE_ROLES,
  defaultAttendeeScope,
  toLocalDate,
  type ActivityKind,
  type CheckinMethod,
  type ContactMethod,
} from '@djzy/shared';
import { newId } from '../core/ids';
import { transactionWithRetry } from '../core/sql';
import type { Services } from '../app';
import { Activity, ActivityMaterial, ActivityRecord, ActivityStudyPair } from '../modules/activity/activity.entity';
import { RoleGrant } from '../modules/auth/role-grant.entity';
import { User } from '../modules/auth/user.entity';
import { checkinAward } from '../modules/checkin';
import { CheckIn, LeaveRequest } from '../modules/checkin/checkin.entity';
import { Member } from '../modules/member/member.entity';
import { Org } from '../modules/org/org.entity';
import { append, award } from '../modules/points';
import { prng } from './seed';
import { StudyMaterial, StudyPlan, StudyPlanMaterial } from '../modules/study/study.entity';
import { ContactLog, MemberMobility } from '../modules/mobility/mobility.entity';

const DAY = 24 * 3600_000;
/** A time of day in the township (UTC+8) on the day `daysFromNow` away. */
function at(now: Date, daysFromNow: number, hour: number, minute = 0): Date {
  const local = new Date(now.getTime() + 8 * 3600_000 + daysFromNow * DAY);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hour - 8, minute));
}

interface Plan {
  kind: ActivityKind;
  title: string;
  everyDays: number;
  count: number;
  hour: number;
}
const PAST: Plan[] = [
  { kind: 'committee_meeting', title: '支委会', everyDays: 30, count: 10, hour: 15 },
  { kind: 'group_meeting', title: '党小组会', everyDays: 30, count: 10, hour: 19 },
  { kind: 'fixed_day', title: '主题党日', everyDays: 30, count: 10, hour: 9 },
  { kind: 'party_lecture', title: '党课', everyDays: 91, count: 3, hour: 14 },
  { kind: 'general_meeting', title: '支部党员大会', everyDays: 91, count: 3, hour: 10 },
];
/** The meeting open for check-in right now (the H5 and console tours check in to it). */
export const OPEN_NOW_TITLE = '主题党日：学习年终民主评议党员工作要求（进行中，可扫码签到）';
const LECTURE_TOPICS = ['学习贯彻党的二十届三中全会精神', '弘扬伟大建党精神', '党章党规学习', '乡村振兴与基层党建'];

/**
 * `services` are the app's (the seed closes attendance and publishes a notice through them, as a
 * user would); the rows of a year are written directly, as the demo's history.
 */
export async function seedDemoActivities(
  ds: DataSource,
  services: Pick<Services, 'attendance' | 'loader' | 'points'>,
  now: Date = new Date(),
): Promise<{ activities: number; checkins: number }> {
  const rnd = prng(20261201).next;
  const orgs = await ds.getRepository(Org).find({ order: { sortOrder: 'ASC' } });
  const branches = orgs.filter((o) => o.kind === 'branch');
  const members = await ds.getRepository(Member).find({ select: { id: true, orgId: true, status: true, isMobile: true, name: true } });
  const admin = await ds.getRepository(User).findOneByOrFail({ username: 'admin' });
  const committeeGrants = (await ds.getRepository(RoleGrant).find({ select: { memberId: true, orgId: true, role: true } })).filter(
    (g) => g.memberId && COMMITTEE_ROLES.includes(g.role),
  );
  let activityCount = 0;
  let checkinCount = 0;

  // A branch's lectures are given by its secretary (by name: the yearly report counts 领导干部讲党课).
  const names = new Map(members.map((m) => [m.id, m.name]));
  const secretaryOf = (org: Org) =>
    names.get(committeeGrants.find((g) => g.orgId === org.id && g.role === 'branch_secretary')?.memberId ?? '') ?? '支部书记';
  const create = async (
    org: Org,
    plan: { kind: ActivityKind; title: string },
    startsAt: Date,
    hours: number,
    extra: Partial<Activity> = {},
  ) => {
    const a: Activity = {
      id: newId(),
      title: plan.title,
      kind: plan.kind,
      orgId: org.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + hours * 3600_000),
      locationName: `${org.name.replace('党支部', '').replace('党委', '')}党员活动室`,
      lat: 38.35 + rnd() * 0.2,
      lng: 115.45 + rnd() * 0.2,
      radiusM: 300,
      checkinModes: 'qr,geo',
      studyMode: null,
      description: null,
      lecturer: plan.kind === 'party_lecture' ? secretaryOf(org) : null,
      topic: plan.kind === 'party_lecture' ? plan.title.replace(/^党课：/, '') : null,
      allowRemote: plan.kind === 'party_lecture',
      audience: defaultAttendeeScope(plan.kind),
      status: 'published',
      createdBy: admin.id,
      createdAt: new Date(startsAt.getTime() - 7 * DAY),
      publishedAt: new Date(startsAt.getTime() - 6 * DAY),
      cancelledAt: null,
      attendanceClosedAt: null,
      ...extra,
    };
    await ds.transaction((em) => em.insert(Activity, a));
    activityCount++;
    return a;
  };

  for (const [bi, branch] of branches.entries()) {
    const inBranch = members.filter((m) => {
      const org = orgs.find((o) => o.id === m.orgId);
      return org && (org.id === branch.id || org.parentId === branch.id) && (m.status === 'full' || m.status === 'probationary');
    });
    // Each branch has its habits: most attend well, a few members drift away.
    const attendance = 0.7 + rnd() * 0.25;
    const drifting = new Set(inBranch.filter(() => rnd() < 0.06).map((m) => m.id));
    const committee = inBranch.filter((m) => committeeGrants.some((g) => g.orgId === branch.id && g.memberId === m.id));
    const groups = orgs.filter((o) => o.parentId === branch.id && o.kind === 'group');
    // Who each meeting expects: the 支委会 its committee, a 党小组会 its group, the rest the branch.
    const meetings = PAST.flatMap((plan) =>
      plan.kind === 'group_meeting'
        ? groups.map((g) => ({ plan, org: g, expected: inBranch.filter((m) => m.orgId === g.id) }))
        : [{ plan, org: branch, expected: plan.kind === 'committee_meeting' ? committee : inBranch }],
    );
    for (const { plan, org, expected } of meetings) {
      for (let k = plan.count; k >= 1; k--) {
        // Some branches skip a month now and then: the frequency table shows it.
        if (plan.everyDays === 30 && rnd() < 0.08 + (bi % 5 === 4 ? 0.2 : 0)) continue;
        const startsAt = at(now, -k * plan.everyDays - (bi % 7), plan.hour);
        const title =
          plan.kind === 'party_lecture'
            ? `党课：${LECTURE_TOPICS[k % LECTURE_TOPICS.length]}`
            : `${plan.title}（第${plan.count - k + 1}次）`;
        const a = await create(org, { kind: plan.kind, title }, startsAt, plan.kind === 'group_meeting' ? 1.5 : 2);
        const rows: CheckIn[] = [];
        const leaves: LeaveRequest[] = [];
        for (const m of expected) {
          if (drifting.has(m.id)) continue;
          // Away (流动在外): not expected in person; where remote participation is allowed most join.
          if (m.isMobile) {
            if (a.allowRemote && rnd() < 0.6) rows.push(checkIn(a, m.id, 'remote', rnd));
            continue;
          }
          const r = rnd();
          if (r < attendance) rows.push(checkIn(a, m.id, rnd() < 0.1 ? 'roster' : rnd() < 0.7 ? 'qr' : 'geo', rnd));
          else if (r < attendance + 0.08)
            leaves.push({
              id: newId(),
              activityId: a.id,
              memberId: m.id,
              reason: rnd() < 0.5 ? '身体不适' : '家中有事',
              status: 'approved',
              createdAt: new Date(startsAt.getTime() - DAY),
              decidedAt: new Date(startsAt.getTime() - DAY / 2),
              decidedBy: admin.id,
            });
        }
        await transactionWithRetry(ds, async (em) => {
          if (rows.length) await em.insert(CheckIn, rows);
          if (leaves.length) await em.insert(LeaveRequest, leaves);
          for (const c of rows) await award(em, checkinAward(a, c.memberId, c.checkedInAt, c.recordedBy));
          const counted = expected.filter((m) => !m.isMobile || a.allowRemote).length;
          await em.insert(ActivityRecord, {
            activityId: a.id,
            minutes: `${a.title}：应到 ${counted} 人，实到 ${rows.length} 人。会议传达学习了上级文件精神，讨论了本月重点工作。`,
            updatedAt: a.endsAt,
            updatedBy: admin.id,
          });
        });
        checkinCount += rows.length;
      }
    }
  }

  // Settle the past meetings as the server's sweep would: absence points, then follow-up.
  const past = await ds
    .getRepository(Activity)
    .find({ where: { status: 'published' }, order: { startsAt: 'ASC' }, select: { id: true, endsAt: true } });
  for (const a of past) if (a.endsAt.getTime() < now.getTime()) await services.attendance.close(a.id, null);

  // Volunteer service recognised by the township admins (管理员调整, with reasons).
  const deeds = ['参加防汛抗旱志愿服务', '参与人居环境整治', '帮扶困难群众', '参加疫情防控值守', '义务宣讲党的政策'];
  await transactionWithRetry(ds, async (em) => {
    for (const m of members.filter(() => rnd() < 0.2))
      await append(em, {
        memberId: m.id,
        ruleCode: 'adjustment',
        delta: 2 + Math.floor(rnd() * 4),
        reason: deeds[Math.floor(rnd() * deeds.length)],
        sourceType: 'adjustment',
        sourceId: null,
        key: `demo-adjustment:${m.id}`,
        effectiveDate: at(now, -Math.floor(rnd() * 200), 12)
          .toISOString()
          .slice(0, 10),
        actorId: admin.id,
      });
  });

  // Coming up: a 主题党日 for every branch, a township-wide 党课, and one meeting open right now.
  for (const branch of branches)
    await create(branch, { kind: 'fixed_day', title: '主题党日：学习新修订的《中国共产党纪律处分条例》' }, at(now, 8, 9), 2);
  for (const township of orgs.filter((o) => o.kind === 'township'))
    await create(township, { kind: 'party_lecture', title: '党课：学习贯彻全会精神（乡镇党委书记主讲）' }, at(now, 12, 14), 2, {
      lecturer: '乡镇党委书记',
      topic: '学习贯彻全会精神',
      allowRemote: true,
    });
  const first = branches[0];
  const nowStart = new Date(Math.floor((now.getTime() - 20 * 60_000) / 60_000) * 60_000);
  await create(first, { kind: 'fixed_day', title: OPEN_NOW_TITLE }, nowStart, 3, { checkinModes: 'qr' });

  // Contacts with mobile members: most recent, some due, a few long overdue (for the lists).
  const records = await ds.getRepository(MemberMobility).find();
  const topics = [
    '询问工作和生活情况，身体健康，工作稳定',
    '提醒按时参加网络学习，转达支部近期安排',
    '了解到孩子上学问题，已向村委会反映',
    '视频参加了主题党日，表示春节返乡',
  ];
  await transactionWithRetry(ds, async (em) => {
    for (const r of records) {
      const daysAgo = Math.floor(rnd() * 200);
      const contactedAt = at(now, -daysAgo, 19, 30);
      const log = {
        id: newId(),
        memberId: r.memberId,
        cadreId: r.contactCadreId,
        loggedBy: r.contactCadreId ?? admin.id,
        method: (rnd() < 0.6 ? 'phone' : rnd() < 0.5 ? 'wechat' : 'video') as ContactMethod,
        contactedAt,
        summary: topics[Math.floor(rnd() * topics.length)],
        needs: null,
        followUpRequired: false,
        clientKey: null,
        createdAt: contactedAt,
      };
      await em.insert(ContactLog, log);
      await em.update(MemberMobility, { memberId: r.memberId }, { lastContactAt: contactedAt });
      if (r.contactCadreId)
        await award(em, {
          memberId: r.contactCadreId,
          ruleCode: 'contact_logged',
          sourceType: 'contact',
          sourceId: log.id,
          key: `contact:${log.id}`,
          reason: '联系流动党员',
          at: contactedAt,
          actorId: r.contactCadreId,
        });
    }
  });

  // The learning kit: county-wide materials, one required, one with a short quiz.
  const county = orgs.find((o) => o.kind === 'county')!;
  const kit: Partial<StudyMaterial>[] = [
    {
      title: '中国共产党章程（学习要点）',
      kind: 'article',
      summary: '党章是党的根本大法，是全党必须共同遵守的根本行为规范。',
      tags: ',党章,必学,',
      body: '党章总纲明确了党的性质和宗旨、指导思想、奋斗目标。\n\n党员必须履行八项义务：认真学习、贯彻执行党的基本路线和各项方针政策、坚持党和人民的利益高于一切……\n\n党员享有八项权利：参加党的有关会议，阅读党的有关文件，接受党的教育和培训……',
      required: true,
      minSeconds: 120,
      quizMode: 'none',
      quiz: null,
    },
    {
      title: '党史知识小测验',
      kind: 'article',
      summary: '读一段党史，答两道题。',
      tags: ',党史,',
      body: '1921年7月，中国共产党第一次全国代表大会在上海召开，宣告了中国共产党的成立。\n\n党的最高领导机关，是党的全国代表大会和它所产生的中央委员会。',
      required: false,
      minSeconds: 30,
      quizMode: 'with_time',
      quiz: JSON.stringify([
        { id: 'q1', text: '中国共产党成立于哪一年？', options: ['1919年', '1921年', '1949年'], answer: 1 },
        { id: 'q2', text: '党的最高领导机关是？', options: ['党的全国代表大会和它所产生的中央委员会', '党支部'], answer: 0 },
      ]),
    },
    {
      title: '乡村振兴政策解读（视频）',
      kind: 'video',
      summary: '农业农村部门解读乡村振兴重点政策。',
      tags: ',乡村振兴,政策,',
      url: '/static/demo/rural-revitalization.mp4',
      body: null,
      required: false,
      minSeconds: 300,
      quizMode: 'none',
      quiz: null,
    },
  ];
  const kitRows = kit.map((k) => ({
    id: newId(),
    orgId: county.id,
    status: 'published' as const,
    createdBy: admin.id,
    createdAt: now,
    summary: null,
    url: null,
    fileId: null,
    ...k,
  }));
  // Copies: after a multi-row insert TypeORM (on SQLite) reads the rows back in key order and
  // merges them into the objects by position — ids included — so `kitRows` must stay untouched.
  await ds.transaction((em) =>
    em.insert(
      StudyMaterial,
      kitRows.map((r) => ({ ...r })),
    ),
  );
  const [charter, quizMaterial, video] = kitRows;

  // The four study modes at work in every branch: an online study running now (studying both
  // materials is attendance, also for members working away), a paired study coming up, and this
  // month's study plan.
  const today = toLocalDate(now);
  const monthStart = `${today.slice(0, 8)}01`;
  const monthEnd = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 0)).toISOString().slice(0, 10);
  for (const branch of branches) {
    const online = await create(branch, { kind: 'study_session', title: '网络学习：党章学习要点和党史知识' }, at(now, -1, 8), 15 * 24, {
      studyMode: 'online',
      checkinModes: '',
      locationName: null,
      lat: null,
      lng: null,
      radiusM: null,
      description: '学完两份资料（党章学习要点、党史知识小测验）即计入出勤，在外务工的党员同样可以参加。',
    });
    const paired = await create(branch, { kind: 'study_session', title: '结对学习：老党员带新党员学党章' }, at(now, 5, 15), 2, {
      studyMode: 'paired',
      checkinModes: 'qr',
    });
    const inBranch = members.filter((m) => {
      const org = orgs.find((o) => o.id === m.orgId);
      return org && (org.id === branch.id || org.parentId === branch.id) && !m.isMobile;
    });
    const mentors = inBranch.filter((m) => m.status === 'full').slice(0, 3);
    const mentees = [...inBranch.filter((m) => m.status === 'probationary'), ...inBranch.filter((m) => m.status === 'full').slice(3)].slice(
      0,
      mentors.length,
    );
    await ds.transaction(async (em) => {
      await em.insert(
        ActivityMaterial,
        [charter, quizMaterial].map((m, position) => ({ activityId: online.id, materialId: m.id, position })),
      );
      if (mentees.length)
        await em.insert(
          ActivityStudyPair,
          mentees.map((m, position) => ({ activityId: paired.id, menteeId: m.id, mentorId: mentors[position].id, position })),
        );
      const planId = newId();
      await em.insert(StudyPlan, {
        id: planId,
        orgId: branch.id,
        title: `本月学习计划（${Number(today.slice(5, 7))}月）`,
        startsOn: monthStart,
        endsOn: monthEnd,
        note: '本月必学：党章学习要点，乡村振兴政策解读。',
        createdBy: admin.id,
        createdAt: now,
      });
      await em.insert(
        StudyPlanMaterial,
        [charter, video].map((m, position) => ({ planId, materialId: m.id, position })),
      );
    });
  }

  // A published 评比通报 for the first township, so members have one to read.
  const adminPrincipal = await services.loader.load({ kind: 'user', id: admin.id });
  const points = services.points;
  const township = orgs.find((o) => o.kind === 'township')!;
  const year = String(new Date(now.getTime() + 8 * 3600_000).getUTCFullYear());
  const notice = await points.createNotice(adminPrincipal, { orgId: township.id, period: year, size: 5 }, {});
  await points.publishNotice(adminPrincipal, notice.id, {});
  return { activities: activityCount, checkins: checkinCount };
}

function checkIn(a: Activity, memberId: string, method: CheckinMethod, rnd: () => number): CheckIn {
  const offset = (rnd() * 40 - 25) * 60_000;
  return {
    id: newId(),
    activityId: a.id,
    memberId,
    method,
    checkedInAt: new Date(a.startsAt.getTime() + offset),
    distanceM: method === 'geo' ? Math.round(rnd() * 150) : null,
    ipTag: null,
    slot: null,
    flagged: false,
    recordedBy: method === 'roster' ? a.createdBy : memberId,
  };
}
