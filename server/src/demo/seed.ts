/**
 * The demo county: a realistic, deterministic data set for the embedded setup (DEMO_MODE=1).
 * Seeded once into an empty database; running it again changes nothing.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { idCardCheckChar, type MemberStatus, type OrgKind, type Role } from '@djzy/shared';
import { hashPassword, type FieldCipher } from '../core/crypto';
import { newId } from '../core/ids';
import { RoleGrant } from '../modules/auth/role-grant.entity';
import { User } from '../modules/auth/user.entity';
import { Member } from '../modules/member/member.entity';
import { MemberMobility } from '../modules/mobility/mobility.entity';
import { Org } from '../modules/org/org.entity';

/** A small deterministic PRNG (mulberry32) so every fresh demo county is the same. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
  };
}

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段';
const MALE_GIVEN = [
  '建国',
  '建军',
  '国庆',
  '志强',
  '志刚',
  '海涛',
  '永红',
  '卫东',
  '明',
  '伟',
  '军',
  '勇',
  '磊',
  '强',
  '涛',
  '斌',
  '浩',
  '鹏',
  '振华',
  '德胜',
  '福贵',
  '长青',
  '保平',
  '玉林',
  '树林',
  '春生',
  '红旗',
  '学文',
  '俊杰',
  '子豪',
  '宇航',
  '文博',
  '天佑',
  '家乐',
];
const FEMALE_GIVEN = [
  '秀英',
  '桂兰',
  '玉兰',
  '淑珍',
  '凤英',
  '丽',
  '娟',
  '敏',
  '静',
  '霞',
  '燕',
  '艳',
  '芳',
  '红梅',
  '海燕',
  '春梅',
  '晓燕',
  '丽华',
  '雪梅',
  '美玲',
  '佳怡',
  '欣怡',
  '雨涵',
  '梓萱',
  '思彤',
  '婷婷',
  '慧敏',
  '晓琳',
];
const EDUCATION = ['小学', '初中', '初中', '高中', '高中', '中专', '大专', '大专', '本科', '本科', '研究生'];
const DESTINATIONS = [
  '广东省广州市',
  '广东省深圳市',
  '广东省东莞市',
  '北京市',
  '上海市',
  '天津市',
  '浙江省杭州市',
  '浙江省宁波市',
  '江苏省苏州市',
  '江苏省南京市',
  '河北省石家庄市',
  '山东省济南市',
  '福建省厦门市',
];
const EMPLOYERS = ['建筑工地', '电子厂', '物流公司', '餐饮店', '汽车配件厂', '家政服务', '个体经营', '快递站点', '服装厂', '装修公司'];

interface TownshipPlan {
  name: string;
  slug: string;
  villages: string[];
}

const COUNTY = '清河县委';
const TOWNSHIPS: TownshipPlan[] = [
  { name: '城关镇党委', slug: 'chengguan', villages: ['东关村', '西关村', '南街村', '北街村', '城关镇机关'] },
  { name: '柳河镇党委', slug: 'liuhe', villages: ['柳河村', '杨庄村', '前屯村', '后屯村', '王家营村'] },
  { name: '石桥乡党委', slug: 'shiqiao', villages: ['石桥村', '马坊村', '李家洼村', '青山村'] },
];

/** The posts were taken at the last 换届 (the yearly report asks who held a post when). */
const TERM_START = new Date('2021-03-01T09:00:00+08:00');

export const DEMO_USERNAMES = { countyAdmin: 'admin', branchSecretary: 'sj_dongguan' };

export interface SeedResult {
  seeded: boolean;
  orgs: number;
  members: number;
  users: string[];
}

/** Seeds the demo county when the database has no org yet; otherwise does nothing. */
export async function seedDemo(ds: DataSource, cipher: FieldCipher, opts: { adminPassword: string; now?: Date }): Promise<SeedResult> {
  const existing = await ds.getRepository(Org).count();
  if (existing > 0) return { seeded: false, orgs: existing, members: await ds.getRepository(Member).count(), users: [] };
  const passwordHash = await hashPassword(opts.adminPassword);
  const now = opts.now ?? new Date();
  return ds.transaction((em) => build(em, cipher, passwordHash, now));
}

async function build(em: EntityManager, cipher: FieldCipher, passwordHash: string, now: Date): Promise<SeedResult> {
  const rnd = prng(20261127);
  const orgs: Org[] = [];
  const members: Member[] = [];
  const grants: RoleGrant[] = [];
  const mobility: MemberMobility[] = [];
  const users: User[] = [];
  const usedIds = new Set<string>();
  let sort = 0;

  const addOrg = (name: string, kind: OrgKind, parent: Org | null): Org => {
    const id = newId();
    const org = em.create(Org, {
      id,
      name,
      kind,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      sortOrder: sort++,
      createdAt: now,
    });
    orgs.push(org);
    return org;
  };
  const grant = (role: Role, org: Org, who: { memberId?: string; userId?: string }) =>
    grants.push(
      em.create(RoleGrant, {
        id: newId(),
        role,
        orgId: org.id,
        memberId: who.memberId ?? null,
        userId: who.userId ?? null,
        grantedAt: TERM_START,
        endedAt: null,
        endReason: null,
      }),
    );
  const addUser = (username: string, name: string, memberId: string | null) => {
    const u = em.create(User, { id: newId(), username, name, passwordHash, memberId, disabled: false, createdAt: now });
    users.push(u);
    return u;
  };

  const idCard = (birthYear: number, male: boolean): string => {
    for (;;) {
      const area = `1305${String(rnd.int(21, 35)).padStart(2, '0')}`;
      const birth = `${birthYear}${String(rnd.int(1, 12)).padStart(2, '0')}${String(rnd.int(1, 28)).padStart(2, '0')}`;
      let seq = rnd.int(0, 998);
      if ((seq % 2 === 1) !== male) seq += 1;
      const first17 = `${area}${birth}${String(seq).padStart(3, '0')}`;
      const id = first17 + idCardCheckChar(first17);
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };
  const phone = () =>
    `1${rnd.pick(['38', '39', '58', '59', '37', '86', '87', '52', '35', '50'])}${String(rnd.int(0, 99999999)).padStart(8, '0')}`;
  const addMember = (org: Org, status: MemberStatus): Member => {
    const male = rnd.next() < 0.68;
    const age = status === 'applicant' || status === 'activist' || status === 'candidate' ? rnd.int(20, 40) : rnd.int(24, 82);
    const birthYear = 2026 - age;
    const id = idCard(birthYear, male);
    const name = rnd.pick([...SURNAMES]) + rnd.pick(male ? MALE_GIVEN : FEMALE_GIVEN);
    const p = rnd.next() < 0.9 ? phone() : null;
    const joinedYear = Math.min(2025, birthYear + rnd.int(20, Math.max(21, age - 2)));
    const m = em.create(Member, {
      id: newId(),
      name,
      gender: male ? 'male' : 'female',
      orgId: org.id,
      status,
      idCardEnc: cipher.encrypt(id)!,
      idCardHash: cipher.blindIndex(id)!,
      phoneEnc: cipher.encrypt(p),
      phoneHash: cipher.blindIndex(p),
      birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      joinedAt:
        status === 'full' || status === 'probationary'
          ? `${status === 'probationary' ? 2025 : joinedYear}-${String(rnd.int(1, 12)).padStart(2, '0')}-01`
          : null,
      education: rnd.pick(EDUCATION),
      isMobile: false,
      createdAt: now,
      updatedAt: now,
    });
    members.push(m);
    return m;
  };

  const county = addOrg(COUNTY, 'county', null);
  const countyAdmin = addUser('admin', '县委组织部管理员', null);
  grant('admin', county, { userId: countyAdmin.id });

  let mobileCount = 0;
  for (const t of TOWNSHIPS) {
    const township = addOrg(t.name, 'township', county);
    const tAdmin = addUser(`zz_${t.slug}`, `${t.name.replace('党委', '')}组织委员`, null);
    grant('admin', township, { userId: tAdmin.id });
    t.villages.forEach((village, vi) => {
      const branch = addOrg(village.endsWith('机关') ? `${village}党支部` : `${village}党支部`, 'branch', township);
      const groupCount = rnd.int(2, 3);
      const groups = Array.from({ length: groupCount }, (_, gi) => addOrg(`第${'一二三'[gi]}党小组`, 'group', branch));
      const size = rnd.int(17, 26);
      const branchMembers: Member[] = [];
      for (let i = 0; i < size; i++) {
        const r = rnd.next();
        const status: MemberStatus =
          r < 0.8 ? 'full' : r < 0.87 ? 'probationary' : r < 0.92 ? 'candidate' : r < 0.96 ? 'activist' : 'applicant';
        // Committee members sit in the branch itself; most others in a group.
        const org = i < 3 || rnd.next() < 0.2 ? branch : rnd.pick(groups);
        branchMembers.push(addMember(org, i < 3 ? 'full' : status));
      }
      const [secretary, committee, cadre] = branchMembers;
      grant('branch_secretary', branch, { memberId: secretary.id });
      // The branch committee (支委会): the secretary and two 支部委员.
      grant('branch_committee', branch, { memberId: committee.id });
      grant('branch_committee', branch, { memberId: cadre.id });
      grant('contact_cadre', branch, { memberId: committee.id });
      grant('contact_cadre', branch, { memberId: cadre.id });
      if (t.slug === 'chengguan' && vi === 0)
        addUser(DEMO_USERNAMES.branchSecretary, `${secretary.name}（${village}支部书记）`, secretary.id);
      // Two mobile members per village branch (none in the township office's branch).
      if (!village.endsWith('机关')) {
        const candidates = branchMembers.slice(3).filter((m) => m.status === 'full' || m.status === 'probationary');
        for (const m of candidates.slice(0, 2)) {
          m.isMobile = true;
          mobileCount++;
          mobility.push(
            em.create(MemberMobility, {
              memberId: m.id,
              destination: rnd.pick(DESTINATIONS),
              employer: rnd.pick(EMPLOYERS),
              leftAt: `20${rnd.int(18, 25)}-${String(rnd.int(1, 12)).padStart(2, '0')}-01`,
              status: 'away',
              contactCadreId: mobileCount % 2 ? committee.id : cadre.id,
              intervalDays: 90,
              registeredAt: now,
              updatedAt: now,
            }),
          );
        }
      }
    });
  }

  for (let i = 0; i < orgs.length; i += 200) await em.insert(Org, orgs.slice(i, i + 200));
  for (let i = 0; i < members.length; i += 200) await em.insert(Member, members.slice(i, i + 200));
  await em.insert(User, users);
  for (let i = 0; i < grants.length; i += 200) await em.insert(RoleGrant, grants.slice(i, i + 200));
  if (mobility.length) await em.insert(MemberMobility, mobility);
  return { seeded: true, orgs: orgs.length, members: members.length, users: users.map((u) => u.username) };
}
