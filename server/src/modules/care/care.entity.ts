import { Column, Entity, Index } from 'typeorm';
import type { CareForm, CareFundSource, CareOccasion, HardshipStatus } from '@djzy/shared';
import { IdColumn, RefColumn, TimeColumn } from '../../core/columns';

/**
 * 慰问困难党员 (OVERSIGHT.md §5). The report module reads `care_visits` and `care_settings` for
 * figure #29: table and column names are a contract — do not rename. Dates are 'YYYY-MM-DD'
 * (Asia/Shanghai), amounts integer 分.
 */

/** A member in hardship, as assessed by the committee; reviewed yearly until resolved. */
@Entity('hardships')
@Index('idx_hardships_member', ['memberId'])
@Index('idx_hardships_org', ['orgId'])
export class Hardship {
  @IdColumn()
  id: string;

  @RefColumn()
  memberId: string;

  /** The member's org when assessed (the scope of who may read it). */
  @RefColumn()
  orgId: string;

  /** Reason codes, comma-separated (`HARDSHIP_REASONS`). */
  @Column({ type: 'varchar', length: 200 })
  reasons: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 10 })
  assessedOn: string;

  @RefColumn()
  assessedBy: string;

  @Column({ type: 'varchar', length: 50 })
  assessedByName: string;

  @Column({ type: 'varchar', length: 10 })
  reviewDue: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  lastReviewedOn: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: HardshipStatus;

  @Column({ type: 'varchar', length: 10, nullable: true })
  resolvedOn: string | null;

  /**
   * The member while the hardship is active, null once resolved: the unique index keeps one
   * active hardship per member, even under parallel requests.
   */
  @Column({ type: 'varchar', length: 24, nullable: true })
  @Index('uq_hardships_active_member', { unique: true })
  activeMemberId: string | null;

  @TimeColumn()
  createdAt: Date;

  @TimeColumn()
  updatedAt: Date;
}

/** One member visited on one day (a visit to several members is several rows sharing `batchId`). */
@Entity('care_visits')
@Index('idx_care_visits_member_org_on', ['memberOrgId', 'on'])
@Index('idx_care_visits_org_on', ['orgId', 'on'])
@Index('idx_care_visits_member', ['memberId'])
export class CareVisit {
  @IdColumn()
  id: string;

  @RefColumn()
  batchId: string;

  /** The org whose visit it is (a township or a branch). */
  @RefColumn()
  orgId: string;

  @RefColumn()
  memberId: string;

  /** The member's org on the day (the report counts members of its subtree). */
  @RefColumn()
  memberOrgId: string;

  @Column({ type: 'varchar', length: 10 })
  on: string;

  @Column({ type: 'varchar', length: 16 })
  occasion: CareOccasion;

  /** Who went, as typed (names). */
  @Column({ type: 'varchar', length: 200 })
  visitors: string;

  @Column({ type: 'varchar', length: 8 })
  form: CareForm;

  /** Cash given to this member, in 分 (null for goods only). */
  @Column({ type: 'int', nullable: true })
  amountCents: number | null;

  @Column({ type: 'varchar', length: 24 })
  fundSource: CareFundSource;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @RefColumn()
  createdBy: string;

  @TimeColumn()
  createdAt: Date;
}

/** The 七一 and 春节 windows of an org's subtree (the nearest org up the tree with a row applies). */
@Entity('care_settings')
export class CareSetting {
  /** The org (a township or the county): one row per org. */
  @IdColumn()
  orgId: string;

  @Column({ type: 'varchar', length: 5 })
  qiyiFrom: string;

  @Column({ type: 'varchar', length: 5 })
  qiyiTo: string;

  @Column({ type: 'int' })
  springFromLaYueDay: number;

  @Column({ type: 'int' })
  springToZhengYueDay: number;

  @RefColumn()
  updatedBy: string;

  @TimeColumn()
  updatedAt: Date;
}
