/**
 * Group commit for check-ins. A whole township checks in within minutes: written one by one,
 * every check-in pays its own transaction (a dozen round trips and a commit). Here the check-ins
 * that arrive while a write is under way wait for the next one and are written together — one
 * transaction and a fixed number of statements per batch, whatever its size — so the database
 * work per check-in falls as the burst grows, and at a quiet moment a check-in is written at once.
 *
 * The same guarantees as one by one: one check-in per member and activity (the unique index; a
 * batch inserts with IGNORE and reads back which rows are its own), points exactly once in the
 * same transaction, caps counted in order. A batch that fails for a reason other than a lock
 * conflict (which is retried) is written again one by one, so one bad check-in fails alone.
 */
import type { DataSource } from 'typeorm';
import { ACTIVITY_KIND_LABELS, type CheckinMethod } from '@djzy/shared';
import { newId } from '../../core/ids';
import { transactionWithRetry } from '../../core/sql';
import type { Activity } from '../activity';
import { awardMany, ruleForKind, type AwardInput } from '../points';
import type { CheckIn } from './checkin.entity';
import type { CheckinRepository } from './checkin.repository';

/** The award a check-in earns: once per member and activity (the key), in the ledger. */
export function checkinAward(
  activity: Pick<Activity, 'id' | 'kind' | 'title'>,
  memberId: string,
  at: Date,
  actorId: string | null,
): AwardInput {
  return {
    memberId,
    ruleCode: ruleForKind(activity.kind),
    sourceType: 'activity',
    sourceId: activity.id,
    key: `checkin:${activity.id}:${memberId}`,
    reason: `参加${ACTIVITY_KIND_LABELS[activity.kind]}：${activity.title}`.slice(0, 200),
    at,
    actorId,
  };
}

export interface PendingCheckIn {
  member: { id: string; name: string };
  activity: Activity;
  method: CheckinMethod;
  distanceM: number | null;
  ipTag: string | null;
  slot: string;
  flagged: boolean;
  recordedBy: string;
  at: Date;
  /** Whether it earns the kind's points (a Party member the activity expects; not 列席, not a non-member). */
  earnsPoints: boolean;
}
/** What the writer did: the member's check-in (new or the first one) and the points it earned now. */
export interface CheckInOutcome {
  created: boolean;
  checkIn: CheckIn;
  /** The name the check-in is presented with. */
  memberName: string;
  pointsAwarded: number;
}

interface Waiter {
  resolve: (o: CheckInOutcome) => void;
  reject: (e: unknown) => void;
}
interface Queued {
  item: PendingCheckIn;
  /** The first asked; the others are the same member asking again before it was written. */
  waiters: Waiter[];
}

export class CheckinWriter {
  private pending = new Map<string, Queued>();
  private inFlight = 0;
  private scheduled = false;
  /** Transactions written, check-ins in them and batches read back (tests and benchmarks read these). */
  readonly stats = { batches: 0, items: 0, readBacks: 0 };

  constructor(
    private readonly ds: DataSource,
    private readonly repo: CheckinRepository,
    private readonly opts: { maxBatch: number; maxInFlight: number } = { maxBatch: 64, maxInFlight: 2 },
  ) {}

  /** Resolves once nothing is waiting or being written (graceful shutdown waits for this). */
  async drain(): Promise<void> {
    while (this.pending.size || this.inFlight || this.scheduled) await new Promise((r) => setTimeout(r, 10));
  }

  submit(item: PendingCheckIn): Promise<CheckInOutcome> {
    return new Promise((resolve, reject) => {
      const key = `${item.activity.id}|${item.member.id}`;
      const queued = this.pending.get(key);
      if (queued) queued.waiters.push({ resolve, reject });
      else this.pending.set(key, { item, waiters: [{ resolve, reject }] });
      this.schedule();
    });
  }

  /** On the next turn of the event loop, so requests that arrived together go together. */
  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump() {
    while (this.inFlight < this.opts.maxInFlight && this.pending.size) {
      const batch: Queued[] = [];
      for (const [key, q] of this.pending) {
        batch.push(q);
        this.pending.delete(key);
        if (batch.length >= this.opts.maxBatch) break;
      }
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        if (this.pending.size) this.schedule();
      });
    }
  }

  private async run(batch: Queued[]) {
    let outcomes: CheckInOutcome[];
    try {
      outcomes = await this.write(batch.map((q) => q.item));
    } catch (e) {
      if (batch.length === 1) {
        for (const w of batch[0].waiters) w.reject(e);
        return;
      }
      // Something in the batch is wrong: each on its own, so only that one fails.
      await Promise.all(batch.map((q) => this.run([q])));
      return;
    }
    batch.forEach((q, i) => {
      const o = outcomes[i];
      q.waiters.forEach((w, j) => w.resolve(j === 0 ? o : { ...o, created: false, pointsAwarded: 0 }));
    });
  }

  /** One transaction: insert the batch (skipping members already in), then award those inserted. */
  private write(items: PendingCheckIn[]): Promise<CheckInOutcome[]> {
    this.stats.batches++;
    this.stats.items += items.length;
    return transactionWithRetry(this.ds, async (em) => {
      const rows: CheckIn[] = items.map((it) => ({
        id: newId(),
        activityId: it.activity.id,
        memberId: it.member.id,
        method: it.method,
        checkedInAt: it.at,
        distanceM: it.distanceM,
        ipTag: it.ipTag,
        slot: it.slot,
        flagged: it.flagged,
        recordedBy: it.recordedBy,
      }));
      const inserted = await this.repo.insertIgnore(em, rows);
      // Every row went in (the usual case in a burst: the batch holds each member and activity
      // once): they are the stored ones, no read-back. Else read back which ones are ours.
      let stored: CheckIn[] = rows;
      if (inserted !== rows.length) {
        this.stats.readBacks++;
        const byActivity = new Map<string, string[]>();
        for (const r of rows) byActivity.set(r.activityId, [...(byActivity.get(r.activityId) ?? []), r.memberId]);
        stored = await this.repo.findFor(em, byActivity);
      }
      const storedByKey = new Map(stored.map((c) => [`${c.activityId}|${c.memberId}`, c]));
      const mine = rows.map((r) => storedByKey.get(`${r.activityId}|${r.memberId}`)?.id === r.id);
      const earning = items.map((it, i) => mine[i] && it.earnsPoints);
      const awarded = await awardMany(
        em,
        items
          .filter((_, i) => earning[i])
          // Fresh: the check-in row was inserted just now, so no entry can exist under its key.
          .map((it) => ({ ...checkinAward(it.activity, it.member.id, it.at, it.recordedBy), fresh: true })),
      );
      let k = 0;
      return items.map((it, i) => {
        const row = storedByKey.get(`${it.activity.id}|${it.member.id}`);
        if (!row) throw new Error(`check-in of ${it.member.id} neither inserted nor found`);
        const points = earning[i] ? awarded[k++].awarded : 0;
        return { created: mine[i], checkIn: row, memberName: it.member.name, pointsAwarded: points };
      });
    });
  }
}
