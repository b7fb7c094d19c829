import { Column, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../core/columns';

/** Who did what to whom, for acts that must be traceable (revealing personal data, edits, sign-ins). */
@Entity('audit_logs')
@Index('idx_audit_logs_target', ['targetType', 'targetId'])
@Index('idx_audit_logs_actor', ['actorId', 'createdAt'])
export class AuditLog {
  @IdColumn()
  id: string;

  /** `user` or `member` (or `system`). */
  @Column({ type: 'varchar', length: 16 })
  actorKind: string;

  @RefColumn({ nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  targetType: string | null;

  @RefColumn({ nullable: true })
  targetId: string | null;

  /** JSON, never containing a phone, an ID number or a token. */
  @Column({ type: 'text', nullable: true })
  details: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Index('idx_audit_logs_created')
  @TimeColumn()
  createdAt: Date;
}
