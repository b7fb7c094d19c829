/**
 * 发展党员: cases and their 25 steps (OVERSIGHT.md §3), every rule in one place.
 *
 *  - Reads: managers (admin, branch secretary, branch committee) of the case's branch or above;
 *    a case outside the caller's subtree is 404. An applicant reads their own stage and next step.
 *  - Writes: managers of the branch; the steps a 基层党委 decides (备案, 预审, 谈话, 审批 — 4, 8,
 *    13, 16, 17, 18, 24) need an admin of the township (403 ADMIN_REQUIRED otherwise).
 *  - Step records are append-only: a correction is a new record that supersedes the old one.
 *  - Every hard rule a step breaks is named in one 400 DEVELOPMENT_RULE (development.rules.ts);
 *    nothing is written then. Soft rules are warnings with their due dates.
 *  - The roster follows the case: the applicant is on it from the application (入党申请人),
 *    then 积极分子, 发展对象, 预备党员 at approval (step 17), 正式党员 at 转正 (step 24) with
 *    党龄 from the end of the 预备期.
 */
import type { DataSource } from 'typeorm';
import {
  DEFAULT_WORKDAY_EXCEPTIONS,
  MANAGING_ROLES,
  developmentStep,
  isPartyMember,
  maskIdCard,
  normalizeIdCard,
  toIsoLocal,
  toLocalDate,
  workdayMap,
  workdaysBetween,
  type AddDevelopmentStepRequest,
  type CreateDevelopmentCaseRequest,
  type DevelopmentCaseStage,
  type DevelopmentCaseSummary,
  type DevelopmentCaseView,
  type DevelopmentPlanView,
  type DevelopmentStepView,
  type DevelopmentVote,
  type DevelopmentWarning,
  type MemberStatus,
  type MyDevelopmentView,
  type WorkdayCalendarView,
} from '@djzy/shared';
import { systemClock, type Clock } from '../../core/clock';
import type { FieldCipher } from '../../core/crypto';
import { AppError, fieldError } from '../../core/errors';
import { isIdLike, newId } from '../../core/ids';
import { covers, scopePaths, type Principal } from '../../core/principal';
import { transactionWithRetry } from '../../core/sql';
import { writeAudit, type AuditContext } from '../audit';
import type { MemberDirectory, MemberService } from '../member';
import { townshipPathOf, type Org, type OrgService } from '../org';
import type { DevelopmentCase, DevelopmentPlan, DevelopmentStepRecord, WorkdayCalendarEntry } from './development.entity';
import { DevelopmentRepository } from './development.repository';
import { caseStateOf, checkApplication, checkStep, nextStepsOf, probationOf, warningsOf, type StepFact } from './development.rules';

/** Steps the township Party committee (基层党委) decides: entered by a township admin. */
const COMMITTEE_STEPS = [4, 8, 13, 16, 17, 18, 24];

const STAGE_TO_STATUS: Record<DevelopmentCaseStage, MemberStatus> = {
  applicant: 'applicant',
  activist: 'activist',
  candidate: 'candidate',
  probationary: 'probationary',
  full: 'full',
};

const parse = <T>(v: string | null): T | null => (v ? (JSON.parse(v) as T) : null);

export class DevelopmentService {
  readonly repo: DevelopmentRepository;

  constructor(
    private readonly ds: DataSource,
    readonly orgs: OrgService,
    readonly members: MemberService,
    readonly directory: MemberDirectory,
    readonly cipher: FieldCipher,
    private readonly clock: Clock = systemClock,
  ) {
    this.repo = new DevelopmentRepository(ds);
  }

  now(): Date {
    return this.clock();
  }

  today(): string {
    return toLocalDate(this.clock());
  }

  // ── access ───────────────────────────────────────────────────────────────────────────────

  private async branchFor(p: Principal, orgId: string, field = 'branchOrgId'): Promise<Org> {
    const org = await this.orgs.find(orgId);
    if (!org || !covers(p, org.path, MANAGING_ROLES)) throw new AppError('NOT_FOUND');
    if (org.kind !== 'branch') throw fieldError(field, '发展党员须在党支部登记');
    return org;
  }

  /** A case the caller manages, with its branch; else 404. */
  private async visibleCase(p: Principal, id: string): Promise<{ c: DevelopmentCase; branch: Org }> {
    const c = isIdLike(id) ? await this.repo.case(id) : null;
    const branch = c ? await this.orgs.find(c.branchOrgId) : null;
    if (!c || !branch || !covers(p, branch.path, MANAGING_ROLES)) throw new AppError('NOT_FOUND');
    return { c, branch };
  }

  /** The county (the root of the path) whose working-day calendar applies. */
  private countyIdOf(path: string): string {
    return path.split('/').filter(Boolean)[0];
  }

  async calendarMap(orgPath: string): Promise<Map<string, boolean>> {
    return workdayMap(DEFAULT_WORKDAY_EXCEPTIONS, await this.repo.calendar(this.countyIdOf(orgPath)));
  }

  // ── cases ────────────────────────────────────────────────────────────────────────────────

  /** `POST /development-cases`: the case, its step 1 (the application) and the roster entry. */
  async create(p: Principal, input: CreateDevelopmentCaseRequest, audit: AuditContext): Promise<DevelopmentCaseView> {
    const branch = await this.branchFor(p, input.branchOrgId);
    const idNumber = normalizeIdCard(input.idNumber)!;
    const fromId = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
    if (fromId !== input.birthDate) throw fieldError('birthDate', '出生日期与身份证号不一致');
    const failures = checkApplication(input.birthDate, input.appliedOn, this.today());
    if (failures.length) throw new AppError('DEVELOPMENT_RULE', failures);
    const now = this.clock();
    const hash = this.cipher.blindIndex(idNumber)!;
    const c: DevelopmentCase = {
      id: newId(),
      branchOrgId: branch.id,
      name: input.name,
      idNumberEnc: this.cipher.encrypt(idNumber)!,
      idNumberHash: hash,
      birthDate: input.birthDate,
      appliedOn: input.appliedOn,
      stage: 'applicant',
      status: 'active',
      memberId: null,
      probationStart: null,
      probationEnd: null,
      extensionMonths: null,
      lastStep: 1,
      lastStepOn: input.appliedOn,
      note: input.note || null,
      createdBy: p.id,
      createdAt: now,
      updatedAt: now,
    };
    const first: DevelopmentStepRecord = this.record(c.id, { step: 1, occurredOn: input.appliedOn }, p, now);
    await transactionWithRetry(this.ds, async (em) => {
      if ((await this.repo.openCasesByIdNumber(em, hash)).length)
        throw new AppError('DEVELOPMENT_RULE', [{ rule: 'duplicate', message: '该身份证号已有发展党员档案' }]);
      const member = await this.members.enrolApplicant(em, { name: input.name, orgId: branch.id, idCard: idNumber, status: 'applicant' });
      if (!member.created) {
        const org = await this.orgs.find(member.orgId);
        if (isPartyMember(member.status))
          throw new AppError('DEVELOPMENT_RULE', [{ rule: 'duplicate', message: '该身份证号在党员名册中已是党员' }]);
        if (!org || !org.path.startsWith(townshipPathOf(branch.path)))
          throw new AppError('DEVELOPMENT_RULE', [{ rule: 'duplicate', message: '该身份证号已在其他乡镇的名册中，请先转接' }]);
      }
      c.memberId = member.id;
      await this.repo.insertCase(em, c);
      await this.repo.insertStep(em, first);
      await writeAudit(
        em,
        p,
        'development.create',
        { type: 'development_case', id: c.id },
        { branchOrgId: branch.id, memberId: member.id, rosterEntryCreated: member.created },
        audit,
      );
    });
    return this.view(c, branch, [first]);
  }

  record(
    caseId: string,
    input: Partial<AddDevelopmentStepRequest> & { step: number; occurredOn: string },
    p: Principal,
    at: Date,
    actors?: { memberId: string | null; name: string }[],
  ): DevelopmentStepRecord {
    return {
      id: newId(),
      caseId,
      step: input.step,
      occurredOn: input.occurredOn,
      actors: actors?.length ? JSON.stringify(actors) : null,
      vote: input.vote ? JSON.stringify(input.vote) : null,
      trainingDays: input.training?.days ?? null,
      trainingHours: input.training?.hours ?? null,
      outcome: input.outcome ?? null,
      extensionMonths: input.extensionMonths ?? null,
      noticeFrom: input.publicNotice?.from ?? null,
      noticeTo: input.publicNotice?.to ?? null,
      documents: input.documents || null,
      note: input.note || null,
      supersedes: input.supersedes ?? null,
      enteredBy: p.id,
      enteredAt: at,
    };
  }

  /** `POST /development-cases/:id/steps`: one step, all hard rules checked; nothing written when one fails. */
  async addStep(p: Principal, id: string, input: AddDevelopmentStepRequest, audit: AuditContext): Promise<DevelopmentCaseView> {
    const { c, branch } = await this.visibleCase(p, id);
    if (COMMITTEE_STEPS.includes(input.step) && !covers(p, townshipPathOf(branch.path), ['admin'])) throw new AppError('ADMIN_REQUIRED');
    if (input.publicNotice && input.publicNotice.to < input.publicNotice.from)
      throw fieldError('publicNotice.to', '公示结束日期不能早于开始日期');
    // The actors, looked up on the roster of the branch's township.
    const township = townshipPathOf(branch.path);
    const found = await this.directory.basicsOf((input.actors ?? []).map((a) => a.memberId).filter((x): x is string => !!x));
    const byId = new Map(found.map((m) => [m.id, m]));
    const orgsOf = await this.orgs.byIds(found.map((m) => m.orgId));
    const actors = (input.actors ?? []).map((a, i) => {
      if (!a.memberId) {
        if (!a.name) throw fieldError(`actors.${i}.name`, '请填写参与人姓名或从名册中选择');
        return { memberId: null, name: a.name, status: null };
      }
      const m = byId.get(a.memberId);
      if (!m || !orgsOf.get(m.orgId)?.path.startsWith(township)) throw fieldError(`actors.${i}.memberId`, '该党员不在本乡镇的名册中');
      return { memberId: m.id, name: m.name, status: m.status as string };
    });
    const now = this.clock();
    const today = this.today();
    const rec = this.record(
      c.id,
      input,
      p,
      now,
      actors.map(({ memberId, name }) => ({ memberId, name })),
    );

    const saved = await transactionWithRetry(this.ds, async (em) => {
      await this.repo.touch(em, c.id, now);
      const fresh = (await this.repo.case(c.id, em))!;
      const all = await this.repo.steps([c.id], em);
      let effective = this.effective(all);
      if (input.supersedes) {
        const old = effective.find((s) => s.id === input.supersedes);
        if (!old) throw fieldError('supersedes', '要更正的步骤记录不存在或已被更正');
        if (old.step !== input.step) throw fieldError('supersedes', '更正记录须与原记录是同一步骤');
        effective = effective.filter((s) => s.id !== old.id);
      }
      const facts = { birthDate: fresh.birthDate, appliedOn: fresh.appliedOn, memberId: fresh.memberId, status: fresh.status };
      const failures = checkStep(
        facts,
        effective.map(fact),
        {
          ...input,
          actors,
          vote: input.vote ?? null,
          training: input.training ?? null,
          outcome: input.outcome ?? null,
          extensionMonths: input.extensionMonths ?? null,
          supersedes: input.supersedes ?? null,
        },
        today,
      );
      if (failures.length) throw new AppError('DEVELOPMENT_RULE', failures);
      await this.repo.insertStep(em, rec);
      const after = [...effective, rec].map(fact);
      const state = caseStateOf(after);
      const prob = probationOf(after);
      const before = { stage: fresh.stage, status: fresh.status };
      Object.assign(fresh, {
        stage: state.stage,
        status: state.status,
        lastStep: state.lastStep,
        lastStepOn: state.lastStepOn ?? fresh.appliedOn,
        probationStart: prob.start,
        probationEnd: prob.end,
        extensionMonths: prob.extensionMonths,
        appliedOn: input.step === 1 ? input.occurredOn : fresh.appliedOn,
        updatedAt: now,
      });
      await this.repo.saveCase(em, fresh);
      // The roster follows the stage (and a cancelled probation takes the person off the Party roll).
      if (
        fresh.memberId &&
        (before.stage !== state.stage ||
          (state.status === 'terminated' && before.status !== 'terminated') ||
          (state.stage === 'full' && input.step === 24))
      ) {
        if (state.status === 'terminated') await this.members.setStanding(em, fresh.memberId, 'applicant', null);
        else if (state.stage === 'full') await this.members.setStanding(em, fresh.memberId, 'full', prob.end);
        else if (state.stage === 'probationary') await this.members.setStanding(em, fresh.memberId, 'probationary', prob.start);
        else await this.members.setStanding(em, fresh.memberId, STAGE_TO_STATUS[state.stage]);
      }
      await writeAudit(
        em,
        p,
        input.supersedes ? 'development.step.correct' : 'development.step',
        { type: 'development_case', id: c.id },
        {
          step: input.step,
          occurredOn: input.occurredOn,
          recordId: rec.id,
          supersedes: input.supersedes ?? null,
          stage: state.stage,
          status: state.status,
        },
        audit,
      );
      return { fresh, all: [...all, rec] };
    });
    return this.view(saved.fresh, branch, saved.all);
  }

  /** The records no later record supersedes. */
  effective(all: DevelopmentStepRecord[]): DevelopmentStepRecord[] {
    const superseded = new Set(all.map((s) => s.supersedes).filter(Boolean));
    return all.filter((s) => !superseded.has(s.id));
  }

  /** `GET /development-cases/:id`. */
  async get(p: Principal, id: string): Promise<DevelopmentCaseView> {
    const { c, branch } = await this.visibleCase(p, id);
    return this.view(c, branch, await this.repo.steps([c.id]));
  }

  /** `GET /development-cases?orgId=&stage=&status=`: a branch's or township's cases, with warnings and next steps. */
  async list(p: Principal, q: { orgId?: string; stage?: string; status?: string }): Promise<DevelopmentCaseSummary[]> {
    let paths: string[];
    if (q.orgId) {
      const org = await this.orgs.find(q.orgId);
      if (!org || !covers(p, org.path, MANAGING_ROLES)) throw new AppError('NOT_FOUND');
      paths = [org.path];
    } else paths = scopePaths(p, MANAGING_ROLES);
    const cases = await this.repo.cases(paths, q);
    const steps = await this.repo.steps(cases.map((c) => c.id));
    const byCase = new Map<string, DevelopmentStepRecord[]>();
    for (const s of steps) byCase.set(s.caseId, [...(byCase.get(s.caseId) ?? []), s]);
    const branches = await this.orgs.byIds(cases.map((c) => c.branchOrgId));
    const out: DevelopmentCaseSummary[] = [];
    // One calendar per county and one quota check per township and year, not one per case.
    const quotas = new Map<string, DevelopmentWarning[]>();
    const calendars = new Map<string, Map<string, boolean>>();
    for (const c of cases) {
      const branch = branches.get(c.branchOrgId)!;
      const { steps: _steps, ...summary } = await this.view(c, branch, byCase.get(c.id) ?? [], quotas, calendars);
      void _steps;
      out.push(summary);
    }
    return out;
  }

  /** `GET /development-cases/mine`: the applicant's own stage and next step (nothing of anyone else). */
  async mine(p: Principal): Promise<MyDevelopmentView> {
    const c = p.memberId ? await this.repo.caseByMember(p.memberId) : null;
    if (!c) throw new AppError('NOT_FOUND');
    const steps = this.effective(await this.repo.steps([c.id])).map(fact);
    const next = nextStepsOf({ birthDate: c.birthDate, appliedOn: c.appliedOn, memberId: c.memberId, status: c.status }, steps);
    return {
      id: c.id,
      stage: c.stage,
      status: c.status,
      lastStep: c.lastStep,
      lastStepName: developmentStep(c.lastStep)?.name ?? '',
      next: next.slice(0, 1),
    };
  }

  /** The quota warning of a case whose 支部大会 falls in a year past a plan (县/乡镇 发展党员计划). */
  private async quotaWarnings(
    branch: Org,
    meetingOn: string | undefined,
    cache?: Map<string, DevelopmentWarning[]>,
  ): Promise<DevelopmentWarning[]> {
    if (!meetingOn) return [];
    const year = +meetingOn.slice(0, 4);
    const ids = branch.path.split('/').filter(Boolean).slice(0, 2);
    const key = `${ids.join('/')}:${year}`;
    const hit = cache?.get(key);
    if (hit) return hit;
    const out: DevelopmentWarning[] = [];
    for (const plan of await this.repo.plans(ids, year)) {
      const org = await this.orgs.find(plan.orgId);
      if (!org) continue;
      const used = await this.repo.meetingsInYear(org.path, year);
      if (used > plan.quota)
        out.push({
          kind: 'quota',
          message: `${org.name}${year}年发展党员计划${plan.quota}名，已发展${used}名，超出计划`,
          dueOn: null,
          overdue: true,
          red: true,
        });
    }
    cache?.set(key, out);
    return out;
  }

  private async view(
    c: DevelopmentCase,
    branch: Org,
    all: DevelopmentStepRecord[],
    quotaCache?: Map<string, DevelopmentWarning[]>,
    calendars?: Map<string, Map<string, boolean>>,
  ): Promise<DevelopmentCaseView> {
    const effective = this.effective(all);
    const facts = effective.map(fact);
    const county = this.countyIdOf(branch.path);
    const cal = calendars?.get(county) ?? (await this.calendarMap(branch.path));
    calendars?.set(county, cal);
    const today = this.today();
    const supersededBy = new Map(all.filter((s) => s.supersedes).map((s) => [s.supersedes!, s.id]));
    const meeting = facts.filter((s) => s.step === 15).at(-1)?.occurredOn;
    const warnings = [...warningsOf(c.appliedOn, facts, today, cal, c.status), ...(await this.quotaWarnings(branch, meeting, quotaCache))];
    return {
      id: c.id,
      branchOrgId: c.branchOrgId,
      branchName: branch.name,
      name: c.name,
      idNumber: maskIdCard(this.cipher.decrypt(c.idNumberEnc)),
      birthDate: c.birthDate,
      appliedOn: c.appliedOn,
      stage: c.stage,
      status: c.status,
      memberId: c.memberId,
      lastStep: c.lastStep,
      lastStepOn: c.lastStepOn,
      probationStart: c.probationStart,
      probationEnd: c.probationEnd,
      extensionMonths: c.extensionMonths,
      warnings,
      next: nextStepsOf({ birthDate: c.birthDate, appliedOn: c.appliedOn, memberId: c.memberId, status: c.status }, facts),
      steps: all.map((s) => presentStep(s, supersededBy.get(s.id) ?? null, cal)),
    };
  }

  // ── 发展党员计划 ────────────────────────────────────────────────────────────────────────────

  /** `GET /development-plans?orgId=&year=`. */
  async plan(p: Principal, orgId: string, year: number): Promise<DevelopmentPlanView> {
    const org = await this.orgs.find(orgId);
    if (!org || !covers(p, org.path, MANAGING_ROLES)) throw new AppError('NOT_FOUND');
    const plan = await this.repo.plan(org.id, year);
    return { orgId: org.id, year, quota: plan?.quota ?? 0, used: await this.repo.meetingsInYear(org.path, year) };
  }

  /** `PUT /development-plans { orgId, year, quota }`: a county's or township's admin. */
  async setPlan(p: Principal, input: { orgId: string; year: number; quota: number }, audit: AuditContext): Promise<DevelopmentPlanView> {
    const org = await this.orgs.find(input.orgId);
    if (!org || !covers(p, org.path, MANAGING_ROLES)) throw new AppError('NOT_FOUND');
    if (!covers(p, org.path, ['admin'])) throw new AppError('ADMIN_REQUIRED');
    if (org.kind !== 'county' && org.kind !== 'township') throw fieldError('orgId', '发展党员计划由县委或乡镇党委制定');
    await transactionWithRetry(this.ds, async (em) => {
      const existing = await this.repo.plan(org.id, input.year, em);
      const row: DevelopmentPlan = {
        id: existing?.id ?? newId(),
        orgId: org.id,
        year: input.year,
        quota: input.quota,
        updatedBy: p.id,
        updatedAt: this.clock(),
      };
      await this.repo.savePlan(em, row);
      await writeAudit(
        em,
        p,
        'development.plan',
        { type: 'org', id: org.id },
        { year: input.year, quota: input.quota, before: existing?.quota ?? null },
        audit,
      );
    });
    return this.plan(p, org.id, input.year);
  }

  // ── the county's working-day calendar ────────────────────────────────────────────────────

  private async countyFor(p: Principal, orgId: string, write: boolean): Promise<Org> {
    const org = await this.orgs.find(orgId);
    if (!org || !covers(p, org.path, MANAGING_ROLES)) throw new AppError('NOT_FOUND');
    const county = await this.orgs.find(this.countyIdOf(org.path));
    if (!county) throw new AppError('NOT_FOUND');
    if (write && !covers(p, county.path, ['admin'])) throw new AppError('ADMIN_REQUIRED');
    return county;
  }

  /** `GET /workday-calendar?orgId=&year=`: the defaults with the county's own entries over them. */
  async calendar(p: Principal, orgId: string, year?: number): Promise<WorkdayCalendarView> {
    const county = await this.countyFor(p, orgId, false);
    const y = year ?? +this.today().slice(0, 4);
    const own = await this.repo.calendar(county.id);
    const merged = new Map<string, WorkdayCalendarView['exceptions'][number]>();
    for (const d of DEFAULT_WORKDAY_EXCEPTIONS)
      merged.set(d.day, { day: d.day, workday: d.workday, note: d.note ?? null, source: 'default' });
    for (const d of own) merged.set(d.day, { day: d.day, workday: !!d.workday, note: d.note, source: 'county' });
    const exceptions = [...merged.values()].filter((d) => d.day.startsWith(`${y}-`)).sort((a, b) => (a.day < b.day ? -1 : 1));
    return { orgId: county.id, year: y, exceptions };
  }

  /** `PUT /workday-calendar { orgId, day, workday, note }`: the county admin marks a holiday or a 调休 working day. */
  async setCalendarDay(
    p: Principal,
    input: { orgId: string; day: string; workday: boolean; note?: string },
    audit: AuditContext,
  ): Promise<WorkdayCalendarView> {
    const county = await this.countyFor(p, input.orgId, true);
    await transactionWithRetry(this.ds, async (em) => {
      const existing = await this.repo.calendarDay(em, county.id, input.day);
      const row: WorkdayCalendarEntry = {
        id: existing?.id ?? newId(),
        orgId: county.id,
        day: input.day,
        workday: input.workday,
        note: input.note || null,
        updatedBy: p.id,
        updatedAt: this.clock(),
      };
      await this.repo.saveCalendarDay(em, row);
      await writeAudit(em, p, 'workday.set', { type: 'org', id: county.id }, { day: input.day, workday: input.workday }, audit);
    });
    return this.calendar(p, county.id, +input.day.slice(0, 4));
  }

  /** `DELETE /workday-calendar?orgId=&day=`: back to the default for that day. */
  async deleteCalendarDay(p: Principal, orgId: string, day: string, audit: AuditContext): Promise<void> {
    const county = await this.countyFor(p, orgId, true);
    await transactionWithRetry(this.ds, async (em) => {
      if (!(await this.repo.deleteCalendarDay(em, county.id, day))) throw new AppError('NOT_FOUND');
      await writeAudit(em, p, 'workday.delete', { type: 'org', id: county.id }, { day }, audit);
    });
  }
}

export function fact(s: DevelopmentStepRecord): StepFact {
  return {
    id: s.id,
    step: s.step,
    occurredOn: s.occurredOn,
    outcome: s.outcome,
    extensionMonths: s.extensionMonths,
    noticeFrom: s.noticeFrom,
    noticeTo: s.noticeTo,
  };
}

function presentStep(s: DevelopmentStepRecord, supersededBy: string | null, cal: ReadonlyMap<string, boolean>): DevelopmentStepView {
  const training =
    s.trainingDays != null || s.trainingHours != null
      ? { ...(s.trainingDays != null ? { days: s.trainingDays } : {}), ...(s.trainingHours != null ? { hours: s.trainingHours } : {}) }
      : null;
  return {
    id: s.id,
    step: s.step,
    name: developmentStep(s.step)?.name ?? '',
    occurredOn: s.occurredOn,
    actors: parse<{ memberId: string | null; name: string }[]>(s.actors) ?? [],
    vote: parse<DevelopmentVote>(s.vote),
    training,
    outcome: s.outcome,
    extensionMonths: s.extensionMonths,
    publicNotice:
      s.noticeFrom && s.noticeTo ? { from: s.noticeFrom, to: s.noticeTo, workdays: workdaysBetween(s.noticeFrom, s.noticeTo, cal) } : null,
    documents: s.documents,
    note: s.note,
    supersedes: s.supersedes,
    supersededBy,
    enteredBy: s.enteredBy,
    enteredAt: toIsoLocal(s.enteredAt),
  };
}
