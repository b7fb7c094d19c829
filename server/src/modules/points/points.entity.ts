import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../core/columns';

/** A configurable rule: how many points, capped per day and per year (caps in points, absolute). */
@Entity('points_rules')
export class PointsRule {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'int' })
  points: number;

  @Column({ type: 'int', nullable: true })
  dailyCap: number | null;

  @Column({ type: 'int', nullable: true })
  yearlyCap: number | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @TimeColumn()
  updatedAt: Date;
}

/**
 * The ledger: append-only. Every entry names its rule and its source, and carries a unique
 * idempotency key so the same award can never land twice. A correction is a new entry that
 * points at the one it reverses (`reversalOf`, unique: an entry is reversed at most once).
 */
@Entity('points_entries')
@Index('uq_points_entries_key', ['idempotencyKey'], { unique: true })
@Index('uq_points_entries_reversal', ['reversalOf'], { unique: true })
@Index('idx_points_entries_member', ['memberId', 'effectiveDate'])
@Index('idx_points_entries_source', ['sourceType', 'sourceId'])
export class PointsEntry {
  @IdColumn()
  id: string;

  @RefColumn()
  memberId: string;

  @Column({ type: 'varchar', length: 32 })
  ruleCode: string;

  @Column({ type: 'int' })
  delta: number;

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  @Column({ type: 'varchar', length: 32 })
  sourceType: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  sourceId: string | null;

  @Column({ type: 'varchar', length: 160 })
  idempotencyKey: string;

  @RefColumn({ nullable: true })
  reversalOf: string | null;

  /** The township-local day the points count for; periods derive from it. */
  @Column({ type: 'varchar', length: 10 })
  effectiveDate: string;

  /** Who caused the entry (a user or member id), null for the system. */
  @RefColumn({ nullable: true })
  createdBy: string | null;

  @TimeColumn()
  createdAt: Date;
}

/**
 * Balances per member and period (`2026`, `2026-Q4`, `2026-11`), updated in the same transaction
 * as each entry; `npm run points:verify` recomputes them from the ledger. The primary key leads
 * with the period, so one period's rows lie together: a ranking reads the year's rows (a few MB
 * on 100,000 members), not pages shared with every quarter and month (issue #19).
 */
@Entity('points_balances')
@Index('idx_points_balances_period', ['period', 'points'])
export class PointsBalance {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  period: string;

  @IdColumn()
  memberId: string;

  @Column({ type: 'int', default: 0 })
  points: number;
}

/** How much of a rule's cap a member has used in a day (`D2026-11-27`) or a year (`Y2026`). */
@Entity('points_rule_usage')
export class PointsRuleUsage {
  @IdColumn()
  memberId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  ruleCode: string;

  @PrimaryColumn({ type: 'varchar', length: 12 })
  periodKey: string;

  @Column({ type: 'int', default: 0 })
  used: number;
}

/** Per-branch display settings for points. Personal rankings are off unless an admin turns them on. */
@Entity('points_settings')
export class PointsSettings {
  @IdColumn()
  orgId: string;

  @Column({ type: 'boolean', default: false })
  showMemberRanking: boolean;

  @TimeColumn()
  updatedAt: Date;
}

/** 评比通报: a notice about an org's rankings for a period, with the figures it was made from. */
@Entity('points_notices')
@Index('idx_points_notices_org', ['orgId', 'status'])
export class PointsNotice {
  @IdColumn()
  id: string;

  @RefColumn()
  orgId: string;

  @Column({ type: 'varchar', length: 8 })
  period: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 16 })
  status: 'draft' | 'published';

  /** JSON: `{ top, bottom, branches }` as they were when the notice was generated. */
  @Column({ type: 'text' })
  snapshot: string;

  @RefColumn({ nullable: true })
  createdBy: string | null;

  @TimeColumn()
  createdAt: Date;

  @TimeColumn({ nullable: true })
  publishedAt: Date | null;
}
