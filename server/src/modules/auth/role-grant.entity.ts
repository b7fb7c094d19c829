import { Column, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../core/columns';
import type { Role } from '@djzy/shared';

/**
 * A role held on an org, valid for the org's whole subtree. Held by a member or a console user.
 * Grants are ended (with a reason such as `replaced`), never deleted: the yearly report counts
 * secretaries replaced.
 */
@Entity('role_grants')
@Index('idx_role_grants_member', ['memberId'])
@Index('idx_role_grants_user', ['userId'])
@Index('idx_role_grants_org', ['orgId', 'role'])
export class RoleGrant {
  @IdColumn()
  id: string;

  @RefColumn({ nullable: true })
  memberId: string | null;

  @RefColumn({ nullable: true })
  userId: string | null;

  @Column({ type: 'varchar', length: 32 })
  role: Role;

  @RefColumn()
  orgId: string;

  @TimeColumn()
  grantedAt: Date;

  @TimeColumn({ nullable: true })
  endedAt: Date | null;

  /** `replaced` (调整), `resigned` (辞职) or `other` (shared GRANT_END_REASONS). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  endReason: string | null;

  /** What the person ending it wrote (optional). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  endNote: string | null;
}
