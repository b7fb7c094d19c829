import { Column, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../core/columns';
import type { Gender, MemberStatus } from '@djzy/shared';

/**
 * A roster entry. The ID number and phone are stored only encrypted (`*Enc`), with a keyed
 * blind index (`*Hash`) for exact lookups and uniqueness; nothing personal is stored in clear
 * except the name, which the roster is searched by.
 */
@Entity('members')
@Index('uq_members_id_card', ['idCardHash'], { unique: true })
@Index('idx_members_org', ['orgId'])
@Index('idx_members_name', ['name'])
@Index('idx_members_phone', ['phoneHash'])
export class Member {
  @IdColumn()
  id: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  gender: Gender | null;

  @RefColumn()
  orgId: string;

  @Column({ type: 'varchar', length: 16 })
  status: MemberStatus;

  @Column({ type: 'varchar', length: 255 })
  idCardEnc: string;

  @Column({ type: 'varchar', length: 64 })
  idCardHash: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  phoneEnc: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  phoneHash: string | null;

  /** YYYY-MM-DD, derived from the ID number. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  birthDate: string | null;

  /** Date of joining the Party, YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  joinedAt: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  education: string | null;

  @Column({ type: 'boolean', default: false })
  isMobile: boolean;

  /**
   * 组织关系转接 (set by the transfer module through MemberDirectory): `in_transit` while a letter
   * is issued and not received (在途), `transferred_out` once received by an org outside the
   * deployment; with `transferSince`, the day of issue. From that day on the member is in no
   * org's attendance base (activity.access.ts).
   */
  @Column({ type: 'varchar', length: 16, nullable: true })
  transferState: 'in_transit' | 'transferred_out' | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  transferSince: string | null;

  /** The day the member was received into their current org by a transfer (counts there from then on); null: always. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  orgSince: string | null;

  @TimeColumn()
  createdAt: Date;

  @TimeColumn()
  updatedAt: Date;
}
