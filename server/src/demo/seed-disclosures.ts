/**
 * The demo county's 三务公开: every village branch (not the township offices' branches) has a year
 * of disclosures — monthly finance accounts with their rows (quarterly for one low-activity
 * village), quarterly 村务 and 党务 (one member-only), a 惠农补贴 list with masked names, and one
 * correction (the original marked 已更正) — each signed by the branch secretary, a committee member
 * (监督小组) and, for money, the township (农经站, approval). One village is two quarters behind
 * with its 村务公开: exactly one schedule is overdue, so 检查逾期 raises one supervision problem.
 * Also one finance draft under review, so the console has something to sign. Written directly as
 * history (dated through the year), after the problems seed.
 */
import type { DataSource } from 'typeorm';
import {
  addDays,
  DEFAULT_CADENCES,
  DISCLOSURE_KINDS,
  maskName,
  toLocalDate,
  type DisclosureCadence,
  type DisclosureKind,
} from '@djzy/shared';
import { newId } from '../core/ids';
import { RoleGrant } from '../modules/auth/role-grant.entity';
import { User } from '../modules/auth/user.entity';
import { Member } from '../modules/member/member.entity';
import { Org } from '../modules/org/org.entity';
import { Disclosure, DisclosureRow, DisclosureSchedule } from '../modules/disclosure/disclosure.entity';
import { dueAfter, dueOf } from '../modules/disclosure/schedule.service';
import { prng } from './seed';

const DAY = 24 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');
const monthEnd = (y: number, m: number) => `${y}-${pad(m)}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
/** 09:30 Beijing time on a day. */
const at = (day: string) => new Date(`${day}T09:30:00+08:00`);

const INCOME = ['上级转移支付', '村集体土地承包费', '土地流转收入', '村集体厂房租金', '光伏发电收益'];
const EXPENSE = [
  '村干部误工补贴',
  '办公用品',
  '保洁费',
  '公共照明电费',
  '村道维修',
  '路灯维修',
  '慰问困难群众',
  '党员活动经费',
  '防汛物资',
];
const VILLAGE_AFFAIRS = [
  '一、村民代表会议决定事项：通过村内道路硬化、路灯维护年度计划。\n二、执行情况：道路硬化工程已完成招标，计划下季度开工。\n三、低保、特困供养对象名单已在村务公开栏张贴，如有异议请向村务监督委员会反映。',
  '一、村民代表会议决定事项：集体土地流转合同续签。\n二、执行情况：已与承包方完成续签，租金按季度收取。\n三、本季度为民办实事：修复排水沟 300 米，新增垃圾桶 20 个。',
  '一、村民代表会议决定事项：村集体经济项目（光伏电站）收益分配方案。\n二、执行情况：收益已按方案入账，用于村内公益事业。\n三、本季度村级工程：文化广场维修已完工并验收。',
  '一、村民代表会议决定事项：人居环境整治方案。\n二、执行情况：已清理坑塘 3 处、残垣断壁 5 处。\n三、本季度惠民政策落实情况见惠农补贴公开。',
];
const PARTY_AFFAIRS = [
  '一、组织生活：本季度召开支部党员大会 1 次、支委会 3 次、党小组会 3 次，讲党课 1 次，开展主题党日 3 次。\n二、党费收缴：应缴党费党员全部按时足额缴纳。\n三、发展党员：确定入党积极分子 1 名。',
  '一、组织生活：按要求落实“三会一课”，开展主题党日 3 次。\n二、党费收缴：本季度党费已全部收缴并上交。\n三、党员教育：组织党员集中学习 2 次。',
];

export async function seedDemoDisclosures(
  ds: DataSource,
  now: Date = new Date(),
): Promise<{ disclosures: number; rows: number; overdueSchedules: number }> {
  const rnd = prng(20261206 + 18);
  const orgs = await ds.getRepository(Org).find({ order: { sortOrder: 'ASC' } });
  const grants = await ds.getRepository(RoleGrant).find();
  const users = await ds.getRepository(User).find();
  const members = await ds.getRepository(Member).find({ select: { id: true, name: true } });
  const nameOf = new Map(members.map((m) => [m.id, m.name]));
  const today = toLocalDate(now);
  const [ty, tm] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const disclosures: Disclosure[] = [];
  const rows: DisclosureRow[] = [];
  const schedules: DisclosureSchedule[] = [];
  let overdueSchedules = 0;

  /** The last 12 completed months, oldest first: [year, month]. */
  const months: [number, number][] = [];
  for (let i = 12; i >= 1; i--) {
    const d = new Date(Date.UTC(ty, tm - 1 - i, 1));
    months.push([d.getUTCFullYear(), d.getUTCMonth() + 1]);
  }
  /** The last 4 completed quarters, oldest first: [year, quarter]. */
  const quarters: [number, number][] = [];
  const currentQ = Math.ceil(tm / 3);
  for (let i = 4; i >= 1; i--) {
    const idx = ty * 4 + (currentQ - 1) - i;
    quarters.push([Math.floor(idx / 4), (idx % 4) + 1]);
  }

  const villages = orgs.filter((o) => o.kind === 'branch' && !o.name.includes('机关'));
  for (const [vi, village] of villages.entries()) {
    const township = orgs.find((o) => o.id === village.parentId);
    const admin = users.find((u) => grants.some((g) => g.userId === u.id && g.role === 'admin' && g.orgId === township?.id));
    const secretaryId = grants.find((g) => g.orgId === village.id && g.role === 'branch_secretary')?.memberId;
    const reviewerId = grants.find((g) => g.orgId === village.id && g.role === 'branch_committee' && g.memberId !== secretaryId)?.memberId;
    if (!township || !admin || !secretaryId || !reviewerId) continue;
    const short = village.name.replace('党支部', '');
    // One village in the county is two quarters behind with its 村务公开 (the overdue one); one is low-activity.
    const behind = vi === 2;
    const lowActivity = vi === villages.length - 1;

    const add = (
      kind: DisclosureKind,
      title: string,
      from: string,
      to: string,
      opts: { body?: string; audience?: 'public' | 'members'; status?: Disclosure['status'] } = {},
    ) => {
      const published = addDays(to, rnd.int(2, 8));
      const pubAt = new Date(Math.min(at(published).getTime(), now.getTime() - 3600_000));
      const signedAt = new Date(pubAt.getTime() - DAY);
      const status = opts.status ?? 'published';
      const money = kind === 'finance' || kind === 'subsidy';
      const past = status !== 'draft' && status !== 'under_review';
      const d: Disclosure = {
        id: newId(),
        orgId: village.id,
        kind,
        title,
        periodFrom: from,
        periodTo: to,
        body: opts.body ?? null,
        audience: opts.audience ?? 'public',
        status,
        version: 1,
        supersedesId: null,
        supersededById: null,
        preparedBy: secretaryId,
        preparedByName: nameOf.get(secretaryId) ?? '支部书记',
        preparedAt: new Date(signedAt.getTime() - DAY),
        reviewedBy: past ? reviewerId : null,
        reviewedByName: past ? (nameOf.get(reviewerId) ?? '支部委员') : null,
        reviewedAt: past ? signedAt : null,
        reviewNote: past ? '经村务监督委员会核对无误' : null,
        financeCheckedBy: past && money ? admin.id : null,
        financeCheckedByName: past && money ? `${admin.name}（农经站）` : null,
        financeCheckedAt: past && money ? signedAt : null,
        financeCheckNote: past && money ? '账实相符' : null,
        approvedBy: past ? admin.id : null,
        approvedByName: past ? admin.name : null,
        approvedAt: past ? signedAt : null,
        approveNote: null,
        publishedAt: past ? pubAt : null,
        returnReason: null,
        updatedAt: past ? pubAt : now,
      };
      disclosures.push(d);
      return d;
    };
    const financeRows = (d: Disclosure, from: string, to: string, count: number) => {
      const span = Math.max(1, Math.round((Date.parse(to) - Date.parse(from)) / DAY));
      for (let i = 0; i < count; i++) {
        const income = i < 2;
        rows.push({
          id: newId(),
          disclosureId: d.id,
          seq: i + 1,
          day: addDays(from, Math.min(span, Math.floor(((i + 1) * span) / (count + 1)))),
          item: income ? rnd.pick(INCOME) : rnd.pick(EXPENSE),
          incomeCents: income ? rnd.int(500, 60000) * 100 + rnd.int(0, 99) : 0,
          expenseCents: income ? 0 : rnd.int(50, 8000) * 100 + rnd.int(0, 99),
          voucherNo: `记-${pad(i + 1)}`,
          beneficiary: null,
          amountCents: null,
        });
      }
    };

    // 财务: monthly (quarterly for the low-activity village), each with its rows.
    let lastFinance: Disclosure | null = null;
    if (lowActivity) {
      for (const [y, q] of quarters) {
        const from = `${y}-${pad(q * 3 - 2)}-01`;
        const to = monthEnd(y, q * 3);
        lastFinance = add('finance', `${short}${y}年第${'一二三四'[q - 1]}季度财务收支公开`, from, to);
        financeRows(lastFinance, from, to, rnd.int(4, 7));
      }
    } else {
      for (const [y, m] of months) {
        const from = `${y}-${pad(m)}-01`;
        const to = monthEnd(y, m);
        lastFinance = add('finance', `${short}${y}年${m}月财务收支公开`, from, to);
        financeRows(lastFinance, from, to, rnd.int(4, 8));
      }
    }

    // 村务 and 党务: quarterly; the village behind skips its last two quarters of 村务.
    let lastVillage: Disclosure | null = null;
    quarters.forEach(([y, q], qi) => {
      const from = `${y}-${pad(q * 3 - 2)}-01`;
      const to = monthEnd(y, q * 3);
      const label = `${y}年第${'一二三四'[q - 1]}季度`;
      if (!behind || qi < quarters.length - 2)
        lastVillage = add('village_affairs', `${short}${label}村务公开`, from, to, { body: VILLAGE_AFFAIRS[qi % VILLAGE_AFFAIRS.length] });
      add('party_affairs', `${short}党支部${label}党务公开`, from, to, { body: PARTY_AFFAIRS[qi % PARTY_AFFAIRS.length] });
    });
    const [ly, lq] = quarters[quarters.length - 1];
    add('party_affairs', `${short}党支部${ly}年度民主评议党员结果（党内公开）`, `${ly}-${pad(lq * 3 - 2)}-01`, monthEnd(ly, lq * 3), {
      body: '本年度民主评议党员工作已完成，评议结果已在支部党员大会上通报。',
      audience: 'members',
    });

    // 惠农补贴: this year's 耕地地力保护补贴, names masked.
    const [sy, sm] = months[months.length - 4];
    const subsidy = add('subsidy', `${short}${sy}年耕地地力保护补贴发放公示`, `${sy}-${pad(sm)}-01`, monthEnd(sy, sm));
    const households = rnd.int(8, 12);
    for (let i = 0; i < households; i++) {
      const name = `${rnd.pick([...'王李张刘陈杨赵黄周吴徐孙'])}${rnd.pick(['建国', '秀英', '志强', '桂兰', '德胜', '玉兰', '长青', '春生', '淑珍'])}`;
      const mu = rnd.int(3, 25);
      rows.push({
        id: newId(),
        disclosureId: subsidy.id,
        seq: i + 1,
        day: `${sy}-${pad(sm)}-${pad(rnd.int(10, 25))}`,
        item: `耕地地力保护补贴（${mu} 亩）`,
        incomeCents: null,
        expenseCents: null,
        voucherNo: null,
        beneficiary: maskName(name),
        amountCents: mu * 10_850,
      });
    }

    // One correction in the county: the first village's first published month, re-published with a fixed row.
    if (vi === 0) {
      const original = disclosures.find((d) => d.orgId === village.id && d.kind === 'finance')!;
      const fixed: Disclosure = {
        ...original,
        id: newId(),
        version: 2,
        supersedesId: original.id,
        title: `${original.title}（更正）`,
        publishedAt: new Date(original.publishedAt!.getTime() + 3 * DAY),
        updatedAt: new Date(original.publishedAt!.getTime() + 3 * DAY),
      };
      original.status = 'superseded';
      original.supersededById = fixed.id;
      disclosures.push(fixed);
      const originalRows = rows.filter((r) => r.disclosureId === original.id);
      originalRows.forEach((r, i) =>
        rows.push({
          ...r,
          id: newId(),
          disclosureId: fixed.id,
          expenseCents: i === originalRows.length - 1 ? (r.expenseCents ?? 0) + 10_000 : r.expenseCents,
        }),
      );
      // And this month's accounts waiting for the 监督小组.
      const from = `${ty}-${pad(tm)}-01`;
      const draft = add('finance', `${short}${ty}年${tm}月财务收支公开`, from, today, { status: 'under_review' });
      financeRows(draft, from, today, 3);
    }

    // Schedules: where each kind stands after the year above.
    const lastOf: Partial<Record<DisclosureKind, Disclosure | null>> = { finance: lastFinance, village_affairs: lastVillage };
    for (const kind of DISCLOSURE_KINDS) {
      const cadence: DisclosureCadence = kind === 'finance' && lowActivity ? 'quarterly' : DEFAULT_CADENCES[kind];
      const last =
        kind === 'party_affairs'
          ? disclosures.filter((d) => d.orgId === village.id && d.kind === kind && d.audience === 'public').pop()
          : lastOf[kind];
      const nextDueOn = cadence === 'catalogue' ? null : last ? dueAfter(last.periodTo, cadence) : dueOf(today, cadence);
      if (nextDueOn && nextDueOn < today) overdueSchedules++;
      schedules.push({
        id: newId(),
        orgId: village.id,
        kind,
        cadence,
        lowActivity: kind === 'finance' && lowActivity,
        nextDueOn,
        flaggedDueOn: null,
        problemId: null,
        updatedAt: now,
      });
    }
  }

  await ds.transaction(async (em) => {
    for (let i = 0; i < disclosures.length; i += 100) await em.insert(Disclosure, disclosures.slice(i, i + 100));
    for (let i = 0; i < rows.length; i += 200) await em.insert(DisclosureRow, rows.slice(i, i + 200));
    for (let i = 0; i < schedules.length; i += 100) await em.insert(DisclosureSchedule, schedules.slice(i, i + 100));
  });
  return { disclosures: disclosures.length, rows: rows.length, overdueSchedules };
}
