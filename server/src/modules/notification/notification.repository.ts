/**
 * Persistence of the subscription-message outbox: the notifications table, this module's alone.
 * Services ask these named queries; nothing else touches the table.
 */
import { LessThanOrEqual, type DataSource, type EntityManager } from 'typeorm';
import { insertIgnoreRows } from '../../core/sql';
import { Notification } from './notification.entity';

/** Rows per INSERT statement when queueing (keeps statements well below the drivers' parameter limits). */
const INSERT_CHUNK = 300;

export class NotificationRepository {
  constructor(private readonly ds: DataSource) {}

  /** Queues messages in the caller's transaction, skipping those whose dedupe key is already queued. */
  async insertIgnore(em: EntityManager, rows: Notification[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await insertIgnoreRows(em, Notification, rows.slice(i, i + INSERT_CHUNK));
  }

  /** Pending messages due by `at`, the longest waiting first. */
  async due(at: Date, limit: number): Promise<Notification[]> {
    return this.ds
      .getRepository(Notification)
      .find({ where: { status: 'pending', nextAttemptAt: LessThanOrEqual(at) }, order: { nextAttemptAt: 'ASC' }, take: limit });
  }

  /** Claims a pending message for sending; false when another worker claimed it first. */
  async claim(id: string): Promise<boolean> {
    const res = await this.ds.transaction((em) => em.update(Notification, { id, status: 'pending' }, { status: 'sending' }));
    return !!res.affected;
  }

  /** Records how a sending attempt ended. */
  async finish(id: string, patch: Partial<Notification>): Promise<void> {
    await this.ds.transaction((em) => em.update(Notification, { id }, patch));
  }
}
