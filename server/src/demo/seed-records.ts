/**
 * The demo county's 述职台账 for 城关镇, for the current year up to today: the township
 * secretary's research visits (调研) and visits to households (some 贫困户, some visited twice),
 * 谈心谈话 with the branch committees, the branches' 党建阵地 (about two thirds brought to standard
 * this year, with the money put in), last year's and this year's branch ratings (two lagging last
 * year, one of them moved up), the 七一 commendations, the villages' 团支部书记 and 妇联主席, and
 * one branch secretary replaced during the year. Written directly as history, after the other seeds.
 */
import type { DataSource } from 'typeorm';
import { householdKey, isPartyMember, toLocalDate } from '@djzy/shared';
import { newId } from '../core/ids';
import { transactionWithRetry } from '../core/sql';
import { RoleGrant } from '../modules/auth/role-grant.entity';
import { User } from '../modules/auth/user.entity';
import { Member } from '../modules/member/member.entity';
import { Org } from '../modules/org/org.entity';
import { BranchRatingRecord, Commendation, Site, SiteInvestment, Talk, Visit, VisitHousehold } from '../modules/records/records.entity';
import { prng } from './seed';

const DAY = 24 * 3600_000;
const TOWNSHIP = '城关镇党委';

const RESEARCH_TOPICS = [
  '村集体经济发展情况',
  '“三会一课”制度落实情况',
  '党建阵地标准化建设进度',
  '软弱涣散村党组织整顿',
  '农村党员队伍结构',
  '乡村振兴产业项目推进',
  '村级后备干部培养',
  '党员积分管理试行情况',
  '流动党员管理服务',
  '人居环境整治中的党员作用',
  '春耕生产和防汛准备',
  '为民服务代办点运行',
];
const GROUPS = ['一组', '二组', '三组', '四组', '五组'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = ['*明', '*华', '*军', '*兰', '*英', '*林', '*生', '*平', '*芳', '*强'];
const TALK_TOPICS = ['年度工作谈心', '换届前谈心谈话', '履职情况谈话', '整改落实谈话', '发展党员工作谈话'];
const SITE_WORK = ['党员活动室改造', '制度上墙和宣传栏更新', '远程教育设备购置', '党群服务中心外立面整修'];

export async function seedDemoRecords(ds: DataSource, now: Date = new Date()): Promise<Record<string, number>> {
  const rnd = prng(20261206 + 14);
  const today = toLocalDate(now);
  const year = Number(today.slice(0, 4));
  const township = await ds.getRepository(Org).findOneBy({ name: TOWNSHIP, kind: 'township' });
  if (!township) return {};
  const branches = (
    await ds.getRepository(Org).find({ where: { parentId: township.id, kind: 'branch' }, order: { sortOrder: 'ASC' } })
  ).filter((b) => b.path.startsWith(township.path));
  const villages = branches.filter((b) => !b.name.includes('机关'));
  const office = branches.find((b) => b.name.includes('机关')) ?? branches[0];
  const orgs = await ds.getRepository(Org).find();
  const branchOf = new Map<string, string>();
  for (const o of orgs) if (o.path.startsWith(township.path)) branchOf.set(o.id, branches.find((b) => o.path.startsWith(b.path))?.id ?? '');
  const members = (
    await ds.getRepository(Member).find({ select: { id: true, name: true, orgId: true, status: true }, order: { id: 'ASC' } })
  ).filter((m) => branchOf.has(m.orgId));
  const inBranch = (b: Org) => members.filter((m) => branchOf.get(m.orgId) === b.id);
  const grants = await ds.getRepository(RoleGrant).find();
  const admin = (await ds.getRepository(User).find()).find((u) =>
    grants.some((g) => g.userId === u.id && g.role === 'admin' && g.orgId === township.id),
  );
  if (!admin || !office) return {};
  const createdBy = admin.id;
  const committeeOf = (b: Org) =>
    members.filter((m) =>
      grants.some(
        (g) => g.memberId === m.id && g.orgId === b.id && (g.role === 'branch_secretary' || g.role === 'branch_committee') && !g.endedAt,
      ),
    );
  // The township secretary (镇党委书记): a member of the township office's branch, not on its committee.
  const secretary = inBranch(office).find((m) => isPartyMember(m.status) && !committeeOf(office).includes(m)) ?? inBranch(office)[0];

  const yearStart = Date.parse(`${year}-01-02T02:00:00Z`);
  const span = Math.max(1, now.getTime() - 2 * DAY - yearStart);
  /** A day of this year, not after today: `k` of `n` spread through the year, with some jitter. */
  const dayAt = (k: number, n: number) =>
    toLocalDate(new Date(yearStart + Math.min(span, Math.floor(((k + rnd.next() * 0.8) / n) * span))));
  const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

  // ── 调研 and 走访 ─────────────────────────────────────────────────────────────────────────
  const visits: Visit[] = [];
  const households: VisitHousehold[] = [];
  const visit = (on: string, purpose: Visit['purpose'], topic: string, place: string | null, orgId = township.id) => {
    const v: Visit = {
      id: newId(),
      orgId,
      visitorMemberId: secretary.id,
      visitorName: secretary.name,
      on,
      purpose,
      topic,
      place,
      createdBy,
      createdAt: at(on),
    };
    visits.push(v);
    return v;
  };
  for (let k = 0; k < 25; k++) {
    const village = villages[k % villages.length];
    visit(
      dayAt(k, 25),
      'research',
      `到${village.name.replace('党支部', '')}调研${RESEARCH_TOPICS[k % RESEARCH_TOPICS.length]}`,
      village.name.replace('党支部', ''),
    );
  }
  // About 60 distinct households over 16 visits; a few households are visited twice (counted once).
  const pool: { text: string; memberId: string | null; poor: boolean; village: Org }[] = [];
  for (const [vi, village] of villages.entries()) {
    const partyMembers = inBranch(village)
      .filter((m) => isPartyMember(m.status))
      .slice(3, 8);
    for (let h = 0; h < 15; h++) {
      const group = GROUPS[h % GROUPS.length];
      const member = h < partyMembers.length ? partyMembers[h] : null;
      const masked = member
        ? `${member.name.slice(0, 1)}*${member.name.slice(-1)}`
        : `${SURNAMES[(vi * 7 + h) % SURNAMES.length]}${GIVEN[(h * 3 + vi) % GIVEN.length]}`;
      pool.push({
        text: `${village.name.replace('党支部', '')}${group} ${masked}户`,
        memberId: member?.id ?? null,
        poor: !member && h % 4 === 1,
        village,
      });
    }
  }
  const unique = pool.filter((h, i) => pool.findIndex((o) => householdKey(o.text) === householdKey(h.text)) === i).slice(0, 60);
  for (let k = 0; k < 16; k++) {
    const village = villages[k % villages.length];
    const own = unique.filter((h) => h.village.id === village.id);
    const care = k % 4 === 0;
    const v = visit(
      dayAt(k, 16),
      care ? 'care' : 'household',
      care ? '走访慰问困难党员和贫困户' : '走访党员群众，听取意见建议',
      village.name.replace('党支部', ''),
    );
    const start = Math.floor(k / villages.length) * 4;
    // Four households a visit; the last round goes back to two households already visited.
    const picks = own.slice(start, start + 4).concat(start + 4 > own.length ? own.slice(0, 2) : []);
    const seen = new Set<string>();
    for (const h of picks) {
      if (seen.has(householdKey(h.text))) continue;
      seen.add(householdKey(h.text));
      households.push({
        id: newId(),
        visitId: v.id,
        household: h.text,
        householdKey: householdKey(h.text),
        memberId: h.memberId,
        poor: h.poor,
      });
    }
  }

  // ── 谈心谈话: about 40 person-times with the villages' committees ─────────────────────────
  const talks: Talk[] = [];
  const committees = villages.flatMap((b) => committeeOf(b));
  for (let k = 0; k < 14 && committees.length; k++) {
    const on = dayAt(k, 14);
    const withWhom = [0, 1, 2].map((j) => committees[(k * 3 + j) % committees.length]);
    for (const m of new Set(withWhom))
      talks.push({
        id: newId(),
        orgId: township.id,
        talkerMemberId: secretary.id,
        talkerName: secretary.name,
        withMemberId: m.id,
        withName: m.name,
        on,
        topic: TALK_TOPICS[k % TALK_TOPICS.length],
        createdBy,
        createdAt: at(on),
      });
  }

  // ── 党建阵地: every village; two thirds standardized this year, with the money put in ─────
  const sites: Site[] = [];
  const investments: SiteInvestment[] = [];
  for (const [i, village] of villages.entries()) {
    const thisYear = i % 3 !== 2;
    const standardizedOn = thisYear ? dayAt(3 + i, 8) : `${year - 2}-10-15`;
    const s: Site = {
      id: newId(),
      orgId: village.id,
      name: `${village.name.replace('党支部', '')}党群服务中心`,
      address: `${village.name.replace('党支部', '')}村委会院内`,
      areaM2: 120 + i * 35,
      standardizedOn,
      note: null,
      createdAt: at(`${year}-01-05` <= today ? `${year}-01-05` : today),
      updatedAt: at(standardizedOn > today ? today : standardizedOn),
    };
    sites.push(s);
    if (thisYear)
      for (let j = 0; j < 2; j++) {
        // A month and ten days before it was done, within the year.
        const before = toLocalDate(new Date(Date.parse(`${standardizedOn}T02:00:00Z`) - (30 - j * 20) * DAY));
        const day = before < `${year}-01-01` ? `${year}-01-01` : before;
        investments.push({
          id: newId(),
          siteId: s.id,
          on: day,
          amountCents: (rnd.int(3, 12) * 10_000 + j * 5_000) * 100,
          purpose: SITE_WORK[(i + j) % SITE_WORK.length],
          disclosureId: null,
          createdBy,
          createdAt: at(day),
        });
      }
  }

  // ── 支部评定: last year (two lagging) and this year (one of them moved up) ─────────────────
  const ratings: BranchRatingRecord[] = [];
  const lastDecided = `${year}-01-15` <= today ? `${year}-01-15` : today;
  const thisDecided = `${year}-12-01`;
  for (const [i, b] of branches.entries()) {
    const last = i === 1 || i === 3 ? 'lagging' : i === 0 ? 'advanced' : 'average';
    ratings.push({
      id: newId(),
      orgId: b.id,
      year: year - 1,
      rating: last,
      decidedOn: lastDecided,
      note: last === 'lagging' ? '班子战斗力不强，组织生活不规范' : null,
    });
    if (thisDecided <= today) {
      const rating = i === 1 ? 'average' : last;
      ratings.push({ id: newId(), orgId: b.id, year, rating, decidedOn: thisDecided, note: i === 1 ? '整顿后晋位升级' : null });
    }
  }

  // ── 选树表彰: 七一, two orgs and ten members ──────────────────────────────────────────────
  const commendations: Commendation[] = [];
  const julyFirst = `${year}-06-28`;
  if (julyFirst <= today) {
    for (const b of [branches[0], branches[2]].filter(Boolean))
      commendations.push({
        id: newId(),
        year,
        on: julyFirst,
        title: '先进基层党组织',
        issuerOrgId: township.id,
        subjectKind: 'org',
        orgId: b.id,
        memberId: null,
        note: null,
        createdBy,
        createdAt: at(julyFirst),
      });
    const good = branches
      .flatMap((b) =>
        inBranch(b)
          .filter((m) => isPartyMember(m.status))
          .slice(3, 5),
      )
      .slice(0, 10);
    for (const m of good)
      commendations.push({
        id: newId(),
        year,
        on: julyFirst,
        title: '优秀共产党员',
        issuerOrgId: township.id,
        subjectKind: 'member',
        orgId: m.orgId,
        memberId: m.id,
        note: null,
        createdBy,
        createdAt: at(julyFirst),
      });
  }

  // ── 村级岗位: 团支部书记 and 妇联主席; one branch secretary replaced ───────────────────────
  const newGrants: RoleGrant[] = [];
  const grantedOn = at(`${year}-03-01` <= today ? `${year}-03-01` : today);
  // Every village but the first (东关村, whose secretary and plain member are the demo sign-in's
  // accounts: they keep the roles they had).
  for (const b of villages.slice(1)) {
    const pickable = inBranch(b).slice(5);
    if (pickable.length < 2) continue;
    newGrants.push({
      id: newId(),
      memberId: pickable[0].id,
      userId: null,
      role: 'women_federation_chair',
      orgId: b.id,
      grantedAt: grantedOn,
      endedAt: null,
      endReason: null,
      endNote: null,
    });
    newGrants.push({
      id: newId(),
      memberId: pickable[1].id,
      userId: null,
      role: 'youth_league_secretary',
      orgId: b.id,
      grantedAt: grantedOn,
      endedAt: null,
      endReason: null,
      endNote: null,
    });
  }
  // The third village's secretary was replaced by one of its committee members (not the 东关村
  // secretary: the demo sign-in account is theirs).
  const replacedIn = villages[2];
  const oldGrant = replacedIn && grants.find((g) => g.orgId === replacedIn.id && g.role === 'branch_secretary' && !g.endedAt);
  const successor = replacedIn && committeeOf(replacedIn).find((m) => m.id !== oldGrant?.memberId);
  const replacedOn = at(dayAt(7, 10));
  if (oldGrant && successor)
    newGrants.push({
      id: newId(),
      memberId: successor.id,
      userId: null,
      role: 'branch_secretary',
      orgId: replacedIn.id,
      grantedAt: replacedOn,
      endedAt: null,
      endReason: null,
      endNote: null,
    });

  await transactionWithRetry(ds, async (em) => {
    for (let i = 0; i < visits.length; i += 100) await em.insert(Visit, visits.slice(i, i + 100));
    for (let i = 0; i < households.length; i += 100) await em.insert(VisitHousehold, households.slice(i, i + 100));
    for (let i = 0; i < talks.length; i += 100) await em.insert(Talk, talks.slice(i, i + 100));
    if (sites.length) await em.insert(Site, sites);
    if (investments.length) await em.insert(SiteInvestment, investments);
    if (ratings.length) await em.insert(BranchRatingRecord, ratings);
    if (commendations.length) await em.insert(Commendation, commendations);
    if (newGrants.length) await em.insert(RoleGrant, newGrants);
    // The old secretary had served since the last election (the seed granted them "now").
    if (oldGrant && successor)
      await em.update(
        RoleGrant,
        { id: oldGrant.id },
        { grantedAt: at(`${year - 3}-04-01`), endedAt: replacedOn, endReason: 'replaced', endNote: '经镇党委研究，调整支部书记' },
      );
  });
  return {
    visits: visits.length,
    households: households.length,
    talks: talks.length,
    sites: sites.length,
    ratings: ratings.length,
    commendations: commendations.length,
    posts: newGrants.length,
  };
}
