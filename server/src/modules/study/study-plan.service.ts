/**
 * 学习计划: a branch (or a township, the county) assigns materials for a period; members see
 * what is due, and the secretary sees per member whether each is done — never minutes.
 */
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import {
  DEFAULT_PAGE_SIZE,
  planDates,
  toIsoLocal,
  toLocalDate,
  type CreateStudyPlanRequest,
  type Page,
  type StudyPlanCompletionResponse,
  type StudyPlanListQuery,
  type StudyPlanStatus,
  type StudyPlanView,
  type UpdateStudyPlanRequest,
} from '@djzy/shared';
import { writeAudit, type AuditContext } from '../audit';
import { AppError, fieldError } from '../../core/errors';
import { isIdLike, newId } from '../../core/ids';
import { covers, requireManages, scopePaths, type Principal } from '../../core/principal';
import type { MemberDirectory } from '../member';
import type { Org, OrgService } from '../org';
import { systemClock, type Clock } from '../../core/clock';
import { checkMaterialsFor } from './study-materials';
import { StudyPlanRepository } from './study-plan.repository';
import type { StudyMaterial, StudyPlan } from './study.entity';
import { StudyRepository } from './study.repository';

const MAX_PLAN_DAYS = 366;

function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export class StudyPlanService {
  private readonly repo: StudyPlanRepository;
  private readonly study: StudyRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
    private readonly members: MemberDirectory,
    private readonly now: Clock = systemClock,
  ) {
    this.repo = new StudyPlanRepository(ds);
    this.study = new StudyRepository(ds);
  }

  private today(): string {
    return toLocalDate(this.now());
  }

  private statusOf(plan: StudyPlan, today = this.today()): StudyPlanStatus {
    return plan.startsOn > today ? 'upcoming' : plan.endsOn < today ? 'ended' : 'current';
  }

  private async present(p: Principal, plans: StudyPlan[]): Promise<StudyPlanView[]> {
    if (!plans.length) return [];
    const links = await this.repo.linksOf(plans.map((x) => x.id));
    const materialIds = [...new Set(links.map((l) => l.materialId))];
    const materials = await this.study.materialsBrief(materialIds);
    const doneSet = p.memberId && materialIds.length ? await this.study.completedMaterialIds(p.memberId, materialIds) : new Set<string>();
    const orgs = [...(await this.orgs.byIds(plans.map((x) => x.orgId))).values()];
    const today = this.today();
    return plans.map((plan) => {
      const org = orgs.find((o) => o.id === plan.orgId);
      const own = links
        .filter((l) => l.planId === plan.id)
        .map((l) => materials.find((m) => m.id === l.materialId))
        .filter((m): m is Pick<StudyMaterial, 'id' | 'title' | 'kind'> => !!m)
        .map((m) => ({ id: m.id, title: m.title, kind: m.kind, completed: p.memberId ? doneSet.has(m.id) : null }));
      return {
        id: plan.id,
        orgId: plan.orgId,
        orgName: org?.name ?? '',
        title: plan.title,
        startsOn: plan.startsOn,
        endsOn: plan.endsOn,
        note: plan.note,
        status: this.statusOf(plan, today),
        materials: own,
        myDone: p.memberId ? own.every((m) => m.completed) : null,
        canManage: !!org && covers(p, org.path),
        createdAt: toIsoLocal(plan.createdAt),
      };
    });
  }

  /** A plan the caller may read: of an org they manage, of one of their own orgs, or above one they manage. */
  private async load(p: Principal, id: string): Promise<{ plan: StudyPlan; org: Org; canManage: boolean }> {
    const plan = isIdLike(id) ? await this.repo.plan(id) : null;
    const org = plan ? await this.orgs.find(plan.orgId) : null;
    if (!plan || !org) throw new AppError('PLAN_NOT_FOUND');
    const canManage = covers(p, org.path);
    const onOwnPath = !!p.orgPath?.startsWith(org.path);
    const aboveManaged = scopePaths(p).some((path) => path.startsWith(org.path));
    if (!canManage && !onOwnPath && !aboveManaged) throw new AppError('PLAN_NOT_FOUND');
    return { plan, org, canManage };
  }

  private async managed(p: Principal, id: string) {
    const loaded = await this.load(p, id);
    if (!loaded.canManage) throw new AppError('FORBIDDEN');
    return loaded;
  }

  private checkDates(startsOn: string, endsOn: string) {
    if (!isRealDate(startsOn)) throw fieldError('startsOn', '开始日期格式应为 2026-12-01');
    if (!isRealDate(endsOn)) throw fieldError('endsOn', '截止日期格式应为 2026-12-31');
    if (endsOn < startsOn) throw fieldError('endsOn', '截止日期不能早于开始日期');
    const days = (Date.parse(`${endsOn}T00:00:00Z`) - Date.parse(`${startsOn}T00:00:00Z`)) / 86_400_000;
    if (days >= MAX_PLAN_DAYS) throw fieldError('endsOn', '一个学习计划最长一年');
  }

  async create(p: Principal, input: CreateStudyPlanRequest, audit: AuditContext): Promise<StudyPlanView> {
    const org = await this.orgs.get(input.orgId).catch(() => {
      throw fieldError('orgId', '组织不存在');
    });
    requireManages(p, org.path);
    this.checkDates(input.startsOn, input.endsOn);
    if (!input.materialIds.length) throw fieldError('materialIds', '请至少选择一份学习资料');
    const materialIds = await checkMaterialsFor(this.ds, org, input.materialIds);
    const plan: StudyPlan = {
      id: newId(),
      orgId: org.id,
      title: input.title,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      note: input.note || null,
      createdBy: p.id,
      createdAt: this.now(),
    };
    await this.ds.transaction(async (em) => {
      await this.repo.insert(em, plan, materialIds);
      await writeAudit(
        em,
        p,
        'study.plan_create',
        { type: 'study_plan', id: plan.id },
        { orgId: org.id, materials: materialIds.length },
        audit,
      );
    });
    return (await this.present(p, [plan]))[0];
  }

  async update(p: Principal, id: string, input: UpdateStudyPlanRequest, audit: AuditContext): Promise<StudyPlanView> {
    const { plan, org } = await this.managed(p, id);
    const next: StudyPlan = {
      ...plan,
      title: input.title ?? plan.title,
      startsOn: input.startsOn ?? plan.startsOn,
      endsOn: input.endsOn ?? plan.endsOn,
      note: input.note !== undefined ? input.note || null : plan.note,
    };
    this.checkDates(next.startsOn, next.endsOn);
    if (input.materialIds && !input.materialIds.length) throw fieldError('materialIds', '请至少选择一份学习资料');
    const materialIds = input.materialIds ? await checkMaterialsFor(this.ds, org, input.materialIds) : null;
    await this.ds.transaction(async (em) => {
      await this.repo.update(em, plan.id, { title: next.title, startsOn: next.startsOn, endsOn: next.endsOn, note: next.note });
      if (materialIds) await this.repo.replaceMaterials(em, plan.id, materialIds);
      await writeAudit(em, p, 'study.plan_update', { type: 'study_plan', id: plan.id }, { fields: Object.keys(input) }, audit);
    });
    return (await this.present(p, [next]))[0];
  }

  async remove(p: Principal, id: string, audit: AuditContext): Promise<void> {
    const { plan } = await this.managed(p, id);
    await this.ds.transaction(async (em) => {
      await this.repo.delete(em, plan.id);
      await writeAudit(em, p, 'study.plan_delete', { type: 'study_plan', id: plan.id }, { title: plan.title }, audit);
    });
  }

  async get(p: Principal, id: string): Promise<StudyPlanView> {
    const { plan } = await this.load(p, id);
    return (await this.present(p, [plan]))[0];
  }

  /**
   * `GET /study/plans`: plans of the caller's own orgs (a member's branch and those above it),
   * of the orgs they manage, and those above the orgs they manage; `orgId` narrows to the plans
   * that apply to that org (its own, those above it, those below it).
   */
  async list(p: Principal, q: StudyPlanListQuery): Promise<Page<StudyPlanView>> {
    const managed = scopePaths(p);
    const above = [...new Set([...(p.orgPath ?? '').split('/'), ...managed.flatMap((path) => path.split('/'))].filter(Boolean))];
    let appliesTo: { up: string[]; below: string } | undefined;
    if (q.orgId) {
      const target = await this.orgs.get(q.orgId).catch(() => null);
      if (!target) throw fieldError('orgId', '组织不存在');
      appliesTo = { up: target.path.split('/').filter(Boolean), below: target.path };
    }
    const { list, total } = await this.repo.plansPage(
      { ofOrgs: above, managed, appliesTo, status: q.status, today: this.today() },
      q.page ?? 1,
      q.pageSize ?? DEFAULT_PAGE_SIZE,
    );
    return { items: await this.present(p, list), total };
  }

  /** The member's plans that have not ended (current first), for 我的学习 and the 学习 tab. */
  async forMember(p: Principal): Promise<StudyPlanView[]> {
    if (!p.orgPath) return [];
    const ancestors = p.orgPath.split('/').filter(Boolean);
    const plans = await this.repo.notEndedOf(ancestors, this.today());
    return this.present(p, plans);
  }

  /**
   * `GET /study/plans/:id/completion`: each member the plan applies to, within the caller's
   * scope — which materials are done and whether all are. Done or not, never minutes.
   */
  async completion(p: Principal, id: string): Promise<StudyPlanCompletionResponse> {
    const { plan, org, canManage } = await this.load(p, id);
    const paths = canManage ? [org.path] : scopePaths(p).filter((path) => path.startsWith(org.path));
    if (!paths.length) throw new AppError('FORBIDDEN');
    const [view] = await this.present({ ...p, memberId: null }, [plan]);
    const members = await this.study.membersByOrg(this.members, paths);
    const materialIds = view.materials.map((m) => m.id);
    const done = await this.study.completedPairs(
      materialIds,
      members.map((m) => m.id),
    );
    const byMember = new Map<string, string[]>();
    for (const d of done) byMember.set(d.memberId, [...(byMember.get(d.memberId) ?? []), d.materialId]);
    const rows = members.map((m) => {
      const own = byMember.get(m.id) ?? [];
      return {
        memberId: m.id,
        name: m.name,
        orgName: m.orgName,
        done: materialIds.filter((x) => own.includes(x)),
        complete: materialIds.every((x) => own.includes(x)),
      };
    });
    return { plan: view, members: rows, completeCount: rows.filter((r) => r.complete).length, total: rows.length };
  }

  /** The completion as a sheet for the branch's records: ✓ / — per material, 已完成 / 未完成 — never time. */
  async completionXlsx(p: Principal, id: string): Promise<{ filename: string; data: Buffer }> {
    const c = await this.completion(p, id);
    const wb = new ExcelJS.Workbook();
    wb.creator = '党建智慧云';
    const ws = wb.addWorksheet('学习完成情况');
    ws.addRow([`${c.plan.orgName} ${c.plan.title}`]);
    ws.addRow([`学习时间：${planDates(c.plan)}；已完成 ${c.completeCount} / ${c.total} 人`]);
    ws.addRow([]);
    ws.addRow(['序号', '姓名', '所在组织', ...c.plan.materials.map((m) => m.title), '是否完成']).font = { bold: true };
    c.members.forEach((m, i) =>
      ws.addRow([
        i + 1,
        m.name,
        m.orgName,
        ...c.plan.materials.map((mat) => (m.done.includes(mat.id) ? '✓' : '—')),
        m.complete ? '已完成' : '未完成',
      ]),
    );
    ws.columns.forEach((col, i) => (col.width = i === 0 ? 6 : i === 1 ? 12 : i === 2 ? 20 : 16));
    return { filename: `学习完成情况-${c.plan.title}.xlsx`, data: Buffer.from(await wb.xlsx.writeBuffer()) };
  }
}
