/**
 * The demo county's members' year: in every township a few members in hardship (assessed by
 * the committee, reviewed yearly) and the visits made to them — at 七一 by the township, at 春节
 * (腊月二十) by their branch, last year and this year up to today — so that each township's
 * report counts its figure #29. Written directly as history, after the other seeds.
 */
import type { DataSource } from 'typeorm';
import { HARDSHIP_REASONS, LUNAR_NEW_YEAR_TABLE, addCalendarYears, addDaysToDay, isPartyMember, toLocalDate, type CareFundSource, type HardshipReason } from '@djzy/shared';
import { newId } from '../core/ids';
import { transactionWithRetry } from '../core/sql';
import { RoleGrant } from '../modules/auth/role-grant.entity';
import { User } from '../modules/auth/user.entity';
import { CareVisit, Hardship } from '../modules/care/care.entity';
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
  const members = await ds.getRepository(Member).find({ select: { id: true, name: true, orgId: true, status: true, isMobile: true, birthDate: true }, order: { id: 'ASC' } });
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
  const batchOf = (orgId: string, on: string) => batches.get(`${orgId}|${on}`) ?? (batches.set(`${orgId}|${on}`, newId()), batches.get(`${orgId}|${on}`)!);
  const visit = (org: Org, m: Member, on: string, occasion: CareVisit['occasion'], visitors: string, amountCents: number | null, fundSource: CareFundSource, createdBy: string) =>
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
        .sort((a, c) => (a.birthDate ?? '') < (c.birthDate ?? '') ? -1 : 1);
      chosen.push(...inBranch.slice(0, rnd.int(2, 3)));
    }
    for (const m of chosen) {
      const reasons = [HARDSHIP_REASONS[rnd.int(0, 4)]];
      if (rnd.int(0, 2) === 0) reasons.push('elderly_low_income');
      const assessedOn = `${year - 1}-0${rnd.int(1, 5)}-${String(rnd.int(10, 28))}`;
      const reviewedOn = addCalendarYears(assessedOn, 1) <= today ? addCalendarYears(assessedOn, 1) : null;
      hardships.push({
        id: newId(),
        memberId: m.id,
        orgId: m.orgId,
        reasons: [...new Set(reasons)].join(','),
        note: NOTES[reasons[0]] ?? null,
        assessedOn,
        assessedBy: admin.id,
        assessedByName: admin.name,
        reviewDue: addCalendarYears(reviewedOn ?? assessedOn, 1),
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
      const spring = lunar ? addDaysToDay(lunar.laYueFirst, 19) : null;
      for (const m of chosen) {
        const branch = branchOf(m.orgId)!;
        if (spring && spring <= today) visit(branch, m, spring, 'spring_festival', `${branch.name}书记、村委会主任`, null, 'unit', admin.id);
        if (`${y}-06-28` <= today) visit(township, m, `${y}-06-28`, 'qiyi', `${township.name.replace('党委', '')}党委书记、组织委员`, 50_000 + rnd.int(0, 5) * 10_000, 'party_dues', admin.id);
      }
      // An ad-hoc visit outside the windows (it does not count in #29).
      if (chosen[0] && `${y}-09-15` <= today) visit(township, chosen[0], `${y}-09-15`, 'other', '组织委员', 30_000, 'party_dues', admin.id);
    }
  }

  await transactionWithRetry(ds, async (em) => {
    for (let i = 0; i < hardships.length; i += 200) await em.insert(Hardship, hardships.slice(i, i + 200));
    for (let i = 0; i < visits.length; i += 200) await em.insert(CareVisit, visits.slice(i, i + 200));
  });
  return { hardships: hardships.length, careVisits: visits.length };
}
