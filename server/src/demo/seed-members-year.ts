/**
 * The demo county's members' year: in every township a few members in hardship (assessed by
 * the committee, reviewed yearly) and the visits made to them — at 七一 by the township, at 春节
 * (腊月二十) by their branch, last year and this year up to today — so that each township's
 * report counts its figure #29; in three of 城关镇's village branches last year's 民主评议党员,
 * finished and reported, one member graded 不合格 and the 限期改正 that followed — approved this
 * year and under way (figure #21); and 城关镇's 党费 for this year — each member's base (farmers
 * 0.5–1 元, retirees and the office staff by the 2008 table) and the quarters paid up to now, a
 * few members behind. Written directly as history, after the other seeds.
 */
import type { DataSource } from 'typeorm';
import {
  HARDSHIP_REASONS,
  LUNAR_NEW_YEAR_TABLE,
  addMonths,
  addYears,
  addDays,
  duesMonthlyCents,
  duesRateBp,
  excellentQuota,
  isPartyMember,
  toLocalDate,
  type CareFundSource,
  type HardshipReason,
} from '@djzy/shared';
import { newId } from '../core/ids';
import { transactionWithRetry } from '../core/sql';
import { RoleGrant } from '../modules/auth/role-grant.entity';
import { User } from '../modules/auth/user.entity';
import { Activity } from '../modules/activity/activity.entity';
import { Appraisal, AppraisalRound, Disposal } from '../modules/appraisal/appraisal.entity';
import { CareVisit, Hardship } from '../modules/care/care.entity';
import { DuesBase, DuesMonth, DuesPayment } from '../modules/dues/dues.entity';
import { Member } from '../modules/member/member.entity';
import { Org } from '../modules/org/org.entity';
import { prng } from './seed';

const NOTES: Partial<Record<HardshipReason, string>> = {
  serious_illness: '本人患慢性肾病，长期服药，医疗费用负担较重',
  family_illness: '配偶患重病住院，家中缺少劳动力',
  accident_disaster: '今年汛期房屋受损，正在修缮',
  bereavement: '子女因病去世，老两口生活困难',
  elderly_low_income: '年逾八旬，独居，仅靠养老金生活',
};

export async function seedDemoMembersYear(ds: DataSource, now: Date = new Date()): Promise<Record<string, number>> {
  const rnd = prng(20261206 + 17);
  const today = toLocalDate(now);
  const year = Number(today.slice(0, 4));
  const orgs = await ds.getRepository(Org).find({ order: { sortOrder: 'ASC' } });
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const members = await ds
    .getRepository(Member)
    .find({ select: { id: true, name: true, orgId: true, status: true, isMobile: true, birthDate: true }, order: { id: 'ASC' } });
  const grants = await ds.getRepository(RoleGrant).find();
  const users = await ds.getRepository(User).find();
  const branchOf = (orgId: string): Org | undefined => {
    const o = byId.get(orgId);
    return o?.kind === 'group' ? byId.get(o.parentId!) : o?.kind === 'branch' ? o : undefined;
  };

  const hardships: Hardship[] = [];
  const visits: CareVisit[] = [];
  // One visit to several members on a day is one batch.
  const batches = new Map<string, string>();
  const batchOf = (orgId: string, on: string) =>
    batches.get(`${orgId}|${on}`) ?? (batches.set(`${orgId}|${on}`, newId()), batches.get(`${orgId}|${on}`)!);
  const visit = (
    org: Org,
    m: Member,
    on: string,
    occasion: CareVisit['occasion'],
    visitors: string,
    amountCents: number | null,
    fundSource: CareFundSource,
    createdBy: string,
  ) =>
    visits.push({
      id: newId(),
      batchId: batchOf(org.id, on),
      orgId: org.id,
      memberId: m.id,
      memberOrgId: m.orgId,
      on,
      occasion,
      visitors,
      form: amountCents ? 'both' : 'goods',
      amountCents,
      fundSource,
      note: amountCents ? '送去慰问金和米、面、油' : '送去米、面、油和棉被',
      createdBy,
      createdAt: new Date(`${on}T10:00:00+08:00`),
    });

  for (const township of orgs.filter((o) => o.kind === 'township')) {
    const admin = users.find((u) => grants.some((g) => g.userId === u.id && g.role === 'admin' && g.orgId === township.id));
    if (!admin) continue;
    const branches = orgs.filter((o) => o.kind === 'branch' && o.path.startsWith(township.path));
    // Two or three members in hardship per village branch (older members first), never the branch's post holders.
    const chosen: Member[] = [];
    for (const b of branches.filter((x) => !x.name.includes('机关'))) {
      const inBranch = members
        .filter((m) => branchOf(m.orgId)?.id === b.id && isPartyMember(m.status) && !m.isMobile && !grants.some((g) => g.memberId === m.id))
        .sort((a, c) => ((a.birthDate ?? '') < (c.birthDate ?? '') ? -1 : 1));
      chosen.push(...inBranch.slice(0, rnd.int(2, 3)));
    }
    for (const m of chosen) {
      const reasons = [HARDSHIP_REASONS[rnd.int(0, 4)]];
      if (rnd.int(0, 2) === 0) reasons.push('elderly_low_income');
      const assessedOn = `${year - 1}-0${rnd.int(1, 5)}-${String(rnd.int(10, 28))}`;
      const reviewedOn = addYears(assessedOn, 1) <= today ? addYears(assessedOn, 1) : null;
      hardships.push({
        id: newId(),
        memberId: m.id,
        orgId: m.orgId,
        reasons: [...new Set(reasons)].join(','),
        note: NOTES[reasons[0]] ?? null,
        assessedOn,
        assessedBy: admin.id,
        assessedByName: admin.name,
        reviewDue: addYears(reviewedOn ?? assessedOn, 1),
        lastReviewedOn: reviewedOn,
        status: 'active',
        resolvedOn: null,
        activeMemberId: m.id,
        createdAt: new Date(`${assessedOn}T10:00:00+08:00`),
        updatedAt: new Date(`${reviewedOn ?? assessedOn}T10:00:00+08:00`),
      });
    }
    // 春节 (腊月二十, by the branch) and 七一 (06-28, by the township), last year and this year up to today.
    for (const y of [year - 1, year]) {
      const lunar = LUNAR_NEW_YEAR_TABLE[y];
      const spring = lunar ? addDays(lunar.laYueFirst, 19) : null;
      for (const m of chosen) {
        const branch = branchOf(m.orgId)!;
        if (spring && spring <= today)
          visit(branch, m, spring, 'spring_festival', `${branch.name}书记、村委会主任`, null, 'unit', admin.id);
        if (`${y}-06-28` <= today)
          visit(
            township,
            m,
            `${y}-06-28`,
            'qiyi',
            `${township.name.replace('党委', '')}党委书记、组织委员`,
            50_000 + rnd.int(0, 5) * 10_000,
            'party_dues',
            admin.id,
          );
      }
      // An ad-hoc visit outside the windows (it does not count in #29).
      if (chosen[0] && `${y}-09-15` <= today) visit(township, chosen[0], `${y}-09-15`, 'other', '组织委员', 30_000, 'party_dues', admin.id);
    }
  }

  // ── 民主评议党员 (last year, three of 城关镇's villages) and the 限期改正 that followed ─────────
  const meetings: Activity[] = [];
  const rounds: AppraisalRound[] = [];
  const appraisals: Appraisal[] = [];
  const disposals: Disposal[] = [];
  const chengguan = orgs.find((o) => o.kind === 'township' && o.name === '城关镇党委');
  const cgAdmin = chengguan && users.find((u) => grants.some((g) => g.userId === u.id && g.role === 'admin' && g.orgId === chengguan.id));
  if (chengguan && cgAdmin) {
    const last = year - 1;
    const villages = orgs.filter((o) => o.kind === 'branch' && o.parentId === chengguan.id && !o.name.includes('机关')).slice(0, 3);
    for (const [bi, b] of villages.entries()) {
      const day = `${last}-12-${String(18 + bi).padStart(2, '0')}`;
      const startsAt = new Date(`${day}T09:00:00+08:00`);
      const endsAt = new Date(startsAt.getTime() + 2 * 3600_000);
      const meeting: Activity = {
        id: newId(),
        title: `${last}年度民主评议党员大会`,
        kind: 'democratic_appraisal',
        orgId: b.id,
        startsAt,
        endsAt,
        locationName: `${b.name.replace('党支部', '')}党群服务中心`,
        lat: null,
        lng: null,
        radiusM: null,
        checkinModes: 'qr,roster',
        studyMode: null,
        description: '个人自评、党员互评、民主测评，支部委员会评定等次',
        lecturer: null,
        topic: null,
        allowRemote: false,
        audience: 'org',
        status: 'published',
        createdBy: cgAdmin.id,
        createdAt: new Date(startsAt.getTime() - 7 * 86_400_000),
        publishedAt: new Date(startsAt.getTime() - 7 * 86_400_000),
        cancelledAt: null,
        attendanceClosedAt: endsAt,
      } as Activity;
      meetings.push(meeting);
      const decidedAt = new Date(`${last}-12-${String(22 + bi).padStart(2, '0')}T15:00:00+08:00`);
      const feedbackAt = new Date(`${last}-12-${String(25 + bi).padStart(2, '0')}T10:00:00+08:00`);
      const round: AppraisalRound = {
        id: newId(),
        orgId: b.id,
        year: last,
        meetingActivityId: meeting.id,
        status: 'reported',
        reportedAt: new Date(`${last}-12-30T10:00:00+08:00`),
        voteClosedAt: null,
        createdBy: cgAdmin.id,
        createdAt: meeting.createdAt,
        updatedAt: feedbackAt,
      };
      rounds.push(round);
      const inBranch = members.filter((m) => branchOf(m.orgId)?.id === b.id && isPartyMember(m.status));
      const excluded = inBranch.find((m) => m.isMobile);
      const graded = inBranch.filter((m) => m !== excluded);
      const quota = excellentQuota(graded.length);
      const roleless = graded.filter((m) => m.status === 'full' && !grants.some((g) => g.memberId === m.id));
      const unqualified = bi === 0 ? roleless[roleless.length - 1] : undefined;
      graded.forEach((m, i) => {
        const grade =
          m === unqualified
            ? 'unqualified'
            : i < Math.min(quota, Math.ceil(graded.length / 5)) && m.status === 'full'
              ? 'excellent'
              : i % 7 === 3
                ? 'basically_qualified'
                : 'qualified';
        const votes = graded.length;
        const tally =
          grade === 'excellent'
            ? [votes - 2, 2, 0, 0]
            : grade === 'unqualified'
              ? [0, 2, 3, votes - 5]
              : grade === 'basically_qualified'
                ? [0, votes - 4, 4, 0]
                : [2, votes - 3, 1, 0];
        const a: Appraisal = {
          id: newId(),
          roundId: round.id,
          memberId: m.id,
          memberStatus: m.status,
          excludedReason: null,
          excludedNote: null,
          selfReview: '本年度按时参加组织生活，认真学习党的理论，积极参与村里的产业发展和环境整治。',
          tallyExcellent: tally[0],
          tallyQualified: tally[1],
          tallyBasic: tally[2],
          tallyUnqualified: Math.max(0, tally[3]),
          grade,
          grounds: grade === 'unqualified' ? 'no_org_life,dues_unpaid' : null,
          basisNote: grade === 'unqualified' ? '全年 9 次未参加组织生活，党费欠交 7 个月' : null,
          decidedBy: cgAdmin.id,
          decidedAt,
          feedbackAt,
          disposalId: null,
        };
        appraisals.push(a);
        if (m === unqualified) {
          // Taken up this year: proposed, filed, investigated, talked to, pre-tried, voted, approved — under way for 6 months.
          const approvedOn = [addDays(today, -20), `${year}-01-01`].sort()[1];
          // The steps spread between the round's end and the approval, in order.
          const start = Date.parse(`${last}-12-28T00:00:00Z`);
          const span = (Date.parse(`${approvedOn}T00:00:00Z`) - start) / 86_400_000;
          const step = (k: number) => new Date(start + Math.floor((span * k) / 7) * 86_400_000).toISOString().slice(0, 10);
          const d: Disposal = {
            id: newId(),
            memberId: m.id,
            orgId: m.orgId,
            kind: 'rectify',
            grounds: 'no_org_life,dues_unpaid',
            status: 'effective',
            appraisalRoundId: round.id,
            proposedOn: step(1),
            filedOn: step(2),
            investigatedOn: step(3),
            investigationFindings: '经支部调查核实：该党员全年 9 次未参加组织生活，党费欠交 7 个月，无正当理由。',
            talkOn: step(4),
            talkRecord: '由支部书记和一名支委谈话，本人承认问题，表示愿意改正。',
            pretrialOn: step(5),
            pretrialResult: '镇党委组织办预审：事实清楚，同意提交支部党员大会讨论。',
            voteOn: step(6),
            shouldAttend: graded.length,
            present: graded.length - 2,
            agree: graded.length - 4,
            against: 1,
            abstain: 1,
            defenceNote: '本人到会作了说明，表示今后按时参加组织生活、补交党费。',
            approvedOn,
            approvedBy: cgAdmin.id,
            effectiveOn: approvedOn,
            rectifyMonths: 6,
            rectifyUntil: addMonths(approvedOn, 6),
            expiryReviewOn: null,
            expiryReviewResult: null,
            expiryReviewNote: null,
            rejoinBarUntil: null,
            note: `${last}年度民主评议党员评定为不合格`,
            lastStepOn: approvedOn,
            createdBy: cgAdmin.id,
            createdAt: feedbackAt,
            updatedAt: new Date(`${approvedOn}T10:00:00+08:00`),
          };
          disposals.push(d);
          a.disposalId = d.id;
        }
      });
      if (excluded)
        appraisals.push({
          id: newId(),
          roundId: round.id,
          memberId: excluded.id,
          memberStatus: excluded.status,
          excludedReason: 'other',
          excludedNote: '外出务工，未能参加',
          selfReview: null,
          tallyExcellent: null,
          tallyQualified: null,
          tallyBasic: null,
          tallyUnqualified: null,
          grade: null,
          grounds: null,
          basisNote: null,
          decidedBy: null,
          decidedAt: null,
          feedbackAt: null,
          disposalId: null,
        });
    }
  }

  // ── 党费: 城关镇's year ──────────────────────────────────────────────────────────────────────
  const bases: DuesBase[] = [];
  const payments: DuesPayment[] = [];
  const paidMonths: DuesMonth[] = [];
  if (chengguan && cgAdmin) {
    const currentMonth = Number(today.slice(5, 7));
    const town = members.filter((m) => isPartyMember(m.status) && byId.get(m.orgId)?.path.startsWith(chengguan.path));
    town.forEach((m, i) => {
      const office = !!branchOf(m.orgId)?.name.includes('机关');
      const category = office ? 'employed' : (m.birthDate ?? '1970') < '1962' ? 'retired' : 'farmer';
      const baseCents =
        category === 'employed' ? 380_000 + rnd.int(0, 30) * 10_000 : category === 'retired' ? 180_000 + rnd.int(0, 20) * 10_000 : null;
      const rateBp = baseCents === null ? null : duesRateBp(category, baseCents);
      const monthlyCents = baseCents === null ? [50, 100][rnd.int(0, 1)] : duesMonthlyCents(baseCents, rateBp!);
      bases.push({
        id: newId(),
        memberId: m.id,
        orgId: m.orgId,
        year,
        category,
        baseCents,
        rateBp,
        monthlyCents,
        overrideReason: null,
        setBy: cgAdmin.id,
        setAt: new Date(`${year}-01-05T10:00:00+08:00`),
      });
      // Quarterly, on the 5th of the quarter's first month; every ninth member has not paid since the summer.
      const lastMonth = i % 9 === 4 ? Math.min(currentMonth, 6) : currentMonth;
      for (let q = 1; q <= lastMonth; q += 3) {
        const paidOn = `${year}-${String(q).padStart(2, '0')}-05`;
        if (paidOn > today) break;
        const months = [q, q + 1, q + 2].filter((x) => x <= 12).map((x) => `${year}-${String(x).padStart(2, '0')}`);
        const pay: DuesPayment = {
          id: newId(),
          memberId: m.id,
          orgId: m.orgId,
          months: months.join(','),
          amountCents: monthlyCents * months.length,
          method: (['cash', 'wechat', 'bank', 'cash'] as const)[i % 4],
          proxyName: null,
          paidOn,
          externalTxnId: i % 4 === 1 ? `4200${year}${String(q).padStart(2, '0')}${String(i).padStart(8, '0')}` : null,
          receiptNo: i % 4 === 0 ? `CG${year}${String(q).padStart(2, '0')}${String(i).padStart(4, '0')}` : null,
          note: null,
          collectedBy: cgAdmin.id,
          createdAt: new Date(`${paidOn}T10:00:00+08:00`),
        };
        payments.push(pay);
        for (const month of months) paidMonths.push({ id: newId(), memberId: m.id, month, paymentId: pay.id });
      }
    });
  }

  await transactionWithRetry(ds, async (em) => {
    for (let i = 0; i < bases.length; i += 200) await em.insert(DuesBase, bases.slice(i, i + 200));
    for (let i = 0; i < payments.length; i += 200) await em.insert(DuesPayment, payments.slice(i, i + 200));
    for (let i = 0; i < paidMonths.length; i += 200) await em.insert(DuesMonth, paidMonths.slice(i, i + 200));
    for (let i = 0; i < hardships.length; i += 200) await em.insert(Hardship, hardships.slice(i, i + 200));
    for (let i = 0; i < visits.length; i += 200) await em.insert(CareVisit, visits.slice(i, i + 200));
    if (meetings.length) await em.insert(Activity, meetings);
    if (rounds.length) await em.insert(AppraisalRound, rounds);
    for (let i = 0; i < appraisals.length; i += 200) await em.insert(Appraisal, appraisals.slice(i, i + 200));
    if (disposals.length) await em.insert(Disposal, disposals);
  });
  return {
    hardships: hardships.length,
    careVisits: visits.length,
    appraisalRounds: rounds.length,
    disposals: disposals.length,
    duesPayments: payments.length,
  };
}
