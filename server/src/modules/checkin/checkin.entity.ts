/** Attendance records (考勤): check-ins and leave requests, one of each per member and activity. */
import { Column, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../core/columns';
import type { CheckinMethod, LeaveStatus } from '@djzy/shared';

/**
 * One check-in per member and activity: the unique index is the last guard against a double
 * count, whatever the network does. Only the distance to the venue is kept, never the position.
 */
@Entity('checkins')
@Index('uq_checkins_activity_member', ['activityId', 'memberId'], { unique: true })
@Index('idx_checkins_member', ['memberId'])
@Index('idx_checkins_slot_ip', ['activityId', 'slot', 'ipTag'])
export class CheckIn {
  @IdColumn()
  id: string;

  @RefColumn()
  activityId: string;

  @RefColumn()
  memberId: string;

  @Column({ type: 'varchar', length: 16 })
  method: CheckinMethod;

  @TimeColumn()
  checkedInAt: Date;

  @Column({ type: 'int', nullable: true })
  distanceM: number | null;

  /** A keyed hash of the client address (to flag many check-ins from one phone), not the address. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  ipTag: string | null;

  @Column({ type: 'bigint', nullable: true })
  slot: string | null;

  @Column({ type: 'boolean', default: false })
  flagged: boolean;

  /** Who recorded it: the member, or the organiser for a roster check-in. */
  @RefColumn({ nullable: true })
  recordedBy: string | null;
}

@Entity('leave_requests')
@Index('uq_leave_requests_activity_member', ['activityId', 'memberId'], { unique: true })
export class LeaveRequest {
  @IdColumn()
  id: string;

  @RefColumn()
  activityId: string;

  @RefColumn()
  memberId: string;

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  @Column({ type: 'varchar', length: 16 })
  status: LeaveStatus;

  @TimeColumn()
  createdAt: Date;

  @TimeColumn({ nullable: true })
  decidedAt: Date | null;

  @RefColumn({ nullable: true })
  decidedBy: string | null;
}
