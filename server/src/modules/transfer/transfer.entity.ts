import { Column, Entity, Index } from 'typeorm';
import type { TransferKind, TransferStatus } from '@djzy/shared';
import { IdColumn, RefColumn, TimeColumn } from '../../core/columns';

/** 组织关系转接: one transfer out of a branch, mirrored from the national system. */
@Entity('membership_transfers')
@Index('idx_membership_transfers_from', ['fromOrgId'])
@Index('idx_membership_transfers_to', ['toOrgId'])
@Index('idx_membership_transfers_member', ['memberId'])
export class MembershipTransfer {
  @IdColumn()
  id: string;

  @RefColumn()
  memberId: string;

  /** The member's org when requested (the sending org stays responsible until receipt). */
  @RefColumn()
  fromOrgId: string;

  @Column({ type: 'varchar', length: 24 })
  kind: TransferKind;

  @RefColumn({ nullable: true })
  toOrgId: string | null;

  /** The receiving org's name (of this deployment, or as written on the letter). */
  @Column({ type: 'varchar', length: 100 })
  toOrgName: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: TransferStatus;

  @Column({ type: 'varchar', length: 10 })
  requestedOn: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  approvedOn: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  issuedOn: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  validUntil: string | null;

  @Column({ type: 'varchar', length: 7, nullable: true })
  duesPaidThrough: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  nationalSystemRef: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  receivedOn: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  /** The member while the transfer is open: one open transfer per member (unique under races). */
  @Column({ type: 'varchar', length: 24, nullable: true })
  @Index('uq_membership_transfers_open', { unique: true })
  openMemberId: string | null;

  @RefColumn()
  createdBy: string;

  @TimeColumn()
  createdAt: Date;

  @TimeColumn()
  updatedAt: Date;
}
