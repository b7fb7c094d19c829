import { Column, Entity, Index } from 'typeorm';
import type { IncomingMemberStatus, IncomingStatus, TransferKind, TransferStatus } from '@djzy/shared';
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

  /** The day the 7-day expiry reminder was queued (once per letter: a conditional update decides). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  remindedOn: string | null;

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

/**
 * 组织关系转入 from an org outside the deployment: the letter as registered by the receiving branch
 * or township, with the member's details (the ID number encrypted as the roster keeps it); on
 * receipt a roster entry is made (`memberId`).
 */
@Entity('incoming_transfers')
@Index('idx_incoming_transfers_to', ['toOrgId'])
export class IncomingTransfer {
  @IdColumn()
  id: string;

  @RefColumn()
  toOrgId: string;

  @Column({ type: 'varchar', length: 24 })
  kind: TransferKind;

  @Column({ type: 'varchar', length: 100 })
  fromOrgName: string;

  @Column({ type: 'varchar', length: 64 })
  letterNo: string;

  @Column({ type: 'varchar', length: 10 })
  issuedOn: string;

  @Column({ type: 'varchar', length: 10 })
  validUntil: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'varchar', length: 255 })
  idCardEnc: string;

  @Column({ type: 'varchar', length: 64 })
  idCardHash: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  gender: 'male' | 'female' | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  birthDate: string | null;

  @Column({ type: 'varchar', length: 16 })
  memberStatus: IncomingMemberStatus;

  @Column({ type: 'varchar', length: 10 })
  joinedOn: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  fullOn: string | null;

  @Column({ type: 'varchar', length: 7 })
  duesPaidThrough: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  nationalSystemRef: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: IncomingStatus;

  @Column({ type: 'varchar', length: 10 })
  registeredOn: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  receivedOn: string | null;

  @RefColumn({ nullable: true })
  memberId: string | null;

  /** The ID number's blind index while the letter is open: one open letter per person (unique under races). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  @Index('uq_incoming_transfers_open', { unique: true })
  openIdCardHash: string | null;

  @RefColumn()
  createdBy: string;

  @TimeColumn()
  createdAt: Date;

  @TimeColumn()
  updatedAt: Date;
}
