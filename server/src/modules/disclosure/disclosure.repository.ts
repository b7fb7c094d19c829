/**
 * Persistence of disclosures, their rows and the schedules — this module's tables alone. State
 * moves are conditional updates (`WHERE status IN …`): two people acting at once cannot both move it.
 */
import { In, LessThan, Not, type DataSource, type EntityManager } from 'typeorm';
import type { DisclosureKind, DisclosureStatus } from '@djzy/shared';
import { updateWhere } from '../../core/sql';
import { joinOrg, whereInSubtrees } from '../org';
import { Disclosure, DisclosureAttachment, DisclosureRow, DisclosureSchedule } from './disclosure.entity';

export interface DisclosureFilter {
  paths?: string[];
  orgPath?: string;
  orgId?: string;
  kind?: DisclosureKind;
  statuses?: DisclosureStatus[];
  audience?: 'public' | 'members';
}

export class DisclosureRepository {
  constructor(private readonly ds: DataSource) {}

  find(id: string, em?: EntityManager): Promise<Disclosure | null> {
    return (em ?? this.ds.manager).getRepository(Disclosure).findOneBy({ id });
  }

  async insert(em: EntityManager, d: Disclosure, rows: DisclosureRow[]): Promise<void> {
    await em.insert(Disclosure, d);
    await this.insertRows(em, rows);
  }

  async insertRows(em: EntityManager, rows: DisclosureRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) await em.insert(DisclosureRow, rows.slice(i, i + 200));
  }

  async deleteRows(em: EntityManager, disclosureId: string): Promise<void> {
    await em.delete(DisclosureRow, { disclosureId });
  }

  /** Applies a patch only while the disclosure is in one of `from`; false when it no longer was. */
  async move(em: EntityManager, id: string, from: readonly DisclosureStatus[], patch: Partial<Disclosure>): Promise<boolean> {
    return (await updateWhere(em, Disclosure, { id, status: In([...from]) }, patch)) > 0;
  }

  async rowsOf(ids: string[]): Promise<Map<string, DisclosureRow[]>> {
    const out = new Map<string, DisclosureRow[]>(ids.map((id) => [id, []]));
    if (!ids.length) return out;
    const rows = await this.ds
      .getRepository(DisclosureRow)
      .find({ where: { disclosureId: In(ids) }, order: { disclosureId: 'ASC', seq: 'ASC' } });
    for (const r of rows) out.get(r.disclosureId)?.push(r);
    return out;
  }

  async page(f: DisclosureFilter, page: number, pageSize: number): Promise<{ list: Disclosure[]; total: number }> {
    const qb = joinOrg(this.ds.getRepository(Disclosure).createQueryBuilder('d'), 'org', 'org.id = d.orgId');
    if (f.paths) whereInSubtrees(qb, 'org', f.paths);
    if (f.orgPath) qb.andWhere('org.path LIKE :sub', { sub: `${f.orgPath}%` });
    if (f.orgId) qb.andWhere('d.orgId = :orgId', { orgId: f.orgId });
    if (f.kind) qb.andWhere('d.kind = :kind', { kind: f.kind });
    if (f.statuses) qb.andWhere('d.status IN (:...statuses)', { statuses: f.statuses });
    if (f.audience) qb.andWhere('d.audience = :audience', { audience: f.audience });
    const total = await qb.getCount();
    const list = await qb
      .orderBy('d.periodTo', 'DESC')
      .addOrderBy('d.updatedAt', 'DESC')
      .addOrderBy('d.id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getMany();
    return { list, total };
  }

  // ── attachments ──────────────────────────────────────────────────────────────────────────

  async attachmentsOf(ids: string[]): Promise<Map<string, DisclosureAttachment[]>> {
    const out = new Map<string, DisclosureAttachment[]>(ids.map((id) => [id, []]));
    if (!ids.length) return out;
    const list = await this.ds
      .getRepository(DisclosureAttachment)
      .find({ where: { disclosureId: In(ids) }, order: { createdAt: 'ASC', id: 'ASC' } });
    for (const a of list) out.get(a.disclosureId)?.push(a);
    return out;
  }

  attachment(disclosureId: string, id: string): Promise<DisclosureAttachment | null> {
    return this.ds.getRepository(DisclosureAttachment).findOneBy({ id, disclosureId });
  }

  countAttachments(em: EntityManager, disclosureId: string): Promise<number> {
    return em.getRepository(DisclosureAttachment).countBy({ disclosureId });
  }

  async insertAttachments(em: EntityManager, list: DisclosureAttachment[]): Promise<void> {
    if (list.length) await em.insert(DisclosureAttachment, list);
  }

  async deleteAttachment(em: EntityManager, id: string): Promise<void> {
    await em.delete(DisclosureAttachment, { id });
  }

  // ── schedules ────────────────────────────────────────────────────────────────────────────

  schedulesOf(orgIds: string[]): Promise<DisclosureSchedule[]> {
    if (!orgIds.length) return Promise.resolve([]);
    return this.ds.getRepository(DisclosureSchedule).find({ where: { orgId: In(orgIds) }, order: { orgId: 'ASC', kind: 'ASC' } });
  }

  schedule(id: string): Promise<DisclosureSchedule | null> {
    return this.ds.getRepository(DisclosureSchedule).findOneBy({ id });
  }

  scheduleOf(em: EntityManager, orgId: string, kind: DisclosureKind): Promise<DisclosureSchedule | null> {
    return em.getRepository(DisclosureSchedule).findOneBy({ orgId, kind });
  }

  /** Adds the rows not there yet (the unique (org, kind) index keeps parallel callers to one). */
  async insertSchedulesIgnore(em: EntityManager, rows: DisclosureSchedule[]): Promise<void> {
    if (!rows.length) return;
    await em.createQueryBuilder().insert().into(DisclosureSchedule).values(rows).orIgnore().execute();
  }

  async updateSchedule(em: EntityManager, id: string, patch: Partial<DisclosureSchedule>): Promise<void> {
    await em.update(DisclosureSchedule, { id }, patch);
  }

  /** Schedules due before `today` (never `catalogue`), optionally of some orgs only. */
  overdue(today: string, orgIds?: string[]): Promise<DisclosureSchedule[]> {
    return this.ds.getRepository(DisclosureSchedule).find({
      where: { nextDueOn: LessThan(today), cadence: Not('catalogue'), ...(orgIds ? { orgId: In(orgIds) } : {}) },
      order: { orgId: 'ASC', kind: 'ASC' },
      take: 5000,
    });
  }

  /**
   * Marks the schedule's current due date as raised; true only for the one caller that changed
   * it (the row lock makes a parallel caller wait, then find it marked).
   */
  async flag(em: EntityManager, s: DisclosureSchedule): Promise<boolean> {
    const res = await em
      .createQueryBuilder()
      .update(DisclosureSchedule)
      .set({ flaggedDueOn: s.nextDueOn })
      .where('id = :id AND nextDueOn = :due AND (flaggedDueOn IS NULL OR flaggedDueOn <> :due)', { id: s.id, due: s.nextDueOn })
      .execute();
    return (res.affected ?? 0) > 0;
  }
}
