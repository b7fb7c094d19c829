/**
 * WeChat subscription reminders: queued in the outbox with what causes them, sent through the
 * WeChat client module, retried with backoff on WeChat's transient failures. A member who has
 * not bound WeChat, or who declined the subscription (43101), is skipped, not retried.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { toIsoLocal } from '@djzy/shared';
import { newId } from '../../core/ids';
import type { MemberDirectory } from '../member';
import { systemClock, type Clock } from '../../core/clock';
import type { Notification } from './notification.entity';
import { NotificationRepository } from './notification.repository';

export interface SubscribeSender {
  sendSubscribeMessage(input: {
    toUser: string;
    templateId: string;
    page?: string;
    data: Record<string, { value: string }>;
  }): Promise<void>;
}

/** Backoff after each failed attempt; after the last, the message is given up as failed. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000];

export interface ActivityNotice {
  activityId: string;
  title: string;
  startsAt: Date;
  location: string | null;
  orgName: string;
}

/** WeChat's subscription message fields are short: `thing` values at most 20 characters. */
const thing = (s: string) => (s.length > 20 ? `${s.slice(0, 19)}…` : s);
const time = (d: Date) => toIsoLocal(d).slice(0, 16).replace('T', ' ');

export class NotificationService {
  private readonly repo: NotificationRepository;

  constructor(
    ds: DataSource,
    private readonly members: MemberDirectory,
    private readonly wechat: SubscribeSender,
    private readonly templates: { activity: string; contact: string; task?: string },
    private readonly now: Clock = systemClock,
  ) {
    this.repo = new NotificationRepository(ds);
  }

  /**
   * Queues the announcement now and a reminder an hour before the start, for each member.
   * Runs inside the caller's transaction, so a publish and its messages land together.
   */
  async queueActivity(em: EntityManager, memberIds: string[], a: ActivityNotice): Promise<number> {
    if (!this.templates.activity || !memberIds.length) return 0;
    const data = {
      thing1: { value: thing(a.title) },
      time2: { value: time(a.startsAt) },
      thing3: { value: thing(a.location || '见活动详情') },
      thing4: { value: thing(a.orgName) },
    };
    const payload = JSON.stringify({ page: `pages/activity-detail/index?id=${a.activityId}`, data });
    const now = this.now();
    const remindAt = new Date(Math.max(now.getTime(), a.startsAt.getTime() - 3600_000));
    const rows: Notification[] = [];
    for (const memberId of memberIds) {
      const base = {
        memberId,
        template: 'activity',
        payload,
        status: 'pending' as const,
        attempts: 0,
        lastError: null,
        createdAt: now,
        sentAt: null,
      };
      rows.push({ ...base, id: newId(), dedupeKey: `publish:${a.activityId}:${memberId}`, nextAttemptAt: now });
      if (remindAt.getTime() > now.getTime() + 10 * 60_000)
        rows.push({ ...base, id: newId(), dedupeKey: `remind:${a.activityId}:${memberId}`, nextAttemptAt: remindAt });
    }
    await this.repo.insertIgnore(em, rows);
    return rows.length;
  }

  /** Queues one message per row (deduplicated by key) with the given template. */
  async queue(
    em: EntityManager,
    template: 'activity' | 'contact' | 'task',
    rows: { memberId: string; dedupeKey: string; page: string; data: Record<string, { value: string }>; at?: Date }[],
  ): Promise<number> {
    if (!this.templates[template] || !rows.length) return 0;
    const now = this.now();
    const list: Notification[] = rows.map((r) => ({
      id: newId(),
      memberId: r.memberId,
      template,
      dedupeKey: r.dedupeKey,
      payload: JSON.stringify({ page: r.page, data: r.data }),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: r.at ?? now,
      lastError: null,
      createdAt: now,
      sentAt: null,
    }));
    await this.repo.insertIgnore(em, list);
    return list.length;
  }

  /** Sends what is due; safe to run in several processes (each row is claimed before sending). */
  async flush(limit = 200): Promise<{ sent: number; retried: number; failed: number; skipped: number }> {
    const result = { sent: 0, retried: 0, failed: 0, skipped: 0 };
    const due = await this.repo.due(this.now(), limit);
    if (!due.length) return result;
    const openidOf = await this.members.openIdsOf(due.map((n) => n.memberId));
    for (const n of due) {
      if (!(await this.repo.claim(n.id))) continue;
      const openid = openidOf.get(n.memberId);
      if (!openid) {
        await this.finish(n.id, { status: 'skipped', lastError: '未绑定微信' });
        result.skipped++;
        continue;
      }
      const { page, data } = JSON.parse(n.payload) as { page: string; data: Record<string, { value: string }> };
      try {
        const templateId = this.templates[n.template as 'activity' | 'contact' | 'task'] || this.templates.activity;
        await this.wechat.sendSubscribeMessage({ toUser: openid, templateId, page, data });
        await this.finish(n.id, { status: 'sent', sentAt: this.now(), attempts: n.attempts + 1, lastError: null });
        result.sent++;
      } catch (e) {
        const errcode = (e as { errcode?: number }).errcode;
        const message = `${(e as { code?: string }).code ?? 'ERROR'}${errcode !== undefined ? ` ${errcode}` : ''}`;
        if (errcode === 43101 || errcode === 40003) {
          // The member declined this subscription (or the openid is no longer valid): not a failure to retry.
          await this.finish(n.id, { status: 'skipped', attempts: n.attempts + 1, lastError: message });
          result.skipped++;
        } else if (n.attempts < RETRY_DELAYS_MS.length) {
          await this.finish(n.id, {
            status: 'pending',
            attempts: n.attempts + 1,
            lastError: message,
            nextAttemptAt: new Date(this.now().getTime() + RETRY_DELAYS_MS[n.attempts]),
          });
          result.retried++;
        } else {
          await this.finish(n.id, { status: 'failed', attempts: n.attempts + 1, lastError: message });
          result.failed++;
        }
      }
    }
    return result;
  }

  private finish(id: string, patch: Partial<Notification>) {
    return this.repo.finish(id, patch);
  }
}
