import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimeColumn } from '../../core/columns';

/**
 * The server side of a bind ticket: a WeChat account that signed in but is not yet tied to a
 * roster entry. Kept in the database (not memory) so the failed-attempt limit holds across
 * API processes; the client only ever holds the random ticket id.
 */
@Entity('bind_tickets')
export class BindTicket {
  /** The blind-indexed hash of the ticket the client holds. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Index('idx_bind_tickets_openid')
  @Column({ type: 'varchar', length: 64 })
  openid: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  unionid: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  sessionKeyEnc: string | null;

  @Column({ type: 'int', default: 0 })
  failedAttempts: number;

  @TimeColumn()
  expiresAt: Date;

  @TimeColumn({ nullable: true })
  usedAt: Date | null;

  @TimeColumn()
  createdAt: Date;
}
