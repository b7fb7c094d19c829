import { Column, Entity, Index } from 'typeorm';
import type { DisclosureAudience, DisclosureCadence, DisclosureKind, DisclosureStatus } from '@djzy/shared';
import { IdColumn, RefColumn, TimeColumn } from '../../core/columns';

/**
 * 三务公开: one disclosure of a village branch (`orgId`), its signatures (经办 → 监督小组 →
 * 农经站 → 审批) and its place in a chain of corrections (`supersedesId`, unique: one correction
 * per published version). Rows are `disclosure_rows`.
 */
@Entity('disclosures')
@Index('idx_disclosures_org_status', ['orgId', 'status', 'periodTo'])
@Index('uq_disclosures_supersedes', ['supersedesId'], { unique: true })
export class Disclosure {
  @IdColumn()
  id: string;

  @RefColumn()
  orgId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: DisclosureKind;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 10 })
  periodFrom: string;

  @Column({ type: 'varchar', length: 10 })
  periodTo: string;

  @Column({ type: 'text', nullable: true })
  body: string | null;

  @Column({ type: 'varchar', length: 16 })
  audience: DisclosureAudience;

  @Column({ type: 'varchar', length: 16 })
  status: DisclosureStatus;

  @Column({ type: 'int', default: 1 })
  version: number;

  @RefColumn({ nullable: true })
  supersedesId: string | null;

  @RefColumn({ nullable: true })
  supersededById: string | null;

  @RefColumn()
  preparedBy: string;

  @Column({ type: 'varchar', length: 50 })
  preparedByName: string;

  @TimeColumn()
  preparedAt: Date;

  @RefColumn({ nullable: true })
  reviewedBy: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  reviewedByName: string | null;

  @TimeColumn({ nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reviewNote: string | null;

  @RefColumn({ nullable: true })
  financeCheckedBy: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  financeCheckedByName: string | null;

  @TimeColumn({ nullable: true })
  financeCheckedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  financeCheckNote: string | null;

  @RefColumn({ nullable: true })
  approvedBy: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  approvedByName: string | null;

  @TimeColumn({ nullable: true })
  approvedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  approveNote: string | null;

  @TimeColumn({ nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  returnReason: string | null;

  @TimeColumn()
  updatedAt: Date;
}

/**
 * A row of a disclosure: finance (day, item, income, expense, voucher) or subsidy (beneficiary,
 * masked; item; amount; paid on = `day`). Amounts in 分.
 */
@Entity('disclosure_rows')
@Index('idx_disclosure_rows_disclosure', ['disclosureId', 'seq'])
export class DisclosureRow {
  @IdColumn()
  id: string;

  @RefColumn()
  disclosureId: string;

  @Column({ type: 'int' })
  seq: number;

  /** YYYY-MM-DD: the entry's date (finance) or the day paid (subsidy). */
  @Column({ type: 'varchar', length: 10 })
  day: string;

  @Column({ type: 'varchar', length: 200 })
  item: string;

  @Column({ type: 'int', nullable: true })
  incomeCents: number | null;

  @Column({ type: 'int', nullable: true })
  expenseCents: number | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  voucherNo: string | null;

  /** Masked on input (张*明): the full name is never stored. */
  @Column({ type: 'varchar', length: 50, nullable: true })
  beneficiary: string | null;

  @Column({ type: 'int', nullable: true })
  amountCents: number | null;
}

/**
 * When a village's next disclosure of a kind is due. `flaggedDueOn` is the due date a supervision
 * problem was raised for (the conditional update on it makes the overdue check idempotent).
 */
@Entity('disclosure_schedules')
@Index('uq_disclosure_schedules_org_kind', ['orgId', 'kind'], { unique: true })
export class DisclosureSchedule {
  @IdColumn()
  id: string;

  @RefColumn()
  orgId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: DisclosureKind;

  @Column({ type: 'varchar', length: 16 })
  cadence: DisclosureCadence;

  @Column({ type: 'boolean', default: false })
  lowActivity: boolean;

  @Column({ type: 'varchar', length: 10, nullable: true })
  nextDueOn: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  flaggedDueOn: string | null;

  @RefColumn({ nullable: true })
  problemId: string | null;

  @TimeColumn()
  updatedAt: Date;
}

/** A file attached to a disclosure (a scanned 公开表, a PDF); the bytes are in the Storage. */
@Entity('disclosure_attachments')
@Index('idx_disclosure_attachments_disclosure', ['disclosureId'])
export class DisclosureAttachment {
  @IdColumn()
  id: string;

  @RefColumn()
  disclosureId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 50 })
  contentType: string;

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'varchar', length: 200 })
  storageKey: string;

  @TimeColumn()
  createdAt: Date;
}
