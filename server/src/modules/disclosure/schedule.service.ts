/**
 * When each village must publish each kind (村民委员会组织法 Art. 30; OVERSIGHT.md §6):
 *  - defaults: 村务 and 党务 quarterly, 财务 monthly (quarterly when the village is marked
 *    low-activity), 惠农补贴 as they are paid (`catalogue`: never overdue);
 *  - a disclosure for a period is due DISCLOSURE_GRACE_DAYS after the period ends; publishing one
 *    moves `nextDueOn` to the following period's due date (never backwards: a correction of an
 *    old period changes nothing);
 *  - the check raises one Problem (`source: "supervision"`, assigned by the township, Art. 31)
 *    per village, kind and due date: the conditional update of `flaggedDueOn` and the problem
 *    commit together, so parallel runs (the console's button, the hourly job, several processes)
 *    raise it once.
 */
import type { DataSource, EntityManager } from 'typeorm';
import {
  addDays,
  daysBetween,
  DEFAULT_CADENCES,
  DISCLOSURE_CADENCE_LABELS,
  DISCLOSURE_GRACE_DAYS,
  DISCLOSURE_KINDS,
  DISCLOSURE_KIND_LABELS,
  toLocalDate,
  type CheckDisclosureSchedulesResult,
  type DisclosureCadence,
  type DisclosureKind,
  type DisclosureScheduleView,
  type UpdateDisclosureScheduleRequest,
} from '@djzy/shared';
import { systemClock, type Clock } from '../../core/clock';
import { AppError, fieldError } from '../../core/errors';
import { isIdLike, newId } from '../../core/ids';
import { isManager, requireManages, type Principal } from '../../core/principal';
import { transactionWithRetry } from '../../core/sql';
import { writeAudit, type AuditContext } from '../audit';
import { townshipPathOf, type Org, type OrgService } from '../org';
import type { ProblemService } from '../problem';
import type { DisclosureSchedule } from './disclosure.entity';
import { DisclosureRepository } from './disclosure.repository';

const pad = (n: number) => String(n).padStart(2, '0');

/** The last day of the period (month, quarter, year) holding `day`. */
export function periodEnd(day: string, cadence: Exclude<DisclosureCadence, 'catalogue'>): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const endMonth = cadence === 'monthly' ? m : cadence === 'quarterly' ? Math.ceil(m / 3) * 3 : 12;
  const last = new Date(Date.UTC(y, endMonth, 0)).getUTCDate();
  return `${y}-${pad(endMonth)}-${pad(last)}`;
}

/** When the disclosure of the period holding `day` is due (null: `catalogue`). */
export function dueOf(day: string, cadence: DisclosureCadence): string | null {
  if (cadence === 'catalogue') return null;
  return addDays(periodEnd(day, cadence), DISCLOSURE_GRACE_DAYS);
}

/** After publishing a disclosure up to `periodTo`: the next period's due date. */
export function dueAfter(periodTo: string, cadence: DisclosureCadence): string | null {
  if (cadence === 'catalogue') return null;
  return dueOf(addDays(periodEnd(periodTo, cadence), 1), cadence);
}

export class DisclosureScheduleService {
  private readonly repo: DisclosureRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
    private readonly problems: ProblemService,
    private readonly opts: { now?: Clock } = {},
  ) {
    this.repo = new DisclosureRepository(ds);
  }

  private today(): string {
    return toLocalDate((this.opts.now ?? systemClock)());
  }

  private defaults(orgId: string): DisclosureSchedule[] {
    const today = this.today();
    return DISCLOSURE_KINDS.map((kind) => ({
      id: newId(),
      orgId,
      kind,
      cadence: DEFAULT_CADENCES[kind],
      lowActivity: false,
      // A new schedule gives the village this whole period.
      nextDueOn: dueOf(today, DEFAULT_CADENCES[kind]),
      flaggedDueOn: null,
      problemId: null,
      updatedAt: new Date(),
    }));
  }

  /** Every village (branch) gets its default schedules the first time they are asked for. */
  async ensureDefaults(em: EntityManager, orgIds: string[]): Promise<void> {
    const have = new Set((await this.repo.schedulesOf(orgIds)).map((s) => `${s.orgId}:${s.kind}`));
    const missing = orgIds.flatMap((id) => this.defaults(id)).filter((s) => !have.has(`${s.orgId}:${s.kind}`));
    await this.repo.insertSchedulesIgnore(em, missing);
  }

  /** The villages a manager's request covers: every branch in scope, or the named org's subtree. */
  private async villages(p: Principal, orgId?: string): Promise<Org[]> {
    if (!isManager(p)) throw new AppError('FORBIDDEN');
    return this.orgs.branchesIn(await this.orgs.scopeOf(p, orgId));
  }

  /** `GET /disclosure-schedules?orgId=`: with overdue marked. */
  async list(p: Principal, orgId?: string): Promise<DisclosureScheduleView[]> {
    const villages = await this.villages(p, orgId);
    const ids = villages.map((o) => o.id);
    await this.ds.transaction((em) => this.ensureDefaults(em, ids));
    const byId = new Map(villages.map((o) => [o.id, o]));
    const order = new Map(ids.map((id, i) => [id, i]));
    const list = await this.repo.schedulesOf(ids);
    list.sort((a, b) => order.get(a.orgId)! - order.get(b.orgId)! || DISCLOSURE_KINDS.indexOf(a.kind) - DISCLOSURE_KINDS.indexOf(b.kind));
    return list.map((s) => this.present(s, byId.get(s.orgId)));
  }

  private present(s: DisclosureSchedule, org: Org | undefined): DisclosureScheduleView {
    const today = this.today();
    const overdue = s.cadence !== 'catalogue' && !!s.nextDueOn && s.nextDueOn < today;
    return {
      id: s.id,
      orgId: s.orgId,
      orgName: org?.name ?? '',
      kind: s.kind,
      cadence: s.cadence,
      lowActivity: !!s.lowActivity,
      nextDueOn: s.cadence === 'catalogue' ? null : s.nextDueOn,
      overdue,
      overdueDays: overdue ? daysBetween(s.nextDueOn!, today) : 0,
      problemId: s.flaggedDueOn && s.flaggedDueOn === s.nextDueOn ? s.problemId : null,
    };
  }

  /** `PATCH /disclosure-schedules/:id`: cadence, low-activity (finance → quarterly), or the due date. */
  async update(p: Principal, id: string, input: UpdateDisclosureScheduleRequest, audit: AuditContext): Promise<DisclosureScheduleView> {
    const s = isIdLike(id) ? await this.repo.schedule(id) : null;
    const org = s ? await this.orgs.find(s.orgId) : null;
    if (!s || !org) throw new AppError('NOT_FOUND');
    requireManages(p, org.path);
    let cadence = input.cadence ?? s.cadence;
    const lowActivity = input.lowActivity ?? !!s.lowActivity;
    if (input.lowActivity !== undefined && s.kind === 'finance' && input.cadence === undefined)
      cadence = lowActivity ? 'quarterly' : 'monthly';
    if (lowActivity && s.kind !== 'finance') throw fieldError('lowActivity', '只有财务公开可以按“收支较少”改为每季度');
    let nextDueOn = input.nextDueOn ?? s.nextDueOn;
    if (cadence === 'catalogue') nextDueOn = null;
    else if (!nextDueOn) nextDueOn = dueOf(this.today(), cadence);
    const patch = { cadence, lowActivity, nextDueOn, updatedAt: new Date() };
    await this.ds.transaction(async (em) => {
      await this.repo.updateSchedule(em, s.id, patch);
      await writeAudit(
        em,
        p,
        'disclosure_schedule.update',
        { type: 'disclosure_schedule', id: s.id },
        { cadence, lowActivity, nextDueOn },
        audit,
      );
    });
    return this.present({ ...s, ...patch }, org);
  }

  /** Publishing up to `periodTo` moves the kind's due date to the next period's (never backwards). */
  async advance(em: EntityManager, orgId: string, kind: DisclosureKind, periodTo: string): Promise<void> {
    await this.ensureDefaults(em, [orgId]);
    const s = await this.repo.scheduleOf(em, orgId, kind);
    if (!s || s.cadence === 'catalogue') return;
    const next = dueAfter(periodTo, s.cadence);
    if (next && (!s.nextDueOn || next > s.nextDueOn)) await this.repo.updateSchedule(em, s.id, { nextDueOn: next, updatedAt: new Date() });
  }

  /** `POST /disclosure-schedules/check`: the overdue schedules of the caller's villages. */
  async check(p: Principal, orgId: string | undefined, audit: AuditContext): Promise<CheckDisclosureSchedulesResult> {
    const villages = await this.villages(p, orgId);
    if (!villages.length) return { overdue: 0, raised: 0, problemIds: [] };
    const result = await this.raise(
      await this.repo.overdue(
        this.today(),
        villages.map((o) => o.id),
      ),
    );
    await this.ds.transaction((em) =>
      writeAudit(
        em,
        p,
        'disclosure_schedule.check',
        { type: 'org', id: orgId ?? null },
        { overdue: result.overdue, raised: result.raised },
        audit,
      ),
    );
    return result;
  }

  /** The periodic job: every overdue schedule of the county. */
  async checkAll(): Promise<CheckDisclosureSchedulesResult> {
    return this.raise(await this.repo.overdue(this.today()));
  }

  private async raise(overdue: DisclosureSchedule[]): Promise<CheckDisclosureSchedulesResult> {
    const orgs = await this.orgs.withAncestors(overdue.map((s) => s.orgId));
    const problemIds: string[] = [];
    for (const s of overdue) {
      if (s.flaggedDueOn === s.nextDueOn) continue;
      const org = orgs.get(s.orgId);
      const townshipId = org ? townshipPathOf(org.path).split('/').filter(Boolean).pop() : undefined;
      if (!org || !townshipId) continue;
      const id = await transactionWithRetry(this.ds, async (em) => {
        if (!(await this.repo.flag(em, s))) return null;
        const problemId = await this.problems.registerBySystem(em, {
          orgId: org.id,
          assignerOrgId: townshipId,
          year: Number(s.nextDueOn!.slice(0, 4)),
          source: 'supervision',
          sourceRef: s.id,
          category: '三务公开逾期',
          description: `${org.name}${DISCLOSURE_KIND_LABELS[s.kind]}公开（${DISCLOSURE_CADENCE_LABELS[s.cadence]}）应于 ${s.nextDueOn} 前公开，至今未公开。请督促按期公开（村民委员会组织法第三十条、第三十一条）。`,
        });
        await this.repo.updateSchedule(em, s.id, { problemId });
        return problemId;
      });
      if (id) problemIds.push(id);
    }
    return { overdue: overdue.length, raised: problemIds.length, problemIds };
  }
}
