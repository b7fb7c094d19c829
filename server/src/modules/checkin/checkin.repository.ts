/**
 * Persistence of attendance: the checkins and leave_requests tables, this module's alone.
 * Services ask these named queries; nothing else touches the tables.
 */
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { LeaveStatus } from '@djzy/shared';
import { insertEntities } from '../../core/sql';
import { CheckIn, LeaveRequest } from './checkin.entity';

export class CheckinRepository {
  constructor(private readonly ds: DataSource) {}

  // ── check-ins ────────────────────────────────────────────────────────────────────────────

  /**
   * Inserts a batch; rows that would be a second check-in of a member are skipped (unique index).
   * Answers how many rows went in when the driver says so (MySQL), else null.
   */
  async insertIgnore(em: EntityManager, rows: CheckIn[]): Promise<number | null> {
    return insertEntities(em, CheckIn, rows, { ignore: true });
  }

  /** The stored check-ins of these members at these activities (the batch's read-back). */
  async findFor(em: EntityManager, byActivity: Map<string, string[]>): Promise<CheckIn[]> {
    return em
      .getRepository(CheckIn)
      .find({ where: [...byActivity].map(([activityId, memberIds]) => ({ activityId, memberId: In(memberIds) })) });
  }

  async find(activityId: string, memberId: string): Promise<CheckIn | null> {
    return this.ds.getRepository(CheckIn).findOneBy({ activityId, memberId });
  }

  async ofActivity(activityId: string): Promise<CheckIn[]> {
    return this.ds.getRepository(CheckIn).findBy({ activityId });
  }

  /** Member ids checked in to an activity. */
  async presentIds(activityId: string): Promise<Set<string>> {
    return new Set(
      (await this.ds.getRepository(CheckIn).find({ where: { activityId }, select: { memberId: true } })).map((c) => c.memberId),
    );
  }

  /** Check-ins per activity. */
  async countByActivity(activityIds: string[]): Promise<Map<string, number>> {
    if (!activityIds.length) return new Map();
    const rows: { activityId: string; n: number | string }[] = await this.ds
      .getRepository(CheckIn)
      .createQueryBuilder('c')
      .select('c.activityId', 'activityId')
      .addSelect('COUNT(*)', 'n')
      .where('c.activityId IN (:...ids)', { ids: activityIds })
      .groupBy('c.activityId')
      .getRawMany();
    return new Map(rows.map((c) => [c.activityId, Number(c.n)]));
  }

  /** A member's check-ins among these activities. */
  async mine(memberId: string, activityIds: string[]): Promise<CheckIn[]> {
    if (!activityIds.length) return [];
    return this.ds.getRepository(CheckIn).findBy({ activityId: In(activityIds), memberId });
  }

  /** How many of these activities a member checked in to. */
  async countAttended(memberId: string, activityIds: string[]): Promise<number> {
    if (!activityIds.length) return 0;
    return this.ds.getRepository(CheckIn).countBy({ memberId, activityId: In(activityIds) });
  }

  // ── leave ────────────────────────────────────────────────────────────────────────────────

  async leave(id: string): Promise<LeaveRequest | null> {
    return this.ds.getRepository(LeaveRequest).findOneBy({ id });
  }

  async leaveOf(activityId: string, memberId: string): Promise<LeaveRequest | null> {
    return this.ds.getRepository(LeaveRequest).findOneBy({ activityId, memberId });
  }

  async leavesOfActivity(activityId: string): Promise<LeaveRequest[]> {
    return this.ds.getRepository(LeaveRequest).findBy({ activityId });
  }

  /** A member's leave requests among these activities. */
  async myLeaves(memberId: string, activityIds: string[]): Promise<LeaveRequest[]> {
    if (!activityIds.length) return [];
    return this.ds.getRepository(LeaveRequest).findBy({ activityId: In(activityIds), memberId });
  }

  /** Member ids with approved leave for an activity. */
  async excusedIds(activityId: string): Promise<Set<string>> {
    return new Set(
      (await this.ds.getRepository(LeaveRequest).find({ where: { activityId, status: 'approved' }, select: { memberId: true } })).map(
        (l) => l.memberId,
      ),
    );
  }

  /** How many of these activities a member had approved leave for. */
  async countExcused(memberId: string, activityIds: string[]): Promise<number> {
    if (!activityIds.length) return 0;
    return this.ds.getRepository(LeaveRequest).countBy({ memberId, activityId: In(activityIds), status: 'approved' });
  }

  async insertLeave(l: LeaveRequest): Promise<void> {
    await this.ds.transaction((em) => em.insert(LeaveRequest, l));
  }

  /** Decides a pending request; false when it was no longer pending. */
  async decideLeave(em: EntityManager, id: string, status: LeaveStatus, at: Date, by: string): Promise<boolean> {
    const res = await em.update(LeaveRequest, { id, status: 'pending' }, { status, decidedAt: at, decidedBy: by });
    return !!res.affected;
  }
}
