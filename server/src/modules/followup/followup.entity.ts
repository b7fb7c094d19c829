import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../core/columns';
import type { OrgLifeCycle, OrgLifeKind } from '@djzy/shared';

/** 限期整改通知书: issued once per member and triggering absence (unique `triggerKey`). */
@Entity('rectification_notices')
@Index('uq_rectification_trigger', ['triggerKey'], { unique: true })
@Index('idx_rectification_org', ['orgId', 'status'])
@Index('idx_rectification_member', ['memberId'])
export class RectificationNotice {
  @IdColumn()
  id: string;

  @RefColumn()
  memberId: string;

  /** The member's branch. */
  @RefColumn()
  orgId: string;

  @Column({ type: 'varchar', length: 80 })
  triggerKey: string;

  /** JSON: the missed activities `[{ activityId, title, startsAt }]`. */
  @Column({ type: 'text' })
  missed: string;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'varchar', length: 10 })
  deadline: string;

  @Column({ type: 'varchar', length: 16 })
  status: 'open' | 'resolved';

  @TimeColumn()
  createdAt: Date;

  @TimeColumn({ nullable: true })
  resolvedAt: Date | null;

  @RefColumn({ nullable: true })
  resolvedBy: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  resolution: string | null;
}

/** A branch's own required frequency for an org-life kind, overriding the default plan. */
@Entity('org_life_plans')
export class OrgLifePlan {
  @IdColumn()
  orgId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  kind: OrgLifeKind;

  @Column({ type: 'varchar', length: 8 })
  cycle: OrgLifeCycle;

  @TimeColumn()
  updatedAt: Date;
}
