import { Column, Entity, Index } from 'typeorm';
import type { DuesCategory, DuesMethod } from '@djzy/shared';
import { IdColumn, RefColumn, TimeColumn } from '../../core/columns';

/** 党费: what each member owes a month in a year, set once by the branch at the start of the year. */
@Entity('dues_bases')
@Index('uq_dues_bases_member_year', ['memberId', 'year'], { unique: true })
@Index('idx_dues_bases_org_year', ['orgId', 'year'])
export class DuesBase {
  @IdColumn()
  id: string;

  @RefColumn()
  memberId: string;

  /** The member's org when set (scope). */
  @RefColumn()
  orgId: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 16 })
  category: DuesCategory;

  @Column({ type: 'int', nullable: true })
  baseCents: number | null;

  @Column({ type: 'int', nullable: true })
  rateBp: number | null;

  @Column({ type: 'int' })
  monthlyCents: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  overrideReason: string | null;

  @RefColumn()
  setBy: string;

  @TimeColumn()
  setAt: Date;
}

/** One payment, covering one or more months (`dues_months` keeps each month once per member). */
@Entity('dues_payments')
@Index('idx_dues_payments_member', ['memberId'])
@Index('idx_dues_payments_org_paid', ['orgId', 'paidOn'])
export class DuesPayment {
  @IdColumn()
  id: string;

  @RefColumn()
  memberId: string;

  @RefColumn()
  orgId: string;

  /** 'YYYY-MM', comma-separated, in order. */
  @Column({ type: 'varchar', length: 200 })
  months: string;

  @Column({ type: 'int' })
  amountCents: number;

  @Column({ type: 'varchar', length: 8 })
  method: DuesMethod;

  @Column({ type: 'varchar', length: 50, nullable: true })
  proxyName: string | null;

  @Column({ type: 'varchar', length: 10 })
  paidOn: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  externalTxnId: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  receiptNo: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @RefColumn()
  collectedBy: string;

  @TimeColumn()
  createdAt: Date;
}

/** A month paid by a member: the unique key makes "no month paid twice" hold under parallel requests. */
@Entity('dues_months')
@Index('uq_dues_months_member_month', ['memberId', 'month'], { unique: true })
@Index('idx_dues_months_payment', ['paymentId'])
export class DuesMonth {
  @IdColumn()
  id: string;

  @RefColumn()
  memberId: string;

  @Column({ type: 'varchar', length: 7 })
  month: string;

  @RefColumn()
  paymentId: string;
}

/**
 * 党费收缴情况公开: the year's summary a branch published to its members — a snapshot taken when
 * published (names, months paid, amounts; never an ID number or a phone). Published again, it is
 * replaced: one per branch and year.
 */
@Entity('dues_disclosures')
@Index('uq_dues_disclosures_org_year', ['orgId', 'year'], { unique: true })
export class DuesDisclosure {
  @IdColumn()
  id: string;

  @RefColumn()
  orgId: string;

  @Column({ type: 'int' })
  year: number;

  /** JSON: DuesDisclosureRow[]. */
  @Column({ type: 'text' })
  rows: string;

  @Column({ type: 'int' })
  totalCents: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 10 })
  publishedOn: string;

  @RefColumn()
  publishedBy: string;

  @Column({ type: 'varchar', length: 50 })
  publishedByName: string;

  @TimeColumn()
  createdAt: Date;

  @TimeColumn()
  updatedAt: Date;
}
