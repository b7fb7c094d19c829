/**
 * Check-in (签到): the rotating QR token, when and how a member may check in (window, token,
 * location, remote, online study), the organiser's roster check-in, and online study counted as
 * attendance. Every check-in is written by the group-commit writer — one per member and activity,
 * its points in the same transaction — and presented by checkin.presenter.
 */
import { createHmac } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  CHECKIN_OPENS_BEFORE_MS,
  CHECKIN_SAME_IP_FLAG,
  CHECKIN_SCENE_PAGE,
  SHORT_CODE_MAX_WRONG,
  SHORT_CODE_PAUSE_MS,
  parseCheckinScene,
  QR_PREFIX,
  ROSTER_CHECKIN_AFTER_END_MS,
  distanceMeters,
  toIsoLocal,
  type BatchRosterCheckInResponse,
  type CheckInRequest,
  type CheckInResponse,
  type CheckinCodeResponse,
  type CheckinMethod,
} from '@djzy/shared';
import { systemClock, type Clock } from '../../core/clock';
import { AppError, fieldError } from '../../core/errors';
import type { RateLimiter } from '../../core/rate-limit';
import type { Principal } from '../../core/principal';
import { isMysqlManager } from '../../core/sql';
import { earnsAttendancePoints, type Activity, type ActivityAccess, type Audience, type LoadedActivity } from '../activity';
import { writeAudit, type AuditContext } from '../audit';
import type { MemberDirectory } from '../member';
import type { StudyProgress, StudyService } from '../study';
import type { CheckinTokens } from './checkin-token';
import { CheckinWriter, type CheckInOutcome } from './checkin-writer';
import { presentCheckIn, presentOutcome } from './checkin.presenter';
import { CheckinRepository } from './checkin.repository';

/** Draws a 小程序码 (WeChat's getwxacodeunlimit, through the one WeChat client). */
export interface QrCodeDrawer {
  getUnlimitedQrCode(input: { scene: string; page: string; width?: number }): Promise<{ contentType: string; data: Buffer }>;
}

/** How long an activity is kept in memory for a check-in burst. */
const HOT_ACTIVITY_MS = 5000;

export class CheckinService {
  private readonly ipKey: Buffer;
  private readonly repo: CheckinRepository;
  /** Writes check-ins in batches (group commit); exposed for tests. */
  readonly writer: CheckinWriter;

  constructor(
    private readonly ds: DataSource,
    private readonly access: ActivityAccess,
    private readonly members: MemberDirectory,
    private readonly progress: StudyProgress,
    study: StudyService,
    private readonly tokens: CheckinTokens,
    secret: string,
    private readonly limiter: RateLimiter,
    private readonly qr: QrCodeDrawer,
    private readonly now: Clock = systemClock,
  ) {
    this.repo = new CheckinRepository(ds);
    this.ipKey = createHmac('sha256', secret).update('djzy:ip-tag:v1').digest();
    // SQLite has one connection and runs one transaction at a time: one batch in flight is all
    // it can use, and the others gather behind it. MySQL overlaps two.
    this.writer = new CheckinWriter(ds, this.repo, { maxBatch: 64, maxInFlight: isMysqlManager(ds) ? 2 : 1 });
    // 网络式学习: finishing the last linked material is attendance.
    study.onCompletion((memberId, materialId) => this.attendOnline(memberId, materialId));
  }

  // ── caches of the burst path ─────────────────────────────────────────────────────────────

  /**
   * The activity for a check-in (with whom it is for), kept for a few seconds: a whole township
   * checking in at once reads it once, not a thousand times — also at the first moment, when
   * every request arrives before any answer: they share the one load in flight. `forget` drops
   * it when the activity changes here; another API process sees a change within the same few
   * seconds. A load that fails is not kept.
   */
  private readonly hot = new Map<string, { a: Promise<LoadedActivity & { audience: Audience }>; until: number }>();
  private loadForCheckin(id: string): Promise<LoadedActivity & { audience: Audience }> {
    const now = this.now().getTime();
    const hit = this.hot.get(id);
    if (hit && hit.until > now) return hit.a;
    const a = this.access.load(id).then(async (loaded) => ({ ...loaded, audience: await this.access.audience(loaded) }));
    if (this.hot.size > 5000) this.hot.clear();
    const entry = { a, until: now + HOT_ACTIVITY_MS };
    this.hot.set(id, entry);
    a.catch(() => {
      if (this.hot.get(id) === entry) this.hot.delete(id);
    });
    return a;
  }

  /** Drops a cached activity (it was published, cancelled or changed). */
  forget(activityId: string): void {
    this.hot.delete(activityId);
  }

  /**
   * Check-ins from one address in one slot, counted in this process (a heuristic that only
   * flags, so a per-process count is enough and costs no query in a burst).
   */
  private readonly perAddress = new Map<string, number>();
  private countFromAddress(activityId: string, slot: number, ipTag: string): number {
    const key = `${activityId}|${slot}|${ipTag}`;
    const n = (this.perAddress.get(key) ?? 0) + 1;
    if (this.perAddress.size > 50_000) this.perAddress.clear();
    this.perAddress.set(key, n);
    return n;
  }

  private readonly ipTags = new Map<string, string>();
  private ipTag(ip: string | undefined): string | null {
    if (!ip) return null;
    let tag = this.ipTags.get(ip);
    if (!tag) {
      tag = createHmac('sha256', this.ipKey).update(ip).digest('hex').slice(0, 16);
      if (this.ipTags.size > 10_000) this.ipTags.clear();
      this.ipTags.set(ip, tag);
    }
    return tag;
  }

  // ── the QR code ──────────────────────────────────────────────────────────────────────────

  /** `GET /activities/:id/checkin-code`: the rotating token for the QR code on the wall. */
  async checkinCode(p: Principal, id: string): Promise<CheckinCodeResponse> {
    const { activity } = await this.access.loadManaged(p, id);
    if (activity.status !== 'published') throw new AppError('CHECKIN_NOT_OPEN');
    if (!activity.checkinModes.split(',').includes('qr'))
      throw new AppError('CHECKIN_MODE_NOT_ALLOWED', { mode: 'qr' }, '本活动未开启扫码签到');
    const at = this.now();
    const { token, expiresAt } = this.tokens.issue(activity.id, at);
    const shortCode = this.tokens.shortCode(activity.id, at);
    return {
      token,
      expiresAt: toIsoLocal(expiresAt),
      qrText: `${QR_PREFIX}${activity.id}:${token}`,
      shortCode,
      scene: `${activity.id}.${shortCode}`,
    };
  }

  /**
   * `GET /activities/:id/checkin-qr.png`: the 小程序码 for the projector — scanned with WeChat's
   * own 扫一扫 it opens the check-in page of the mini-program with the current code in its scene.
   * Drawn by WeChat once per slot and activity, then kept for the slot.
   */
  private readonly drawn = new Map<string, { contentType: string; data: Buffer }>();
  async checkinQrImage(p: Principal, id: string): Promise<{ contentType: string; data: Buffer }> {
    const code = await this.checkinCode(p, id);
    const key = code.scene;
    const hit = this.drawn.get(key);
    if (hit) return hit;
    const image = await this.qr.getUnlimitedQrCode({ scene: code.scene, page: CHECKIN_SCENE_PAGE, width: 430 });
    if (this.drawn.size > 500) this.drawn.clear();
    this.drawn.set(key, image);
    return image;
  }

  // ── checking in ──────────────────────────────────────────────────────────────────────────

  private assertOpen(a: Activity, at: Date, untilMs = 0) {
    if (a.status !== 'published') throw new AppError('CHECKIN_NOT_OPEN');
    const t = at.getTime();
    if (t < a.startsAt.getTime() - CHECKIN_OPENS_BEFORE_MS || t > a.endsAt.getTime() + untilMs) throw new AppError('CHECKIN_CLOSED');
  }

  /**
   * Every check-in goes through the group-commit writer: one record per member and activity (the
   * unique index), its points in the same transaction; a second check-in of the same member (a
   * retry, a double tap, 25 parallel requests) gets the first one back with 0 points.
   */
  private record(
    member: { id: string; name: string },
    activity: Activity,
    fields: { method: CheckinMethod; distanceM: number | null; ip?: string; recordedBy: string; at?: Date; earnsPoints: boolean },
  ): Promise<CheckInOutcome> {
    const at = fields.at ?? this.now();
    const slot = this.tokens.slotOf(at);
    // The organiser's roster check-ins all come from one phone: no address to flag them by.
    const ipTag = fields.method === 'roster' ? null : this.ipTag(fields.ip);
    const flagged = ipTag !== null && this.countFromAddress(activity.id, slot, ipTag) >= CHECKIN_SAME_IP_FLAG;
    return this.writer.submit({
      member,
      activity,
      method: fields.method,
      distanceM: fields.distanceM,
      ipTag,
      slot: String(slot),
      flagged,
      recordedBy: fields.recordedBy,
      at,
      earnsPoints: fields.earnsPoints,
    });
  }

  /** `POST /checkins`: a member checks themself in by QR token, location, or remotely. */
  async checkIn(p: Principal, input: CheckInRequest, ctx: { ip?: string }): Promise<{ created: boolean; body: CheckInResponse }> {
    if (!p.memberId) throw new AppError('MEMBER_ACCOUNT_REQUIRED');
    const a = await this.loadForCheckin(input.activityId);
    if (a.activity.status === 'draft') throw new AppError('NOT_FOUND');
    const standing = this.access.standingOfCaller(p, a, a.audience);
    if (!standing) throw new AppError('NOT_INVITED');
    const member = { id: p.memberId, name: p.name };
    let decided: { method: CheckinMethod; distanceM: number | null };
    try {
      decided = await this.decideMethod(a.activity, member.id, input);
    } catch (e) {
      // Refused now (window closed, token expired on a retry …) but checked in before: the
      // answer is still the first check-in, with 200 — a retry never turns into an error.
      const existing = await this.repo.find(a.activity.id, member.id);
      if (existing) return { created: false, body: { checkIn: presentCheckIn(existing, member.name), pointsAwarded: 0 } };
      throw e;
    }
    return presentOutcome(
      await this.record(member, a.activity, {
        ...decided,
        ip: ctx.ip,
        recordedBy: member.id,
        earnsPoints: earnsAttendancePoints(standing),
      }),
    );
  }

  /** Whether and how a member may check in now: the window, then the QR token, location or remote. */
  private async decideMethod(
    activity: Activity,
    memberId: string,
    input: CheckInRequest,
  ): Promise<{ method: CheckinMethod; distanceM: number | null }> {
    const at = this.now();
    this.assertOpen(activity, at);
    if (activity.studyMode === 'online') {
      // 网络式学习: attendance is having studied every linked material, wherever the member is.
      const { remaining } = await this.onlineProgress(activity.id, memberId, at);
      if (remaining.length) throw new AppError('STUDY_NOT_COMPLETED', { remaining });
      return { method: 'online', distanceM: null };
    }
    const modes = activity.checkinModes.split(',');
    if (input.remote) {
      const m = await this.members.find(memberId);
      if (!activity.allowRemote || !m?.isMobile)
        throw new AppError('CHECKIN_MODE_NOT_ALLOWED', { mode: 'remote' }, '只有流动党员可以远程参加允许远程的活动');
      return { method: 'remote', distanceM: null };
    }
    if (input.shortCode !== undefined || input.scene !== undefined) {
      if (!modes.includes('qr')) throw new AppError('CHECKIN_MODE_NOT_ALLOWED', { mode: 'qr' }, '本活动未开启扫码签到');
      const scene = input.scene !== undefined ? parseCheckinScene(input.scene) : null;
      if (input.scene !== undefined && scene?.activityId !== activity.id) throw new AppError('CHECKIN_TOKEN_INVALID');
      const code = scene?.shortCode ?? input.shortCode!;
      // 5 wrong codes per member and activity, then a pause: guessing 6 digits in a meeting is hopeless.
      const key = `checkin-code:${activity.id}:${memberId}`;
      await this.limiter.assertOpen(key, SHORT_CODE_MAX_WRONG, SHORT_CODE_PAUSE_MS).catch((e: unknown) => {
        throw e instanceof AppError ? new AppError('CHECKIN_CODE_LOCKED', e.details, undefined, e.headers) : e;
      });
      const check = this.tokens.verifyShortCode(activity.id, code, at);
      if (!check.ok) {
        await this.limiter.hit(key, SHORT_CODE_MAX_WRONG, SHORT_CODE_PAUSE_MS).catch(() => undefined);
        throw new AppError(check.reason === 'expired' ? 'CHECKIN_TOKEN_EXPIRED' : 'CHECKIN_TOKEN_INVALID');
      }
      return { method: 'qr', distanceM: null };
    }
    if (input.token !== undefined) {
      if (!modes.includes('qr')) throw new AppError('CHECKIN_MODE_NOT_ALLOWED', { mode: 'qr' }, '本活动未开启扫码签到');
      const check = this.tokens.verify(activity.id, input.token, at);
      if (!check.ok) throw new AppError(check.reason === 'expired' ? 'CHECKIN_TOKEN_EXPIRED' : 'CHECKIN_TOKEN_INVALID');
      return { method: 'qr', distanceM: null };
    }
    if (input.lat !== undefined || input.lng !== undefined) {
      if (!modes.includes('geo')) throw new AppError('CHECKIN_MODE_NOT_ALLOWED', { mode: 'geo' }, '本活动未开启定位签到，请扫描现场二维码');
      if (input.lat === undefined || input.lng === undefined) throw new AppError('CHECKIN_LOCATION_REQUIRED');
      const distanceM = Math.round(distanceMeters(input.lat, input.lng, activity.lat!, activity.lng!));
      // A fix that is itself uncertain gets the benefit of its stated accuracy, up to 100 m.
      const slack = Math.min(Math.max(input.accuracyM ?? 0, 0), 100);
      if (distanceM - slack > (activity.radiusM ?? 0))
        throw new AppError(
          'CHECKIN_OUT_OF_RANGE',
          { distanceM, radiusM: activity.radiusM },
          `您距活动地点约 ${distanceM} 米，超出签到范围（${activity.radiusM} 米）`,
        );
      return { method: 'geo', distanceM };
    }
    throw modes.includes('qr') ? new AppError('CHECKIN_TOKEN_INVALID') : new AppError('CHECKIN_LOCATION_REQUIRED');
  }

  /** `POST /activities/:id/checkins`: the organiser checks in a member without a phone (代签). */
  async rosterCheckIn(
    p: Principal,
    id: string,
    memberId: string,
    audit: AuditContext,
  ): Promise<{ created: boolean; body: CheckInResponse }> {
    const a = await this.access.loadManaged(p, id);
    const found = await this.members.findWithOrg(memberId);
    if (!found) throw fieldError('memberId', '党员不存在');
    const { member } = found;
    const standing = await this.access.standingOf(member.id, a);
    if (!standing) throw new AppError('MEMBER_NOT_INVITED');
    const existing = await this.repo.find(a.activity.id, member.id);
    if (existing) return { created: false, body: { checkIn: presentCheckIn(existing, member.name), pointsAwarded: 0 } };
    this.assertOpen(a.activity, this.now(), ROSTER_CHECKIN_AFTER_END_MS);
    const outcome = await this.record(member, a.activity, {
      method: 'roster',
      distanceM: null,
      recordedBy: p.id,
      earnsPoints: earnsAttendancePoints(standing),
    });
    if (outcome.created)
      await this.ds.transaction((em) =>
        writeAudit(em, p, 'checkin.roster', { type: 'activity', id: a.activity.id }, { memberId: member.id }, audit),
      );
    return presentOutcome(outcome);
  }

  /**
   * `POST /activities/:id/checkins/batch`: 代签 of the members who signed the paper sheet, in one
   * confirmation. Each member is checked as a single 代签 would be; one who cannot be checked in
   * (not invited, unknown) is reported with the reason and does not stop the others.
   */
  async rosterCheckInMany(p: Principal, id: string, memberIds: string[], audit: AuditContext): Promise<BatchRosterCheckInResponse> {
    const a = await this.access.loadManaged(p, id);
    this.assertOpen(a.activity, this.now(), ROSTER_CHECKIN_AFTER_END_MS);
    const audience = await this.access.audience(a);
    const one = async (memberId: string): Promise<BatchRosterCheckInResponse['results'][number]> => {
      try {
        const found = await this.members.findWithOrg(memberId);
        if (!found) throw fieldError('memberId', '党员不存在');
        const standing = await this.access.standingOf(found.member.id, a, audience);
        if (!standing) throw new AppError('MEMBER_NOT_INVITED');
        const existing = await this.repo.find(a.activity.id, found.member.id);
        if (existing)
          return { memberId, created: false, checkIn: presentCheckIn(existing, found.member.name), pointsAwarded: 0, error: null };
        const o = await this.record(found.member, a.activity, {
          method: 'roster',
          distanceM: null,
          recordedBy: p.id,
          earnsPoints: earnsAttendancePoints(standing),
        });
        return {
          memberId,
          created: o.created,
          checkIn: presentCheckIn(o.checkIn, o.memberName),
          pointsAwarded: o.pointsAwarded,
          error: null,
        };
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        const message =
          e.code === 'VALIDATION_FAILED' ? ((e.details as { message: string }[] | undefined)?.[0]?.message ?? e.message) : e.message;
        return { memberId, created: false, checkIn: null, pointsAwarded: 0, error: { code: e.code, message } };
      }
    };
    // Together: the group-commit writer writes them in one or a few transactions.
    const results = await Promise.all(memberIds.map(one));
    const created = results.filter((r) => r.created).length;
    if (created)
      await this.ds.transaction((em) =>
        writeAudit(
          em,
          p,
          'checkin.roster_batch',
          { type: 'activity', id: a.activity.id },
          { memberIds: results.filter((r) => r.created).map((r) => r.memberId) },
          audit,
        ),
      );
    return { results };
  }

  // ── online study (网络式) ──────────────────────────────────────────────────────────────────

  /**
   * The linked materials a member has not completed by `before`, and when the last of the others
   * was completed (an online study activity's attendance is that moment).
   */
  async onlineProgress(activityId: string, memberId: string, before: Date): Promise<{ remaining: string[]; lastAt: Date | null }> {
    const ids = await this.access.materialIdsOf(activityId);
    if (!ids.length) return { remaining: [], lastAt: null };
    const done = await this.progress.completions(memberId, ids);
    const counted = [...done].filter(([, at]) => at.getTime() <= before.getTime());
    const remaining = ids.filter((id) => !counted.some(([materialId]) => materialId === id));
    const lastAt = counted.length ? new Date(Math.max(...counted.map(([, at]) => at.getTime()))) : null;
    return { remaining, lastAt };
  }

  /**
   * A member has just completed a material: every open online study activity linking it that the
   * member is invited to, and whose materials they have now all studied, counts them present.
   */
  async attendOnline(memberId: string, materialId: string): Promise<{ activityId: string; title: string }[]> {
    const at = this.now();
    const candidates = await this.access.openOnlineLinking(materialId, at);
    if (!candidates.length) return [];
    const found = await this.members.findWithOrg(memberId);
    if (!found) return [];
    const attended: { activityId: string; title: string }[] = [];
    for (const a of candidates) {
      const standing = await this.access.standingOf(memberId, a);
      if (!standing) continue;
      if ((await this.onlineProgress(a.activity.id, memberId, at)).remaining.length) continue;
      const outcome = await this.record(found.member, a.activity, {
        method: 'online',
        distanceM: null,
        recordedBy: memberId,
        earnsPoints: earnsAttendancePoints(standing),
      });
      if (outcome.created) attended.push({ activityId: a.activity.id, title: a.activity.title });
    }
    return attended;
  }

  /**
   * When an online study activity's attendance is closed: members who had studied every linked
   * material by its end but were not counted yet (they finished before it opened) are present,
   * as of their last completion.
   */
  async settleOnline(a: LoadedActivity): Promise<number> {
    const { activity } = a;
    if (activity.studyMode !== 'online' || activity.status !== 'published') return 0;
    const materialIds = await this.access.materialIdsOf(activity.id);
    if (!materialIds.length) return 0;
    const invited = await this.access.attendees(a);
    const present = await this.repo.presentIds(activity.id);
    const pending = invited.filter((m) => !present.has(m.id));
    const done = new Set(
      await this.progress.completedAll(
        materialIds,
        pending.map((m) => m.id),
        activity.endsAt,
      ),
    );
    let counted = 0;
    for (const m of pending.filter((x) => done.has(x.id))) {
      const { lastAt } = await this.onlineProgress(activity.id, m.id, activity.endsAt);
      const at = new Date(Math.max(lastAt?.getTime() ?? 0, activity.startsAt.getTime()));
      const outcome = await this.record(m, activity, {
        method: 'online',
        distanceM: null,
        recordedBy: m.id,
        at,
        earnsPoints: earnsAttendancePoints(m.standing),
      });
      if (outcome.created) counted++;
    }
    return counted;
  }
}
