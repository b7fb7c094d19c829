import { Column, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../core/columns';

/** A console account (township or county staff, or a branch secretary who uses the console). */
@Entity('users')
export class User {
  @IdColumn()
  id: string;

  @Index('uq_users_username', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  /** The roster member this account belongs to, when the user is also a member. */
  @RefColumn({ nullable: true })
  memberId: string | null;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  @TimeColumn()
  createdAt: Date;
}
