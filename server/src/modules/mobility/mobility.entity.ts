import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MobilityStatus } from '@djzy/shared';

/**
 * The mobility record of a mobile member (流动党员) with their one contact cadre and the required
 * contact interval. The contact log and overdue logic come with the mobile-members capability.
 */
@Entity('member_mobility')
@Index('idx_member_mobility_cadre', ['contactCadreId'])
export class MemberMobility {
  @PrimaryColumn({ type: 'varchar', length: 24 })
  memberId: string;

  @Column({ type: 'varchar', length: 100 })
  destination: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  employer: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  leftAt: string | null;

  @Column({ type: 'varchar', length: 16, default: 'away' })
  status: MobilityStatus;

  @Column({ type: 'varchar', length: 24, nullable: true })
  contactCadreId: string | null;

  @Column({ type: 'int', default: 90 })
  intervalDays: number;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
