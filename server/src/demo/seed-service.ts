/**
 * The demo county's year of serving villagers: 科级干部联村 (a cadre per village), 支委联片 (each
 * 支部委员 an area), 无职党员联户 (a few members per village with 5–8 households each — among them
 * the demo 普通党员, so the mini-program shows their links and deeds), the contacts they logged
 * through the year, the service hall's requests, and 为群众办实事 from every source: most done
 * and confirmed by a 回访, some under way, one declined and one overdue per township.
 * Written directly as history, after the problems seed (some deeds come from its feedback).
 */
import type { DataSource } from 'typeorm';
import { addDays, DEED_OPEN_STATUSES, maskPersonName, toLocalDate, type DeedSource, type DeedStatus, type LiaisonKind } from '@djzy/shared';
import { newId } from '../core/ids';
import { transactionWithRetry } from '../core/sql';
import { RoleGrant } from '../modules/auth/role-grant.entity';
import { User } from '../modules/auth/user.entity';
import { Member } from '../modules/member/member.entity';
import { Org } from '../modules/org/org.entity';
import { Feedback } from '../modules/problem/problem.entity';
import { Liaison, LiaisonContact, LiaisonHousehold, PublicDeed, ServiceRequest } from '../modules/service/service.entity';
import { prng } from './seed';

const DAY = 24 * 3600_000;
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '建国明华强军英兰芳福贵林春海玉秀德平';
const VISITS = [
  '入户了解家庭生产生活情况，宣讲惠农政策',
  '了解春耕备耕情况，询问农资是否到位',
  '走访独居老人，查看用电用火安全',
  '了解子女就学情况，宣传教育资助政策',
  '询问外出务工人员返乡就业意向',
  '宣传医保缴费政策，提醒按时缴纳',
  '了解秋收进度和农产品销售情况',
  '征求群众对村务工作的意见建议',
];
const NEEDS: { text: string; category: string; result: string }[] = [
  { text: '帮助办理高龄老人补贴', category: '医疗养老', result: '协助准备材料并代为递交，补贴已于当月发放到位' },
  { text: '门前排水沟堵塞需要疏通', category: '环境整治', result: '组织党员志愿者疏通排水沟 60 米' },
  { text: '希望联系果树修剪技术培训', category: '就业增收', result: '联系镇农技站开展现场培训，12 户参加' },
  { text: '院内路灯损坏需要维修', category: '基础设施', result: '联系电工更换路灯 2 盏' },
  { text: '孩子上学需要办理助学申请', category: '教育助学', result: '协助填写助学申请表，已获批' },
  { text: '邻里宅基地边界有矛盾', category: '矛盾调解', result: '村调委会现场调解，双方签订协议' },
];
const DESK: { matter: string; requester: string; status: 'handled' | 'referred' | 'deed'; note?: string }[] = [
  { matter: '办理新农合缴费', requester: '李秀英', status: 'handled', note: '当场办结' },
  { matter: '开具居住证明', requester: '赵德胜', status: 'handled', note: '当场开具' },
  { matter: '咨询养老保险补缴政策', requester: '孙玉兰', status: 'referred', note: '已转县社保中心，电话告知办理材料' },
  { matter: '申请危房改造补助', requester: '周福贵', status: 'deed' },
  { matter: '申请残疾人两项补贴', requester: '吴春梅', status: 'deed' },
];
const PLANS = ['为村内 70 岁以上老人免费体检', '硬化村内巷道 300 米', '为留守儿童开设暑期课堂'];

export async function seedDemoService(
  ds: DataSource,
  now: Date = new Date(),
): Promise<{ liaisons: number; contacts: number; deeds: number; serviceRequests: number }> {
  const rnd = prng(20261218);
  const orgs = await ds.getRepository(Org).find({ order: { sortOrder: 'ASC' } });
  const grants = await ds.getRepository(RoleGrant).find();
  const users = await ds.getRepository(User).find();
  const members = await ds.getRepository(Member).find({ select: { id: true, name: true, orgId: true, status: true, isMobile: true } });
  const feedbackRows = await ds.getRepository(Feedback).find({ order: { createdAt: 'ASC', id: 'ASC' } });
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const today = toLocalDate(now);
  const dayOf = (d: Date) => toLocalDate(d);
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const roleless = (m: Pick<Member, 'id'>) => !grants.some((g) => g.memberId === m.id);
  const isFull = (m: Pick<Member, 'status'>) => m.status === 'full' || m.status === 'probationary';
  // The demo 普通党员 (auth's `firstDemoMember('plain')`): the first by org path of those never holding a role.
  const plain = members
    .filter((m) => !m.isMobile && isFull(m) && roleless(m) && byId.has(m.orgId))
    .sort((a, b) =>
      byId.get(a.orgId)!.path < byId.get(b.orgId)!.path ? -1 : byId.get(a.orgId)!.path > byId.get(b.orgId)!.path ? 1 : a.id < b.id ? -1 : 1,
    )[0];
  const branchOf = (m: Member) => {
    const o = byId.get(m.orgId);
    return o?.kind === 'group' ? byId.get(o.parentId!) : o;
  };
  // Households as the branch writes them on its 联户 list: the head's name masked (王*国家).
  const household = () => `${SURNAMES[rnd.int(0, SURNAMES.length - 1)]}*${GIVEN[rnd.int(0, GIVEN.length - 1)]}家`;

  const liaisons: Liaison[] = [];
  const households: LiaisonHousehold[] = [];
  const contacts: LiaisonContact[] = [];
  const deeds: PublicDeed[] = [];
  const requests: ServiceRequest[] = [];

  const deed = (f: {
    org: Org;
    title: string;
    category: string;
    requester: string;
    source: DeedSource;
    sourceRef: string | null;
    sourceKey: string | null;
    responsible: string;
    registeredAt: Date;
    by: { id: string; name: string };
    status: DeedStatus;
    result?: string;
    promiseDays?: number;
    /** Left past its promised day (the township's one overdue deed). */
    overdue?: boolean;
    /** Who made the 回访 (never the responsible member): `by` unless given. */
    checker?: { id: string; name: string };
  }): PublicDeed => {
    const checker = f.checker ?? f.by;
    let promisedBy = dayOf(new Date(f.registeredAt.getTime() + (f.promiseDays ?? 30) * DAY));
    // A deed still under way was promised for a day to come, unless it is the overdue one.
    if (DEED_OPEN_STATUSES.includes(f.status) && !f.overdue && promisedBy < addDays(today, 7))
      promisedBy = addDays(today, 7 + rnd.int(0, 20));
    const doneAt =
      f.status === 'done' || f.status === 'confirmed'
        ? new Date(Math.min(f.registeredAt.getTime() + rnd.int(5, 25) * DAY, now.getTime() - DAY))
        : null;
    const followUpAt = f.status === 'confirmed' && doneAt ? new Date(Math.min(doneAt.getTime() + 3 * DAY, now.getTime() - 3600_000)) : null;
    const d: PublicDeed = {
      id: newId(),
      orgId: f.org.id,
      title: f.title,
      category: f.category,
      requester: maskPersonName(f.requester).slice(0, 50),
      source: f.source,
      sourceRef: f.sourceRef,
      sourceKey: f.sourceKey,
      responsibleMemberId: f.responsible,
      promisedBy,
      status: f.status,
      result: doneAt ? (f.result ?? '已办结') : null,
      doneAt,
      closedAt: followUpAt ?? (f.status === 'declined' ? new Date(f.registeredAt.getTime() + 2 * DAY) : null),
      declineReason: f.status === 'declined' ? '经村两委研究，不符合政策条件，已当面向群众解释' : null,
      followUpAt,
      followUpBy: followUpAt ? checker.id : null,
      followUpByName: followUpAt ? checker.name.slice(0, 50) : null,
      followUpSatisfied: followUpAt ? true : null,
      followUpNote: followUpAt ? '电话回访，群众表示满意' : null,
      createdBy: f.by.id,
      createdByName: f.by.name.slice(0, 50),
      createdAt: f.registeredAt,
      updatedAt: followUpAt ?? doneAt ?? f.registeredAt,
    };
    deeds.push(d);
    return d;
  };
  /** Older deeds are mostly closed by a 回访; recent ones still under way. */
  const statusFor = (age: number): DeedStatus =>
    age > 60
      ? rnd.next() < 0.8
        ? 'confirmed'
        : 'done'
      : age > 30
        ? rnd.next() < 0.5
          ? 'done'
          : 'in_progress'
        : rnd.next() < 0.5
          ? 'accepted'
          : 'in_progress';

  const link = (
    org: Org,
    member: Member,
    kind: LiaisonKind,
    extra: { target?: Org; area?: string; homes?: number; interval?: number },
    createdBy: string,
  ) => {
    const l: Liaison = {
      id: newId(),
      orgId: org.id,
      memberId: member.id,
      kind,
      scope: kind === 'cadre_village' ? 'village' : kind === 'committee_area' ? 'area' : 'household',
      targetOrgId: extra.target?.id ?? null,
      areaName: extra.area ?? null,
      fromDay: `${today.slice(0, 4)}-01-01` <= dayOf(ago(330)) ? `${today.slice(0, 4)}-01-01` : dayOf(ago(330)),
      toDay: null,
      contactIntervalDays: extra.interval ?? null,
      lastContactOn: null,
      createdBy,
      createdAt: ago(340),
      updatedAt: ago(340),
    };
    liaisons.push(l);
    const homes = Array.from({ length: extra.homes ?? 0 }, (_, i) => {
      const h: LiaisonHousehold = {
        id: newId(),
        liaisonId: l.id,
        position: i,
        name: household(),
        note: i === 0 ? '独居老人' : i === 2 ? '脱贫监测户' : null,
      };
      households.push(h);
      return h;
    });
    return { l, homes };
  };
  /** Contacts every `every` days back from today, some with needs. */
  const visit = (l: Liaison, homes: LiaisonHousehold[], every: number, first: number) => {
    const out: LiaisonContact[] = [];
    for (let age = first; age < 320; age += every + rnd.int(-5, 5)) {
      const h = homes.length ? homes[rnd.int(0, homes.length - 1)] : null;
      const c: LiaisonContact = {
        id: newId(),
        liaisonId: l.id,
        memberId: l.memberId,
        loggedBy: l.memberId,
        onDay: dayOf(ago(age)),
        householdId: h?.id ?? null,
        what: VISITS[rnd.int(0, VISITS.length - 1)],
        needs: null,
        clientKey: null,
        createdAt: ago(age),
      };
      out.push(c);
      contacts.push(c);
      if (!l.lastContactOn || c.onDay > l.lastContactOn) l.lastContactOn = c.onDay;
    }
    return out;
  };

  for (const township of orgs.filter((o) => o.kind === 'township')) {
    const admin = users.find((u) => grants.some((g) => g.userId === u.id && g.role === 'admin' && g.orgId === township.id));
    if (!admin) continue;
    const branches = orgs.filter((o) => o.parentId === township.id && o.kind === 'branch');
    const villages = branches.filter((b) => !b.name.includes('机关'));
    const office = branches.find((b) => b.name.includes('机关'));
    const inBranch = (b: Org) => members.filter((m) => branchOf(m)?.id === b.id);
    const secretaryOf = (b: Org) =>
      members.find((m) => grants.some((g) => g.memberId === m.id && g.role === 'branch_secretary' && g.orgId === b.id));
    // 科级干部: the township office's members where there is an office branch, else members of the township's villages serving another village.
    const cadrePool = (office ? inBranch(office) : villages.flatMap((b) => inBranch(b)))
      .filter((m) => isFull(m) && !m.isMobile && roleless(m) && m.id !== plain?.id)
      .slice(0, villages.length + 2);
    let overdueDone = false;
    let declinedDone = false;
    for (const [vi, village] of villages.entries()) {
      const secretary = secretaryOf(village);
      if (!secretary) continue;
      const by = { id: secretary.id, name: secretary.name };
      const cadre = cadrePool[(vi + 1) % Math.max(1, cadrePool.length)];
      if (cadre) {
        const { l } = link(township, cadre, 'cadre_village', { target: village, interval: 30 }, admin.id);
        visit(l, [], 30, rnd.int(3, 20));
      }
      const committee = members.filter(
        (m) => grants.some((g) => g.memberId === m.id && g.role === 'branch_committee' && g.orgId === village.id) && m.id !== secretary.id,
      );
      committee.forEach((m, ci) => {
        const { l } = link(village, m, 'committee_area', { area: ['一组、二组', '三组、四组', '五组、六组'][ci % 3] }, secretary.id);
        visit(l, [], 60, rnd.int(5, 30));
      });
      // 无职党员联户: two per village, and the demo 普通党员 in theirs.
      const plainOnes = inBranch(village).filter((m) => isFull(m) && !m.isMobile && roleless(m) && !cadrePool.some((c) => c.id === m.id));
      const chosen = [
        ...(plain && branchOf(plain as Member)?.id === village.id ? [plain] : []),
        ...plainOnes.filter((m) => m.id !== plain?.id),
      ].slice(0, 2 + (vi % 2));
      for (const [mi, m] of chosen.entries()) {
        const { l, homes } = link(
          village,
          m,
          'member_household',
          { homes: 5 + ((vi + mi) % 4), interval: m.id === plain?.id || mi === 0 ? 45 : undefined },
          secretary.id,
        );
        const logged = visit(l, homes, 40, rnd.int(m.id === plain?.id ? 10 : 2, 30));
        // A need from one visit became a deed; the demo member's also has one under way to act on.
        const withNeeds = logged.filter((_, i) => i % 3 === 1).slice(0, m.id === plain?.id ? 3 : 1);
        for (const [ni, c] of withNeeds.entries()) {
          const need = NEEDS[(vi + mi + ni) % NEEDS.length];
          c.needs = JSON.stringify([need.text]);
          const age = Math.round((now.getTime() - c.createdAt.getTime()) / DAY);
          const h = homes.find((x) => x.id === c.householdId);
          const status: DeedStatus = m.id === plain?.id && ni === 0 ? 'accepted' : statusFor(age);
          deed({
            org: village,
            title: need.text,
            category: need.category,
            requester: h?.name ?? village.name,
            source: 'liaison',
            sourceRef: c.id,
            sourceKey: `liaison:${c.id}:0`,
            responsible: m.id,
            registeredAt: new Date(c.createdAt.getTime() + 3600_000),
            by: { id: m.id, name: m.name },
            checker: by,
            status,
            result: need.result,
            promiseDays: status === 'accepted' ? Math.max(age + 20, 30) : 30,
          });
        }
      }

      // The service hall's desk, at the village's service station.
      const desk = DESK[vi % DESK.length];
      const deskAge = 20 + vi * 37;
      const r: ServiceRequest = {
        id: newId(),
        orgId: village.id,
        requester: maskPersonName(desk.requester),
        contactEnc: null,
        matter: desk.matter,
        receivedOn: dayOf(ago(deskAge)),
        channel: 'desk',
        status: desk.status,
        handledNote: desk.note ?? null,
        deedId: null,
        liaisonContactId: null,
        sourceKey: null,
        createdBy: admin.id,
        createdByName: admin.name,
        createdAt: ago(deskAge),
        updatedAt: ago(deskAge),
      };
      requests.push(r);
      const late = !overdueDone && deskAge > 40;
      const deskStatus: DeedStatus = late ? 'in_progress' : statusFor(deskAge);
      if (desk.status === 'deed') {
        const d = deed({
          org: village,
          title: desk.matter,
          category: '便民服务',
          requester: r.requester,
          source: 'service_request',
          sourceRef: r.id,
          sourceKey: `service_request:${r.id}`,
          responsible: secretary.id,
          registeredAt: new Date(r.createdAt.getTime() + 3600_000),
          by: { id: admin.id, name: admin.name },
          status: deskStatus,
          result: '协助准备申请材料，已报镇民政办审批通过',
          promiseDays: 20,
          overdue: late,
        });
        // One overdue per township: promised and not done.
        if (d.status === 'in_progress' && d.promisedBy < today) overdueDone = true;
        r.deedId = d.id;
      }
      // A planned deed of the branch (承诺践诺).
      const plan = PLANS[vi % PLANS.length];
      const planAge = 200 - vi * 25;
      deed({
        org: village,
        title: plan,
        category: '基础设施',
        requester: `${village.name.replace('党支部', '')}村民`,
        source: 'plan',
        sourceRef: null,
        sourceKey: null,
        responsible: secretary.id,
        registeredAt: ago(planAge),
        by: { id: admin.id, name: admin.name },
        status: !declinedDone && vi === 1 ? 'declined' : statusFor(planAge),
        result: `${plan}，已完成并公示`,
        promiseDays: 60,
      });
      if (vi === 1) declinedDone = true;
    }
    if (!overdueDone && villages.length) {
      const village = villages[0];
      const secretary = secretaryOf(village);
      if (secretary)
        deed({
          org: village,
          title: '修复村口损毁的护栏',
          category: '基础设施',
          requester: `${village.name.replace('党支部', '')}村民`,
          source: 'plan',
          sourceRef: null,
          sourceKey: null,
          responsible: secretary.id,
          registeredAt: ago(50),
          by: { id: admin.id, name: admin.name },
          status: 'in_progress',
          promiseDays: 30,
          overdue: true,
        });
    }
    // Complaints of the township not made into a problem became deeds.
    for (const f of feedbackRows.filter((x) => !x.problemId && branches.some((b) => b.id === x.orgId)).slice(0, 2)) {
      const village = byId.get(f.orgId)!;
      const secretary = secretaryOf(village);
      if (!secretary) continue;
      const age = Math.max(2, Math.round((now.getTime() - f.createdAt.getTime()) / DAY) - 1);
      const sender = members.find((m) => m.id === f.senderMemberId);
      deed({
        org: village,
        title: f.content.slice(0, 100),
        category: f.category === 'complaint' ? '群众投诉' : '群众建议',
        requester: sender?.name ?? '群众',
        source: 'feedback',
        sourceRef: f.id,
        sourceKey: `feedback:${f.id}`,
        responsible: secretary.id,
        registeredAt: ago(age),
        by: { id: admin.id, name: admin.name },
        status: statusFor(age),
        result: '已按群众意见整改，并在党员大会上通报',
      });
    }
  }

  await transactionWithRetry(ds, async (em) => {
    for (let i = 0; i < liaisons.length; i += 100) await em.insert(Liaison, liaisons.slice(i, i + 100));
    for (let i = 0; i < households.length; i += 100) await em.insert(LiaisonHousehold, households.slice(i, i + 100));
    for (let i = 0; i < contacts.length; i += 100) await em.insert(LiaisonContact, contacts.slice(i, i + 100));
    for (let i = 0; i < requests.length; i += 100) await em.insert(ServiceRequest, requests.slice(i, i + 100));
    for (let i = 0; i < deeds.length; i += 100) await em.insert(PublicDeed, deeds.slice(i, i + 100));
  });
  return { liaisons: liaisons.length, contacts: contacts.length, deeds: deeds.length, serviceRequests: requests.length };
}
