/**
 * The demo county's 发展党员 for 城关镇: a case for the roster's applicants, activists, 发展对象
 * and some probationary and full members of each village, at every stage — a talk still due,
 * activists fixed this year and last, 发展对象 waiting for the 支部大会 or for approval, members
 * admitted this year (支部大会 and approval both this year), one extended 预备期 and completed
 * cases. Written directly as history (dates follow the 细则's intervals, none after today), after
 * the other seeds; the case takes the member's encrypted ID number as it is.
 */
import type { DataSource } from 'typeorm';
import {
  addDays,
  idCardCheckChar,
  addMonths,
  addYears,
  ageOn,
  toLocalDate,
  type DevelopmentCaseStage,
  type DevelopmentCaseStatus,
  type DevelopmentVote,
} from '@djzy/shared';
import type { FieldCipher } from '../core/crypto';
import { newId } from '../core/ids';
import { transactionWithRetry } from '../core/sql';
import { RoleGrant } from '../modules/auth/role-grant.entity';
import { User } from '../modules/auth/user.entity';
import { DevelopmentCase, DevelopmentPlan, DevelopmentStepRecord } from '../modules/development/development.entity';
import { Member } from '../modules/member/member.entity';
import { Org } from '../modules/org/org.entity';
import { prng } from './seed';

const TOWNSHIP = '城关镇党委';

/** Each step's date from the application (months, days), following the 细则's intervals. */
const TEMPLATE: Record<number, [number, number]> = {
  1: [0, 0],
  2: [0, 15],
  3: [6, 0],
  4: [6, 5],
  5: [6, 7],
  6: [12, 0],
  7: [18, 0],
  8: [18, 7],
  9: [18, 14],
  10: [19, 0],
  11: [19, 5],
  12: [20, 0],
  13: [20, 10],
  14: [20, 20],
  15: [21, 0],
  16: [21, 10],
  17: [22, 0],
  18: [22, 5],
  19: [22, 3],
  20: [22, 7],
  21: [27, 0],
  22: [33, 0],
  23: [33, 5],
  24: [34, 0],
  25: [34, 5],
};
const on = (d1: string, step: number) => addDays(addMonths(d1, TEMPLATE[step][0]), TEMPLATE[step][1]);

export async function seedDemoDevelopment(ds: DataSource, cipher: FieldCipher, now: Date = new Date()): Promise<Record<string, number>> {
  const rnd = prng(20261206 + 16);
  const today = toLocalDate(now);
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const later = (a: string, b: string) => (a > b ? a : b);
  const earlier = (a: string, b: string) => (a < b ? a : b);
  const township = await ds.getRepository(Org).findOneBy({ name: TOWNSHIP, kind: 'township' });
  if (!township) return {};
  const branches = (
    await ds.getRepository(Org).find({ where: { parentId: township.id, kind: 'branch' }, order: { sortOrder: 'ASC' } })
  ).filter((b) => !b.name.includes('机关'));
  const orgs = await ds.getRepository(Org).find();
  const branchOf = new Map<string, string>();
  for (const o of orgs) branchOf.set(o.id, branches.find((b) => o.path.startsWith(b.path))?.id ?? '');
  const members = (await ds.getRepository(Member).find({ order: { id: 'ASC' } })).filter((m) => branchOf.get(m.orgId));
  const grants = await ds.getRepository(RoleGrant).find();
  const admin = (await ds.getRepository(User).find()).find((u) =>
    grants.some((g) => g.userId === u.id && g.role === 'admin' && g.orgId === township.id),
  );
  if (!admin || !branches.length) return {};
  const at = now;

  // New 入党申请人 on the first villages' rosters (the roster's own share of applicants is small).
  const newcomers: Member[] = [];
  for (const [bi, branch] of branches.slice(0, 3).entries()) {
    const birth = `${rnd.int(1996, 2004)}0${rnd.int(1, 9)}1${rnd.int(0, 9)}`;
    const first17 = `4201${String(20 + bi).padStart(2, '0')}${birth}${String(rnd.int(100, 998)).padStart(3, '0')}`;
    const idCard = first17 + idCardCheckChar(first17);
    const m = Object.assign(new Member(), {
      id: newId(),
      name: `${'王李张刘陈'[bi]}${['晓明', '春华', '志强'][bi]}`,
      gender: Number(first17[16]) % 2 === 1 ? 'male' : 'female',
      orgId: branch.id,
      status: 'applicant',
      idCardEnc: cipher.encrypt(idCard)!,
      idCardHash: cipher.blindIndex(idCard)!,
      phoneEnc: null,
      phoneHash: null,
      birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
      joinedAt: null,
      education: null,
      isMobile: false,
      createdAt: at,
      updatedAt: at,
    } satisfies Partial<Member>);
    newcomers.push(m);
    members.push(m);
  }

  const cases: DevelopmentCase[] = [];
  const steps: DevelopmentStepRecord[] = [];
  const joined = new Map<string, string | null>();

  /** One case: `dates` are its steps' dates (extras per step), in order. */
  const addCase = (m: Member, branch: Org, all: [number, string][], extra: { extensionMonths?: number } = {}) => {
    const dates = all.filter(([, d]) => d <= today);
    const full = members.filter((x) => branchOf.get(x.orgId) === branch.id && x.status === 'full' && x.id !== m.id);
    if (full.length < 2 || !m.birthDate) return;
    if (!dates.length || ageOn(m.birthDate, dates[0][1]) < 18) return;
    const id = newId();
    const has = (s: number) => dates.some(([x]) => x === s);
    const date = (s: number) => dates.filter(([x]) => x === s).at(-1)?.[1] ?? null;
    const voteOf = (): DevelopmentVote => {
      const should = Math.max(full.length + 1, 9);
      const present = should - rnd.int(0, Math.floor(should / 4));
      return { shouldAttend: should, present, agree: present - rnd.int(0, 1), abstain: 0 };
    };
    for (const [step, d] of dates) {
      const actors =
        step === 5 ? [full[0]] : step === 9 ? [full[0], full[1]] : step === 2 || step === 16 ? [full[rnd.int(0, full.length - 1)]] : [];
      const outcome =
        step === 23
          ? extra.extensionMonths && steps.filter((s) => s.caseId === id && s.step === 23).length === 0
            ? 'extend'
            : 'confirm'
          : null;
      steps.push({
        id: newId(),
        caseId: id,
        step,
        occurredOn: d,
        actors: actors.length ? JSON.stringify(actors.map((a) => ({ memberId: a.id, name: a.name }))) : null,
        vote: step === 15 || step === 23 ? JSON.stringify(voteOf()) : null,
        trainingDays: step === 11 ? 3 : null,
        trainingHours: step === 11 ? 24 : null,
        outcome,
        extensionMonths: outcome === 'extend' ? extra.extensionMonths! : null,
        noticeFrom: step === 7 || step === 23 ? addDays(d, -9) : null,
        noticeTo: step === 7 || step === 23 ? addDays(d, -1) : null,
        documents: step === 10 ? '政审材料存镇党委组织办档案柜' : step === 25 ? '已归入党员档案' : null,
        note: null,
        supersedes: null,
        enteredBy: admin.id,
        enteredAt: at,
      });
    }
    const start = date(15);
    const end = start ? addMonths(addYears(start, 1), extra.extensionMonths ?? 0) : null;
    const stage: DevelopmentCaseStage = has(24)
      ? 'full'
      : has(17)
        ? 'probationary'
        : has(7)
          ? 'candidate'
          : has(3)
            ? 'activist'
            : 'applicant';
    const status: DevelopmentCaseStatus = has(25) ? 'completed' : extra.extensionMonths && !has(24) ? 'extended' : 'active';
    const last = Math.max(...dates.map(([s]) => s));
    cases.push({
      id,
      branchOrgId: branch.id,
      name: m.name,
      idNumberEnc: m.idCardEnc,
      idNumberHash: m.idCardHash,
      birthDate: m.birthDate,
      appliedOn: dates[0][1],
      stage,
      status,
      memberId: m.id,
      probationStart: start,
      probationEnd: end,
      extensionMonths: extra.extensionMonths ?? null,
      lastStep: last,
      lastStepOn: date(last)!,
      note: null,
      createdBy: admin.id,
      createdAt: at,
      updatedAt: at,
    });
    if (stage === 'full') joined.set(m.id, end);
    else if (stage === 'probationary') joined.set(m.id, start);
  };
  const upTo = (d1: string, last: number, skip: number[] = []) =>
    Array.from({ length: last }, (_, i) => i + 1)
      .filter((s) => !skip.includes(s))
      .map((s) => [s, on(d1, s)] as [number, string]);

  for (const [bi, branch] of branches.entries()) {
    const of = (status: Member['status']) => members.filter((m) => branchOf.get(m.orgId) === branch.id && m.status === status);
    // 入党申请人: a talk done, or (the first branch) one still due.
    for (const [i, m] of of('applicant').slice(0, 2).entries()) {
      const d1 = addDays(today, -rnd.int(20, 120));
      addCase(m, branch, bi === 0 && i === 0 ? [[1, addDays(today, -12)]] : upTo(d1, 2));
    }
    // 入党积极分子: fixed this year (figure 17), or last year with half-yearly 考察.
    for (const [i, m] of of('activist').slice(0, 2).entries()) {
      if (i === 0) {
        const d3 = later(yearStart, addDays(today, -rnd.int(30, 150)));
        const d1 = addMonths(d3, -6);
        addCase(m, branch, [
          [1, d1],
          [2, addDays(d1, 15)],
          [3, d3],
          [4, addDays(d3, 2)],
          [5, addDays(d3, 3)],
        ]);
      } else {
        const d1 = addMonths(today, -rnd.int(13, 17));
        addCase(m, branch, upTo(d1, 6));
      }
    }
    // 发展对象: waiting for the 支部大会, or passed and waiting for approval.
    for (const [i, m] of of('candidate').slice(0, 2).entries()) {
      if (i === 0) addCase(m, branch, upTo(addMonths(today, -21), 14));
      else addCase(m, branch, upTo(addDays(addMonths(today, -21), -20), 15));
    }
    // 预备党员: admitted this year (支部大会 and approval both this year — figure 16); one extended.
    for (const [i, m] of of('probationary').slice(0, 2).entries()) {
      if (i === 0) {
        const d15 = later(yearStart, addDays(today, -rnd.int(40, 200)));
        const d1 = addMonths(d15, -21);
        const d16 = earlier(addDays(d15, 10), today);
        const d17 = earlier(addDays(d15, 25), today);
        const tail: [number, string][] = [
          [15, d15],
          [16, d16],
          [17, d17],
          [18, earlier(addDays(d17, 5), today)],
          [19, earlier(addDays(d17, 3), today)],
          [20, earlier(addDays(d17, 7), today)],
        ];
        addCase(m, branch, [...upTo(d1, 14), ...tail]);
      } else if (bi === 0) {
        // 延长预备期 six months at the first 转正 discussion, still running.
        const d1 = addMonths(today, -36);
        addCase(m, branch, [...upTo(d1, 23), [21, addDays(on(d1, 23), 30)], [22, addMonths(on(d1, 22), 6)]], { extensionMonths: 6 });
      } else addCase(m, branch, upTo(addMonths(today, -26), 21));
    }
    // 正式党员 whose whole way is on file (one per branch).
    const full = of('full');
    if (full.length > 4) addCase(full[full.length - 1], branch, upTo(addMonths(today, -40), 25));
  }

  await transactionWithRetry(ds, async (em) => {
    await em.insert(Member, newcomers);
    for (let i = 0; i < cases.length; i += 100) await em.insert(DevelopmentCase, cases.slice(i, i + 100));
    for (let i = 0; i < steps.length; i += 100) await em.insert(DevelopmentStepRecord, steps.slice(i, i + 100));
    for (const [memberId, day] of joined) await em.update(Member, { id: memberId }, { joinedAt: day });
    const county = township.path.split('/').filter(Boolean)[0];
    await em.insert(DevelopmentPlan, {
      id: newId(),
      orgId: county,
      year: +today.slice(0, 4),
      quota: 60,
      updatedBy: admin.id,
      updatedAt: at,
    });
  });
  return { developmentCases: cases.length, developmentSteps: steps.length, developmentApplicants: newcomers.length };
}
