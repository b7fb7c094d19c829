/**
 * Persistence of problems, their history and feedback — this module's tables alone. State moves
 * are conditional updates (`WHERE status IN …`): two people acting at once cannot both move it.
 */
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { FeedbackStatus, ProblemSource, ProblemStatus } from '@djzy/shared';
import { updateWhere } from '../../core/sql';
import { joinOrg, whereInSubtrees } from '../org';
import { Feedback, Problem, ProblemEvent } from './problem.entity';

export interface ProblemFilter {
  /** Problems in these subtrees … */
  paths?: string[];
  /** … or (OR) those this member answers for. */
  responsibleMemberId?: string;
  orgPath?: string;
  year?: number;
  status?: ProblemStatus;
  source?: ProblemSource;
  /** Open problems whose deadline is before this day (YYYY-MM-DD). */
  overdueBefore?: string;
}

export interface FeedbackFilter {
  paths?: string[];
  senderMemberId?: string;
  orgPath?: string;
  status?: FeedbackStatus;
  /** Not replied and due before this instant. */
  overdueAt?: Date;
}

const OPEN: ProblemStatus[] = ['registered', 'assigned', 'rectifying', 'submitted'];

export class ProblemRepository {
  constructor(private readonly ds: DataSource) {}

  // ── problems ─────────────────────────────────────────────────────────────────────────────

  async find(id: string): Promise<Problem | null> {
    return this.ds.getRepository(Problem).findOneBy({ id });
  }

  async insert(em: EntityManager, p: Problem): Promise<void> {
    await em.insert(Problem, p);
  }

  /** Applies a patch only while the problem is in one of `from`; false when it no longer was. */
  async move(em: EntityManager, id: string, from: readonly ProblemStatus[], patch: Partial<Problem>): Promise<boolean> {
    return (await updateWhere(em, Problem, { id, status: In([...from]) }, patch)) > 0;
  }

  async page(f: ProblemFilter, page: number, pageSize: number): Promise<{ list: Problem[]; total: number }> {
    const qb = joinOrg(this.ds.getRepository(Problem).createQueryBuilder('p'), 'org', 'org.id = p.orgId');
    if (f.paths && f.responsibleMemberId) {
      const paths = f.paths;
      qb.andWhere(
        `(${paths.map((_, i) => `org.path LIKE :scope${i}`).join(' OR ') || '1 = 0'} OR p.responsibleMemberId = :me)`,
        Object.assign({ me: f.responsibleMemberId }, ...paths.map((p, i) => ({ [`scope${i}`]: `${p}%` }))),
      );
    } else if (f.paths) whereInSubtrees(qb, 'org', f.paths);
    else if (f.responsibleMemberId) qb.andWhere('p.responsibleMemberId = :me', { me: f.responsibleMemberId });
    if (f.orgPath) qb.andWhere('org.path LIKE :sub', { sub: `${f.orgPath}%` });
    if (f.year !== undefined) qb.andWhere('p.year = :year', { year: f.year });
    if (f.status) qb.andWhere('p.status = :status', { status: f.status });
    if (f.source) qb.andWhere('p.source = :source', { source: f.source });
    if (f.overdueBefore) qb.andWhere('p.status IN (:...open) AND p.deadline < :today', { open: OPEN, today: f.overdueBefore });
    const total = await qb.getCount();
    const list = await qb
      .orderBy('p.raisedAt', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getMany();
    return { list, total };
  }

  /** Open problems with a deadline on or before `day` (the reminder sweep). */
  async openDueBy(day: string, take: number): Promise<Problem[]> {
    return this.ds
      .getRepository(Problem)
      .createQueryBuilder('p')
      .where("p.status IN ('assigned', 'rectifying')")
      .andWhere('p.deadline <= :day', { day })
      .andWhere('p.responsibleMemberId IS NOT NULL')
      .orderBy('p.deadline', 'ASC')
      .limit(take)
      .getMany();
  }

  // ── history ──────────────────────────────────────────────────────────────────────────────

  async insertEvent(em: EntityManager, e: ProblemEvent): Promise<void> {
    await em.insert(ProblemEvent, e);
  }

  async eventsOf(problemId: string): Promise<ProblemEvent[]> {
    return this.ds.getRepository(ProblemEvent).find({ where: { problemId }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** The text of each problem's latest progress (整改措施), by problem id. */
  async latestProgress(problemIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < problemIds.length; i += 500) {
      const rows = await this.ds.getRepository(ProblemEvent).find({
        where: { problemId: In(problemIds.slice(i, i + 500)), kind: 'progress' as never },
        order: { at: 'ASC', id: 'ASC' },
      });
      for (const e of rows) if (e.text) out.set(e.problemId, e.text);
    }
    return out;
  }

  async countEvents(em: EntityManager, problemId: string, kinds: string[]): Promise<number> {
    return em.getRepository(ProblemEvent).countBy({ problemId, kind: In(kinds) as never });
  }

  // ── feedback ─────────────────────────────────────────────────────────────────────────────

  async feedback(id: string): Promise<Feedback | null> {
    return this.ds.getRepository(Feedback).findOneBy({ id });
  }

  async insertFeedback(em: EntityManager, f: Feedback): Promise<void> {
    await em.insert(Feedback, f);
  }

  async replyFeedback(
    em: EntityManager,
    id: string,
    patch: Pick<Feedback, 'reply' | 'repliedAt' | 'repliedBy' | 'repliedByName'>,
  ): Promise<boolean> {
    return (await updateWhere(em, Feedback, { id, status: 'received' }, { ...patch, status: 'replied' })) > 0;
  }

  async linkProblem(em: EntityManager, id: string, problemId: string): Promise<boolean> {
    return (await updateWhere(em, Feedback, { id, problemId: IsNull() }, { problemId })) > 0;
  }

  async feedbackPage(f: FeedbackFilter, page: number, pageSize: number): Promise<{ list: Feedback[]; total: number }> {
    const qb = joinOrg(this.ds.getRepository(Feedback).createQueryBuilder('f'), 'org', 'org.id = f.orgId');
    if (f.paths) whereInSubtrees(qb, 'org', f.paths);
    if (f.senderMemberId) qb.andWhere('f.senderMemberId = :sender', { sender: f.senderMemberId });
    if (f.orgPath) qb.andWhere('org.path LIKE :sub', { sub: `${f.orgPath}%` });
    if (f.status) qb.andWhere('f.status = :status', { status: f.status });
    if (f.overdueAt) qb.andWhere("f.status = 'received' AND f.replyDueAt < :due", { due: f.overdueAt });
    const total = await qb.getCount();
    const list = await qb
      .orderBy('f.createdAt', 'DESC')
      .addOrderBy('f.id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getMany();
    return { list, total };
  }
}
