import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The outbox of WeChat subscription messages: written in the same transaction as what causes
 * them (publishing an activity), sent later by `NotificationService.flush`, retried with
 * backoff. `dedupeKey` makes each message exist once (`publish:<activity>:<member>`).
 */
@Entity('notifications')
@Index('uq_notifications_dedupe', ['dedupeKey'], { unique: true })
@Index('idx_notifications_due', ['status', 'nextAttemptAt'])
export class Notification {
  @PrimaryColumn({ type: 'varchar', length: 24 })
  id: string;

  @Column({ type: 'varchar', length: 24 })
  memberId: string;

  @Column({ type: 'varchar', length: 32 })
  template: string;

  @Column({ type: 'varchar', length: 120 })
  dedupeKey: string;

  /** JSON: the subscription message's `data` and `page`. */
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'varchar', length: 16 })
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'datetime', precision: 3 })
  nextAttemptAt: Date;

  @Column({ type: 'varchar', length: 200, nullable: true })
  lastError: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  sentAt: Date | null;
}
