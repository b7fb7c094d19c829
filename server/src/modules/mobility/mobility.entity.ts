import { Column, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../core/columns';
import type { ContactMethod, MobilityStatus } from '@djzy/shared';

/**
 * The mobility record of a mobile member (流动党员) with their one contact cadre and the required
 * contact interval. The contact log and overdue logic come with the mobile-members capability.
 */
@Entity('member_mobility')
@Index('idx_member_mobility_cadre', ['contactCadreId'])
export class MemberMobility {
  @IdColumn()
  memberId: string;

  @Column({ type: 'varchar', length: 100 })
  destination: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  employer: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  leftAt: string | null;

  @Column({ type: 'varchar', length: 16, default: 'away' })
  status: MobilityStatus;

  @RefColumn({ nullable: true })
  contactCadreId: string | null;

  @Column({ type: 'int', default: 90 })
  intervalDays: number;

  @Column({ type: 'varchar', length: 10, nullable: true })
  expectedReturnAt: string | null;

  /** The last contact that counts for the cadre's duty (kept with each logged contact). */
  @TimeColumn({ nullable: true })
  lastContactAt: Date | null;

  @TimeColumn({ nullable: true })
  lastSelfReportAt: Date | null;

  /** When the branch registered the flow-out: until a first contact, the duty counts from here. */
  @TimeColumn({ nullable: true })
  registeredAt: Date | null;

  @TimeColumn()
  updatedAt: Date;
}

/** One contact with a mobile member: by their cadre (or an admin), or the member's own report. */
@Entity('contact_logs')
@Index('idx_contact_logs_member', ['memberId', 'contactedAt'])
@Index('idx_contact_logs_cadre', ['cadreId', 'contactedAt'])
@Index('uq_contact_logs_client_key', ['clientKey'], { unique: true })
export class ContactLog {
  @IdColumn()
  id: string;

  @RefColumn()
  memberId: string;

  /** The cadre who made the contact (null for a self-report or an admin's log without a cadre). */
  @RefColumn({ nullable: true })
  cadreId: string | null;

  /** Who wrote it down (member or user id). */
  @RefColumn()
  loggedBy: string;

  @Column({ type: 'varchar', length: 16 })
  method: ContactMethod;

  @TimeColumn()
  contactedAt: Date;

  @Column({ type: 'varchar', length: 500 })
  summary: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  needs: string | null;

  @Column({ type: 'boolean', default: false })
  followUpRequired: boolean;

  /** `<loggedBy>:<Idempotency-Key>` when the client sent one, so a retried log is not doubled. */
  @Column({ type: 'varchar', length: 140, nullable: true })
  clientKey: string | null;

  @TimeColumn()
  createdAt: Date;
}

/** The history of a mobile member: flowing out, updates, reassignments, returning. */
@Entity('mobility_events')
@Index('idx_mobility_events_member', ['memberId', 'at'])
export class MobilityEvent {
  @IdColumn()
  id: string;

  @RefColumn()
  memberId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: 'flow_out' | 'update' | 'reassign' | 'return';

  @Column({ type: 'text' })
  details: string;

  @RefColumn({ nullable: true })
  by: string | null;

  @TimeColumn()
  at: Date;
}

/** A township's own rules for its mobile members (defaults come from configuration). */
@Entity('mobility_settings')
export class MobilitySettings {
  @IdColumn()
  orgId: string;

  @Column({ type: 'int' })
  defaultIntervalDays: number;

  @Column({ type: 'int' })
  lostContactDays: number;

  @Column({ type: 'boolean', default: false })
  selfReportResets: boolean;

  @TimeColumn()
  updatedAt: Date;
}
