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

  @TimeColumn()
  createdAt: Date;

  @TimeColumn()
  updatedAt: Date;
}
