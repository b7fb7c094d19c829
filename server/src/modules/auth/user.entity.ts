import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A console account (township or county staff, or a branch secretary who uses the console). */
@Entity('users')
export class User {
  @PrimaryColumn({ type: 'varchar', length: 24 })
  id: string;

  @Index('uq_users_username', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  /** The roster member this account belongs to, when the user is also a member. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  memberId: string | null;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;
}
