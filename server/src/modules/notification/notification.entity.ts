import { Column, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../core/columns';

/**
 * The outbox of WeChat subscription messages: written in the same transaction as what causes
 * them (publishing an activity), sent later by `NotificationService.flush`, retried with
 * backoff. `dedupeKey` makes each message exist once (`publish:<activity>:<member>`).
 */
@Entity('notifications')
@Index('uq_notifications_dedupe', ['dedupeKey'], { unique: true })
@Index('idx_notifications_due', ['status', 'nextAttemptAt'])
export class Notification {
  @IdColumn()
  id: string;

  @RefColumn()
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

  @TimeColumn()
  nextAttemptAt: Date;

  @Column({ type: 'varchar', length: 200, nullable: true })
  lastError: string | null;

  @TimeColumn()
  createdAt: Date;

  @TimeColumn({ nullable: true })
  sentAt: Date | null;
}
