/**
 * Activities and check-in: who is invited, who may manage, when check-in is open, and the one
 * check-in per member that is counted and awarded exactly once (unique index + points in the
 * same transaction).
 */
import { createHmac } from 'node:crypto';
import ExcelJS from 'exceljs';
import { Brackets, In, type DataSource, type EntityManager } from 'typeorm';
import {
  ACTIVITY_KIND_LABELS,
  CHECKIN_METHOD_LABELS,
  CHECKIN_OPENS_BEFORE_MS,
  CHECKIN_SAME_IP_FLAG,
  DEFAULT_PAGE_SIZE,
  ONLINE_STUDY_MAX_DAYS,
  QR_PREFIX,
  ROSTER_CHECKIN_AFTER_END_MS,
  distanceMeters,
  toIsoLocal,
  type ActivityListQuery,
  type ActivityView,
  type AttendanceResponse,
  type AttendanceRow,
  type CheckInRequest,
  type CheckInResponse,
  type CheckinCodeResponse,
  type CheckinMethod,
  type CreateActivityRequest,
  type LeaveRequestView,
  type MyActivityStatus,
  type Page,
  type StudyPairInput,
  type StudyPairView,
  type UpdateActivityRequest,
} from '@djzy/shared';
import { writeAudit, type AuditContext } from '../../core/audit';
import { AppError, fieldError } from '../../core/errors';
import { isDuplicateKey } from '../../core/http';
import { isIdLike, newId } from '../../core/ids';
import { covers, isManager, scopePaths, type Principal } from '../../core/principal';
import { isMysql } from '../../db/data-source';
import { Member } from '../member/member.entity';
import { StudyCompletion } from '../study/study.entity';
import { Org } from '../org/org.entity';
import { whereInSubtrees, type OrgService } from '../org/org.service';
import { Activity, ActivityInvitee, ActivityMaterial, ActivityStudyPair, CheckIn, LeaveRequest } from './activity.entity';
import { checkMaterialsFor } from '../study/study-materials';
import { checkPairs, loadStudyExtras, onlineProgress } from './activity-study';
import { presentActivity, presentCheckIn, presentLeave } from './activity.presenter';
import type { CheckinTokens } from './checkin-token';
import { CheckinWriter } from './checkin-writer';
import type { NotificationService } from '../notification/notification.service';


const MAX_DURATION_MS = 3 * 24 * 3600_000;

interface Loaded {
  activity: Activity;
  org: Org;
}

export class ActivityService {
  private readonly ipKey: Buffer;
  /** Writes members' own check-ins in batches (group commit); exposed for tests. */
  readonly writer: CheckinWriter;
  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
    private readonly tokens: CheckinTokens,
    secret: string,
    private readonly notifications: NotificationService,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.ipKey = createHmac('sha256', secret).update('djzy:ip-tag:v1').digest();
    // SQLite has one connection and runs one transaction at a time: one batch in flight is all
    // it can use, and the others gather behind it. MySQL overlaps two.
    this.writer = new CheckinWriter(ds, { maxBatch: 64, maxInFlight: isMysql(ds) ? 2 : 1 });
  }

  // ── loading and access ───────────────────────────────────────────────────────────────────

  private async load(id: string): Promise<Loaded> {
    const activity = isIdLike(id) ? await this.ds.getRepository(Activity).findOneBy({ id }) : null;
    const org = activity ? await this.ds.getRepository(Org).findOneBy({ id: activity.orgId }) : null;
    if (!activity || !org) throw new AppError('NOT_FOUND');
    return { activity, org };
  }

  /**
   * The activity for a check-in, kept for a few seconds: a whole township checking in at once
   * reads it once, not a thousand times. Changes made here (publish, cancel) drop it at once;
   * another API process sees them within the same few seconds.
   */
  private readonly hot = new Map<string, { a: Loaded; until: number }>();
  private async loadForCheckin(id: string): Promise<Loaded> {
    const now = Date.now();
    const hit = this.hot.get(id);
    if (hit && hit.until > now) return hit.a;
    const a = await this.load(id);
    if (this.hot.size > 5000) this.hot.clear();
    this.hot.set(id, { a, until: now + 5000 });
    return a;
  }

  private async isInvited(memberId: string, memberOrgPath: string | null, a: Loaded): Promise<boolean> {
    if (memberOrgPath?.startsWith(a.org.path)) return true;
    return (await this.ds.getRepository(ActivityInvitee).countBy({ activityId: a.activity.id, memberId })) > 0;
  }

  /** An activity the caller may see: a manager of its org, or an invited member once published. */
  private async loadVisible(p: Principal, id: string): Promise<Loaded & { canManage: boolean }> {
    const a = await this.load(id);
    const canManage = covers(p, a.org.path);
    if (canManage) return { ...a, canManage };
    if (a.activity.status !== 'draft' && p.memberId && (await this.isInvited(p.memberId, p.orgPath, a))) return { ...a, canManage };
    throw new AppError('NOT_FOUND');
  }

  private async loadManaged(p: Principal, id: string): Promise<Loaded> {
    const a = await this.loadVisible(p, id);
    if (!a.canManage) throw new AppError('FORBIDDEN', undefined, '只有本组织的书记、委员或管理员可以操作');
    return a;
  }

  // ── create, edit, publish, cancel ────────────────────────────────────────────────────────

  private validateShape(input: CreateActivityRequest) {
    const starts = new Date(input.startsAt).getTime();
    const ends = new Date(input.endsAt).getTime();
    const online = input.studyMode === 'online';
    if (!(ends > starts)) throw fieldError('endsAt', '结束时间必须晚于开始时间');
    if (online && ends - starts > ONLINE_STUDY_MAX_DAYS * 24 * 3600_000) throw fieldError('endsAt', `网络学习活动不能超过 ${ONLINE_STUDY_MAX_DAYS} 天`);
    if (!online && ends - starts > MAX_DURATION_MS) throw fieldError('endsAt', '一次活动不能超过 3 天');
    if (!online && !input.checkinModes.length) throw fieldError('checkinModes', '至少选择一种签到方式');
    if (input.checkinModes.includes('geo') && !input.location) throw fieldError('location', '开启定位签到时必须填写活动地点和范围');
    if (input.studyMode && input.kind !== 'study_session' && input.kind !== 'party_lecture')
      throw fieldError('studyMode', '只有学习类活动可以设置学习方式');
    if (online && !input.materialIds?.length) throw fieldError('materialIds', '网络式学习请至少关联一份学习资料');
    if (!online && input.materialIds?.length) throw fieldError('materialIds', '只有网络式学习活动可以关联学习资料');
    if (input.studyMode !== 'paired' && input.pairs?.length) throw fieldError('pairs', '只有结对式学习活动可以填写结对');
  }

  async create(p: Principal, input: CreateActivityRequest, audit: AuditContext): Promise<ActivityView> {
    const org = await this.orgs.get(input.orgId).catch(() => {
      throw fieldError('orgId', '组织不存在');
    });
    if (!covers(p, org.path)) throw new AppError('FORBIDDEN', undefined, '该组织不在您的管理范围内');
    this.validateShape(input);
    const extras = await this.checkExtras(input.extraMemberIds ?? []);
    const materialIds = await checkMaterialsFor(this.ds, org, input.materialIds ?? []);
    const pairs = await checkPairs(this.ds, org, extras, input.pairs ?? []);
    const a: Activity = {
      id: newId(),
      title: input.title,
      kind: input.kind,
      orgId: org.id,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      locationName: input.location?.name ?? null,
      lat: input.location?.lat ?? null,
      lng: input.location?.lng ?? null,
      radiusM: input.location?.radiusM ?? null,
      checkinModes: [...new Set(input.checkinModes)].join(','),
      studyMode: input.studyMode ?? null,
      description: input.description ?? null,
      lecturer: input.lecturer || null,
      topic: input.topic || null,
      allowRemote: !!input.allowRemote,
      status: 'draft',
      createdBy: p.id,
      createdAt: this.now(),
      publishedAt: null,
      cancelledAt: null,
      attendanceClosedAt: null,
    };
    await this.ds.transaction(async (em) => {
      await em.insert(Activity, a);
      if (extras.length) await em.insert(ActivityInvitee, extras.map((memberId) => ({ activityId: a.id, memberId })));
      await this.saveStudyLinks(em, a.id, materialIds, pairs);
      await writeAudit(em, p, 'activity.create', { type: 'activity', id: a.id }, { orgId: org.id, kind: a.kind }, audit);
    });
    return this.view(p, a, org, true);
  }

  private async checkExtras(ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const found = await this.ds.getRepository(Member).find({ where: { id: In(unique) }, select: ['id'] });
    if (found.length !== unique.length) throw fieldError('extraMemberIds', '邀请的党员中有不存在的编号');
    return unique;
  }

  /** The members invited beyond the org's subtree. */
  private async inviteeIds(activityId: string): Promise<string[]> {
    return (await this.ds.getRepository(ActivityInvitee).find({ where: { activityId }, select: ['memberId'] })).map((i) => i.memberId);
  }

  private async saveStudyLinks(em: EntityManager, activityId: string, materialIds: string[], pairs: StudyPairInput[]) {
    if (materialIds.length) await em.insert(ActivityMaterial, materialIds.map((materialId, position) => ({ activityId, materialId, position })));
    if (pairs.length) await em.insert(ActivityStudyPair, pairs.map((pair, position) => ({ activityId, ...pair, position })));
  }

  /**
   * `PUT /activities/:id/pairs`: the organiser records who studied with whom (结对); also after
   * publishing, until attendance is closed.
   */
  async setPairs(p: Principal, id: string, input: StudyPairInput[], audit: AuditContext): Promise<StudyPairView[]> {
    const { activity, org } = await this.loadManaged(p, id);
    if (activity.status === 'cancelled') throw new AppError('ACTIVITY_CANCELLED');
    if (activity.studyMode !== 'paired') throw fieldError('pairs', '只有结对式学习活动可以填写结对');
    if (activity.attendanceClosedAt) throw new AppError('ACTIVITY_NOT_DRAFT', undefined, '考勤已结算，结对名单不能再修改');
    const pairs = await checkPairs(this.ds, org, await this.inviteeIds(activity.id), input);
    await this.ds.transaction(async (em) => {
      await em.delete(ActivityStudyPair, { activityId: activity.id });
      await this.saveStudyLinks(em, activity.id, [], pairs);
      await writeAudit(em, p, 'activity.pairs', { type: 'activity', id: activity.id }, { pairs: pairs.length }, audit);
    });
    return (await loadStudyExtras(this.ds, [activity.id], null)).pairs.get(activity.id) ?? [];
  }

  async update(p: Principal, id: string, input: UpdateActivityRequest, audit: AuditContext): Promise<ActivityView> {
    const { activity, org } = await this.loadManaged(p, id);
    if (activity.status !== 'draft') throw new AppError('ACTIVITY_NOT_DRAFT');
    if (input.orgId && input.orgId !== activity.orgId) throw fieldError('orgId', '活动所属组织不能修改');
    const current: CreateActivityRequest = {
      title: activity.title,
      kind: activity.kind,
      orgId: activity.orgId,
      startsAt: activity.startsAt.toISOString(),
      endsAt: activity.endsAt.toISOString(),
      location: activity.lat != null ? { name: activity.locationName ?? '', lat: activity.lat, lng: activity.lng!, radiusM: activity.radiusM! } : undefined,
      checkinModes: activity.checkinModes.split(',') as CreateActivityRequest['checkinModes'],
      studyMode: activity.studyMode ?? undefined,
      materialIds: (await this.ds.getRepository(ActivityMaterial).find({ where: { activityId: activity.id }, select: ['materialId'] })).map((l) => l.materialId),
    };
    const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as UpdateActivityRequest;
    const merged = { ...current, ...given };
    this.validateShape(merged);
    const patch: Partial<Activity> = {};
    if (input.title !== undefined) patch.title = input.title;
    if (input.kind !== undefined) patch.kind = input.kind;
    if (input.startsAt !== undefined) patch.startsAt = new Date(input.startsAt);
    if (input.endsAt !== undefined) patch.endsAt = new Date(input.endsAt);
    if (input.location !== undefined)
      Object.assign(patch, { locationName: input.location.name, lat: input.location.lat, lng: input.location.lng, radiusM: input.location.radiusM });
    if (input.checkinModes !== undefined) patch.checkinModes = [...new Set(input.checkinModes)].join(',');
    if (input.studyMode !== undefined) patch.studyMode = input.studyMode;
    if (input.description !== undefined) patch.description = input.description;
    if (input.lecturer !== undefined) patch.lecturer = input.lecturer || null;
    if (input.topic !== undefined) patch.topic = input.topic || null;
    if (input.allowRemote !== undefined) patch.allowRemote = input.allowRemote;
    const extras = input.extraMemberIds ? await this.checkExtras(input.extraMemberIds) : null;
    // Leaving online study drops its materials; leaving paired study drops its pairs.
    const materialIds = input.materialIds ? await checkMaterialsFor(this.ds, org, input.materialIds) : merged.studyMode !== 'online' ? [] : null;
    const pairs = input.pairs
      ? await checkPairs(this.ds, org, extras ?? (await this.inviteeIds(activity.id)), input.pairs)
      : merged.studyMode !== 'paired'
        ? []
        : null;
    await this.ds.transaction(async (em) => {
      const res = await em.update(Activity, { id: activity.id, status: 'draft' }, patch);
      if (!res.affected) throw new AppError('ACTIVITY_NOT_DRAFT');
      if (extras) {
        await em.delete(ActivityInvitee, { activityId: activity.id });
        if (extras.length) await em.insert(ActivityInvitee, extras.map((memberId) => ({ activityId: activity.id, memberId })));
      }
      if (materialIds) await em.delete(ActivityMaterial, { activityId: activity.id });
      if (pairs) await em.delete(ActivityStudyPair, { activityId: activity.id });
      await this.saveStudyLinks(em, activity.id, materialIds ?? [], pairs ?? []);
      await writeAudit(em, p, 'activity.update', { type: 'activity', id: activity.id }, { fields: Object.keys(patch) }, audit);
    });
    return this.view(p, { ...activity, ...patch }, org, true);
  }

  /** `POST /activities/:id/publish`: the announcement (活动预告). Publishing twice is harmless. */
  async publish(p: Principal, id: string, audit: AuditContext): Promise<ActivityView> {
    const { activity, org } = await this.loadManaged(p, id);
    this.hot.delete(activity.id);
    if (activity.status === 'cancelled') throw new AppError('ACTIVITY_CANCELLED');
    if (activity.status === 'draft') {
      if (activity.endsAt.getTime() <= this.now().getTime()) throw fieldError('endsAt', '活动已结束，不能再发布');
      activity.status = 'published';
      activity.publishedAt = this.now();
      const recipients = await this.boundInvitees(activity, org);
      await this.ds.transaction(async (em) => {
        const res = await em.update(Activity, { id: activity.id, status: 'draft' }, { status: 'published', publishedAt: activity.publishedAt });
        if (!res.affected) return;
        // 活动预告: the announcement and the reminder go out with the publish, or not at all.
        const queued = await this.notifications.queueActivity(em, recipients, {
          activityId: activity.id,
          title: activity.title,
          startsAt: activity.startsAt,
          location: activity.locationName,
          orgName: org.name,
        });
        await writeAudit(em, p, 'activity.publish', { type: 'activity', id: activity.id }, { notifications: queued }, audit);
      });
    }
    return this.view(p, activity, org, true);
  }

  /** Invited members who have bound WeChat (only they can receive subscription messages). */
  private async boundInvitees(activity: Activity, org: Org): Promise<string[]> {
    const rows = await this.ds
      .getRepository(Member)
      .createQueryBuilder('m')
      .innerJoin(Org, 'org', 'org.id = m.orgId')
      .innerJoin('wechat_bindings', 'wb', 'wb.memberId = m.id')
      .select('m.id', 'id')
      .where(
        new Brackets((w) =>
          w
            .where('org.path LIKE :sub', { sub: `${org.path}%` })
            .orWhere('EXISTS (SELECT 1 FROM activity_invitees i WHERE i.activityId = :aid AND i.memberId = m.id)', { aid: activity.id }),
        ),
      )
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  async cancel(p: Principal, id: string, audit: AuditContext): Promise<ActivityView> {
    const { activity, org } = await this.loadManaged(p, id);
    this.hot.delete(activity.id);
    if (activity.status !== 'cancelled') {
      activity.status = 'cancelled';
      activity.cancelledAt = this.now();
      await this.ds.transaction(async (em) => {
        await em.update(Activity, { id: activity.id }, { status: 'cancelled', cancelledAt: activity.cancelledAt });
        await writeAudit(em, p, 'activity.cancel', { type: 'activity', id: activity.id }, null, audit);
      });
    }
    return this.view(p, activity, org, true);
  }

  // ── reading ──────────────────────────────────────────────────────────────────────────────

  private async view(p: Principal, a: Activity, org: Org, canManage: boolean): Promise<ActivityView> {
    const [v] = await this.views(p, [a], new Map([[org.id, org]]), new Set(canManage ? [a.id] : []));
    return v;
  }

  private async views(p: Principal, list: Activity[], orgs: Map<string, Org>, managed: Set<string>): Promise<ActivityView[]> {
    if (!list.length) return [];
    const ids = list.map((a) => a.id);
    const counts: { activityId: string; n: number | string }[] = await this.ds
      .getRepository(CheckIn)
      .createQueryBuilder('c')
      .select('c.activityId', 'activityId')
      .addSelect('COUNT(*)', 'n')
      .where('c.activityId IN (:...ids)', { ids })
      .groupBy('c.activityId')
      .getRawMany();
    const countOf = new Map(counts.map((c) => [c.activityId, Number(c.n)]));
    const mine = p.memberId ? await this.ds.getRepository(CheckIn).findBy({ activityId: In(ids), memberId: p.memberId }) : [];
    const leaves = p.memberId ? await this.ds.getRepository(LeaveRequest).findBy({ activityId: In(ids), memberId: p.memberId }) : [];
    const study = await loadStudyExtras(
      this.ds,
      list.filter((a) => a.studyMode === 'online' || a.studyMode === 'paired').map((a) => a.id),
      p.memberId,
    );
    const now = this.now().getTime();
    return list.map((a) => {
      const c = mine.find((x) => x.activityId === a.id) ?? null;
      const l = leaves.find((x) => x.activityId === a.id) ?? null;
      let my: MyActivityStatus | null = null;
      if (p.memberId) {
        if (c) my = 'checked_in';
        else if (l?.status === 'approved') my = 'excused';
        else if (l?.status === 'pending') my = 'leave_pending';
        else if (now > a.endsAt.getTime()) my = l?.status === 'rejected' ? 'leave_rejected' : 'absent';
        else if (now >= a.startsAt.getTime() - CHECKIN_OPENS_BEFORE_MS) my = 'open';
        else my = l?.status === 'rejected' ? 'leave_rejected' : 'not_started';
      }
      return presentActivity(a, {
        orgName: orgs.get(a.orgId)?.name ?? '',
        canManage: managed.has(a.id),
        myStatus: my,
        myCheckIn: c ? presentCheckIn(c, p.name) : null,
        checkedInCount: countOf.get(a.id) ?? 0,
        materials: study.materials.get(a.id) ?? [],
        pairs: study.pairs.get(a.id) ?? [],
      });
    });
  }

  async get(p: Principal, id: string): Promise<ActivityView> {
    const { activity, org, canManage } = await this.loadVisible(p, id);
    return this.view(p, activity, org, canManage);
  }

  /**
   * `GET /activities`: a manager sees every activity of the orgs in scope (drafts too); a member
   * (or anyone with `mine=true`) sees the published and cancelled activities they are invited to.
   */
  async list(p: Principal, q: ActivityListQuery): Promise<Page<ActivityView>> {
    const qb = this.ds.getRepository(Activity).createQueryBuilder('a').innerJoin(Org, 'org', 'org.id = a.orgId');
    const asMember = q.mine || !isManager(p);
    if (asMember) {
      if (!p.memberId) return { items: [], total: 0 };
      const ancestors = (p.orgPath ?? '').split('/').filter(Boolean);
      qb.andWhere("a.status <> 'draft'").andWhere(
        new Brackets((w) => {
          if (ancestors.length) w.orWhere('a.orgId IN (:...ancestors)', { ancestors });
          w.orWhere('EXISTS (SELECT 1 FROM activity_invitees i WHERE i.activityId = a.id AND i.memberId = :me)', { me: p.memberId });
        }),
      );
    } else {
      whereInSubtrees(qb, 'org', scopePaths(p));
    }
    if (q.orgId) {
      const org = await this.orgs.get(q.orgId).catch(() => null);
      if (!org) throw fieldError('orgId', '组织不存在');
      if (!asMember && !covers(p, org.path)) throw new AppError('FORBIDDEN', undefined, '该组织不在您的管理范围内');
      qb.andWhere('org.path LIKE :sub', { sub: `${org.path}%` });
    }
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    if (q.from) qb.andWhere('a.endsAt >= :from', { from: new Date(q.from) });
    if (q.to) qb.andWhere('a.startsAt < :to', { to: new Date(q.to) });
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? DEFAULT_PAGE_SIZE;
    const total = await qb.getCount();
    const list = await qb
      .orderBy('a.startsAt', q.from ? 'ASC' : 'DESC')
      .addOrderBy('a.id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getMany();
    const orgs = await this.orgs.withAncestors(list.map((a) => a.orgId));
    const managed = new Set(list.filter((a) => covers(p, orgs.get(a.orgId)?.path ?? '\0')).map((a) => a.id));
    return { items: await this.views(p, list, orgs, managed), total };
  }

  // ── check-in ─────────────────────────────────────────────────────────────────────────────

  /** `GET /activities/:id/checkin-code`: the rotating token for the QR code on the wall. */
  async checkinCode(p: Principal, id: string): Promise<CheckinCodeResponse> {
    const { activity } = await this.loadManaged(p, id);
    if (activity.status !== 'published') throw new AppError('CHECKIN_NOT_OPEN');
    if (!activity.checkinModes.split(',').includes('qr')) throw new AppError('CHECKIN_MODE_NOT_ALLOWED', undefined, '本活动未开启扫码签到');
    const { token, expiresAt } = this.tokens.issue(activity.id, this.now());
    return { token, expiresAt: toIsoLocal(expiresAt), qrText: `${QR_PREFIX}${activity.id}:${token}` };
  }

  private assertOpen(a: Activity, at: Date, untilMs = 0) {
    if (a.status !== 'published') throw new AppError('CHECKIN_NOT_OPEN');
    const t = at.getTime();
    if (t < a.startsAt.getTime() - CHECKIN_OPENS_BEFORE_MS || t > a.endsAt.getTime() + untilMs) throw new AppError('CHECKIN_CLOSED');
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

  /**
   * Every check-in goes through the group-commit writer: one record per member and activity (the
   * unique index), its points in the same transaction; a second check-in of the same member (a
   * retry, a double tap, 25 parallel requests) gets the first one back with 0 points.
   */
  private record(
    member: { id: string; name: string },
    activity: Activity,
    fields: { method: CheckinMethod; distanceM: number | null; ip?: string; recordedBy: string; at?: Date },
  ): Promise<{ created: boolean; body: CheckInResponse }> {
    const at = fields.at ?? this.now();
    const slot = this.tokens.slotOf(at);
    // The organiser's roster check-ins all come from one phone: no address to flag them by.
    const ipTag = fields.method === 'roster' ? null : this.ipTag(fields.ip);
    const flagged = ipTag !== null && this.countFromAddress(activity.id, slot, ipTag) >= CHECKIN_SAME_IP_FLAG;
    return this.writer.submit({ member, activity, method: fields.method, distanceM: fields.distanceM, ipTag, slot: String(slot), flagged, recordedBy: fields.recordedBy, at });
  }

  /** `POST /checkins`: a member checks themself in by QR token, location, or remotely. */
  async checkIn(p: Principal, input: CheckInRequest, ctx: { ip?: string }): Promise<{ created: boolean; body: CheckInResponse }> {
    if (!p.memberId) throw new AppError('FORBIDDEN', undefined, '请使用党员账号签到');
    const a = await this.loadForCheckin(input.activityId).catch(() => {
      throw new AppError('NOT_FOUND', undefined, '活动不存在');
    });
    if (a.activity.status === 'draft') throw new AppError('NOT_FOUND', undefined, '活动不存在');
    if (!(await this.isInvited(p.memberId, p.orgPath, a))) throw new AppError('NOT_INVITED');
    const member = { id: p.memberId, name: p.name };
    let decided: { method: CheckinMethod; distanceM: number | null };
    try {
      decided = await this.decideMethod(a.activity, member.id, input);
    } catch (e) {
      // Refused now (window closed, token expired on a retry …) but checked in before: the
      // answer is still the first check-in, with 200 — a retry never turns into an error.
      const existing = await this.ds.getRepository(CheckIn).findOneBy({ activityId: a.activity.id, memberId: member.id });
      if (existing) return { created: false, body: { checkIn: presentCheckIn(existing, member.name), pointsAwarded: 0 } };
      throw e;
    }
    return this.record(member, a.activity, { ...decided, ip: ctx.ip, recordedBy: member.id });
  }

  /** Whether and how a member may check in now: the window, then the QR token, location or remote. */
  private async decideMethod(activity: Activity, memberId: string, input: CheckInRequest): Promise<{ method: CheckinMethod; distanceM: number | null }> {
    const at = this.now();
    this.assertOpen(activity, at);
    if (activity.studyMode === 'online') {
      // 网络式学习: attendance is having studied every linked material, wherever the member is.
      const { remaining } = await onlineProgress(this.ds, activity.id, memberId, at);
      if (remaining.length) throw new AppError('STUDY_NOT_COMPLETED', { remaining });
      return { method: 'online', distanceM: null };
    }
    const modes = activity.checkinModes.split(',');
    if (input.remote) {
      const m = await this.ds.getRepository(Member).findOne({ where: { id: memberId }, select: ['id', 'isMobile'] });
      if (!activity.allowRemote || !m?.isMobile) throw new AppError('CHECKIN_MODE_NOT_ALLOWED', undefined, '只有流动党员可以远程参加允许远程的活动');
      return { method: 'remote', distanceM: null };
    }
    if (input.token !== undefined) {
      if (!modes.includes('qr')) throw new AppError('CHECKIN_MODE_NOT_ALLOWED', undefined, '本活动未开启扫码签到');
      const check = this.tokens.verify(activity.id, input.token, at);
      if (!check.ok) throw new AppError(check.reason === 'expired' ? 'CHECKIN_TOKEN_EXPIRED' : 'CHECKIN_TOKEN_INVALID');
      return { method: 'qr', distanceM: null };
    }
    if (input.lat !== undefined || input.lng !== undefined) {
      if (!modes.includes('geo')) throw new AppError('CHECKIN_MODE_NOT_ALLOWED', undefined, '本活动未开启定位签到，请扫描现场二维码');
      if (input.lat === undefined || input.lng === undefined) throw new AppError('CHECKIN_LOCATION_REQUIRED');
      const distanceM = Math.round(distanceMeters(input.lat, input.lng, activity.lat!, activity.lng!));
      // A fix that is itself uncertain gets the benefit of its stated accuracy, up to 100 m.
      const slack = Math.min(Math.max(input.accuracyM ?? 0, 0), 100);
      if (distanceM - slack > (activity.radiusM ?? 0))
        throw new AppError('CHECKIN_OUT_OF_RANGE', { distanceM, radiusM: activity.radiusM }, `您距活动地点约 ${distanceM} 米，超出签到范围（${activity.radiusM} 米）`);
      return { method: 'geo', distanceM };
    }
    throw modes.includes('qr') ? new AppError('CHECKIN_TOKEN_INVALID', undefined, '请扫描现场的签到二维码') : new AppError('CHECKIN_LOCATION_REQUIRED');
  }

  /** `POST /activities/:id/checkins`: the organiser checks in a member without a phone (代签). */
  async rosterCheckIn(p: Principal, id: string, memberId: string, audit: AuditContext): Promise<{ created: boolean; body: CheckInResponse }> {
    const a = await this.loadManaged(p, id);
    const member = isIdLike(memberId) ? await this.ds.getRepository(Member).findOne({ where: { id: memberId }, select: ['id', 'name', 'orgId'] }) : null;
    if (!member) throw fieldError('memberId', '党员不存在');
    const memberOrg = await this.ds.getRepository(Org).findOneBy({ id: member.orgId });
    if (!(await this.isInvited(member.id, memberOrg?.path ?? null, a))) throw new AppError('NOT_INVITED', undefined, '该党员不在本次活动的参加范围内');
    const existing = await this.ds.getRepository(CheckIn).findOneBy({ activityId: a.activity.id, memberId: member.id });
    if (existing) return { created: false, body: { checkIn: presentCheckIn(existing, member.name), pointsAwarded: 0 } };
    this.assertOpen(a.activity, this.now(), ROSTER_CHECKIN_AFTER_END_MS);
    const result = await this.record(member, a.activity, { method: 'roster', distanceM: null, recordedBy: p.id });
    if (result.created)
      await this.ds.transaction((em) => writeAudit(em, p, 'checkin.roster', { type: 'activity', id: a.activity.id }, { memberId: member.id }, audit));
    return result;
  }

  // ── online study (网络式) ──────────────────────────────────────────────────────────────────

  /**
   * A member has just completed a material: every open online study activity linking it that the
   * member is invited to, and whose materials they have now all studied, counts them present.
   */
  async attendOnline(memberId: string, materialId: string): Promise<{ activityId: string; title: string }[]> {
    const links = await this.ds.getRepository(ActivityMaterial).find({ where: { materialId }, select: ['activityId'] });
    if (!links.length) return [];
    const at = this.now();
    const candidates = await this.ds
      .getRepository(Activity)
      .createQueryBuilder('a')
      .where('a.id IN (:...ids)', { ids: links.map((l) => l.activityId) })
      .andWhere("a.status = 'published' AND a.studyMode = 'online'")
      .andWhere('a.startsAt <= :opens AND a.endsAt >= :at', { opens: new Date(at.getTime() + CHECKIN_OPENS_BEFORE_MS), at })
      .getMany();
    if (!candidates.length) return [];
    const member = await this.ds.getRepository(Member).findOne({ where: { id: memberId }, select: ['id', 'name', 'orgId'] });
    const memberOrg = member ? await this.ds.getRepository(Org).findOneBy({ id: member.orgId }) : null;
    if (!member) return [];
    const attended: { activityId: string; title: string }[] = [];
    for (const activity of candidates) {
      const org = await this.ds.getRepository(Org).findOneBy({ id: activity.orgId });
      if (!org || !(await this.isInvited(member.id, memberOrg?.path ?? null, { activity, org }))) continue;
      if ((await onlineProgress(this.ds, activity.id, member.id, at)).remaining.length) continue;
      const result = await this.record(member, activity, { method: 'online', distanceM: null, recordedBy: member.id });
      if (result.created) attended.push({ activityId: activity.id, title: activity.title });
    }
    return attended;
  }

  /**
   * When an online study activity's attendance is settled: members who had studied every linked
   * material by its end but were not counted yet (they finished before it opened) are present,
   * as of their last completion.
   */
  async settleOnline(activityId: string): Promise<number> {
    const activity = await this.ds.getRepository(Activity).findOneBy({ id: activityId });
    if (!activity || activity.studyMode !== 'online' || activity.status !== 'published') return 0;
    const links = await this.ds.getRepository(ActivityMaterial).find({ where: { activityId }, select: ['materialId'] });
    if (!links.length) return 0;
    const org = await this.ds.getRepository(Org).findOneByOrFail({ id: activity.orgId });
    // Members with a completion of every linked material by the end, not checked in yet.
    const rows = await this.ds
      .getRepository(StudyCompletion)
      .createQueryBuilder('c')
      .innerJoin(Member, 'm', 'm.id = c.memberId')
      .innerJoin(Org, 'org', 'org.id = m.orgId')
      .select(['c.memberId AS memberId', 'm.name AS name'])
      .where('c.materialId IN (:...ids)', { ids: links.map((l) => l.materialId) })
      .andWhere('c.completedAt <= :ends', { ends: activity.endsAt })
      .andWhere(
        new Brackets((w) =>
          w
            .where('org.path LIKE :sub', { sub: `${org.path}%` })
            .orWhere('EXISTS (SELECT 1 FROM activity_invitees i WHERE i.activityId = :aid AND i.memberId = m.id)', { aid: activity.id }),
        ),
      )
      .andWhere('NOT EXISTS (SELECT 1 FROM checkins k WHERE k.activityId = :aid AND k.memberId = c.memberId)', { aid: activity.id })
      .groupBy('c.memberId')
      .addGroupBy('m.name')
      .having('COUNT(*) = :n', { n: links.length })
      .getRawMany<{ memberId: string; name: string }>();
    let counted = 0;
    for (const r of rows) {
      const { lastAt } = await onlineProgress(this.ds, activity.id, r.memberId, activity.endsAt);
      const at = new Date(Math.max(lastAt?.getTime() ?? 0, activity.startsAt.getTime()));
      const result = await this.record({ id: r.memberId, name: r.name }, activity, { method: 'online', distanceM: null, recordedBy: r.memberId, at });
      if (result.created) counted++;
    }
    return counted;
  }

  // ── leave ────────────────────────────────────────────────────────────────────────────────

  async requestLeave(p: Principal, id: string, reason: string): Promise<{ created: boolean; body: LeaveRequestView }> {
    if (!p.memberId) throw new AppError('FORBIDDEN', undefined, '请使用党员账号请假');
    const a = await this.loadVisible(p, id);
    if (!(await this.isInvited(p.memberId, p.orgPath, a))) throw new AppError('NOT_INVITED');
    if (a.activity.status === 'cancelled') throw new AppError('ACTIVITY_CANCELLED');
    const existing = await this.ds.getRepository(LeaveRequest).findOneBy({ activityId: a.activity.id, memberId: p.memberId });
    if (existing) return { created: false, body: presentLeave(existing, p.name) };
    if (this.now().getTime() >= a.activity.startsAt.getTime()) throw new AppError('LEAVE_TOO_LATE');
    if (await this.ds.getRepository(CheckIn).countBy({ activityId: a.activity.id, memberId: p.memberId })) throw new AppError('ALREADY_CHECKED_IN');
    const l: LeaveRequest = {
      id: newId(),
      activityId: a.activity.id,
      memberId: p.memberId,
      reason,
      status: 'pending',
      createdAt: this.now(),
      decidedAt: null,
      decidedBy: null,
    };
    try {
      await this.ds.transaction((em) => em.insert(LeaveRequest, l));
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const first = await this.ds.getRepository(LeaveRequest).findOneByOrFail({ activityId: a.activity.id, memberId: p.memberId });
      return { created: false, body: presentLeave(first, p.name) };
    }
    return { created: true, body: presentLeave(l, p.name) };
  }

  async decideLeave(p: Principal, leaveId: string, approve: boolean, audit: AuditContext): Promise<LeaveRequestView> {
    const l = isIdLike(leaveId) ? await this.ds.getRepository(LeaveRequest).findOneBy({ id: leaveId }) : null;
    if (!l) throw new AppError('NOT_FOUND');
    await this.loadManaged(p, l.activityId).catch((e) => {
      throw e instanceof AppError && e.code === 'FORBIDDEN' ? e : new AppError('NOT_FOUND');
    });
    const status = approve ? 'approved' : 'rejected';
    if (l.status !== 'pending') {
      if (l.status === status) return presentLeave(l, await this.memberName(l.memberId));
      throw new AppError('LEAVE_ALREADY_DECIDED');
    }
    const decidedAt = this.now();
    await this.ds.transaction(async (em) => {
      const res = await em.update(LeaveRequest, { id: l.id, status: 'pending' }, { status, decidedAt, decidedBy: p.id });
      if (!res.affected) throw new AppError('LEAVE_ALREADY_DECIDED');
      await writeAudit(em, p, approve ? 'leave.approve' : 'leave.reject', { type: 'leave_request', id: l.id }, null, audit);
    });
    return presentLeave({ ...l, status, decidedAt, decidedBy: p.id }, await this.memberName(l.memberId));
  }

  private async memberName(id: string): Promise<string> {
    return (await this.ds.getRepository(Member).findOne({ where: { id }, select: ['id', 'name'] }))?.name ?? '';
  }

  // ── attendance ───────────────────────────────────────────────────────────────────────────

  /** `GET /activities/:id/attendance`: the sheet — present, excused (approved leave), absent. */
  async attendance(p: Principal, id: string): Promise<AttendanceResponse> {
    const { activity, org } = await this.loadManaged(p, id);
    const invited = await this.ds
      .getRepository(Member)
      .createQueryBuilder('m')
      .innerJoin(Org, 'org', 'org.id = m.orgId')
      .select(['m.id AS id', 'm.name AS name', 'org.name AS orgName', 'm.status AS status'])
      .where(
        new Brackets((w) =>
          w
            .where('org.path LIKE :sub', { sub: `${org.path}%` })
            .orWhere('EXISTS (SELECT 1 FROM activity_invitees i WHERE i.activityId = :aid AND i.memberId = m.id)', { aid: activity.id }),
        ),
      )
      .orderBy('org.path', 'ASC')
      .addOrderBy('m.name', 'ASC')
      .getRawMany<{ id: string; name: string; orgName: string; status: string }>();
    const checkins = await this.ds.getRepository(CheckIn).findBy({ activityId: activity.id });
    const leaves = await this.ds.getRepository(LeaveRequest).findBy({ activityId: activity.id });
    const byMember = new Map(checkins.map((c) => [c.memberId, c]));
    const leaveOf = new Map(leaves.map((l) => [l.memberId, l]));
    const present: AttendanceRow[] = [];
    const excused: AttendanceRow[] = [];
    const absent: AttendanceRow[] = [];
    for (const m of invited) {
      const c = byMember.get(m.id);
      const l = leaveOf.get(m.id);
      const row: AttendanceRow = {
        memberId: m.id,
        name: m.name,
        orgName: m.orgName,
        method: c?.method ?? null,
        checkedInAt: c ? toIsoLocal(c.checkedInAt) : null,
        leaveReason: l?.reason ?? null,
      };
      if (c) present.push(row);
      else if (l?.status === 'approved') excused.push(row);
      // Applicants and activists are welcome but not bound to attend: never counted absent
      // (the same rule settles absences in FollowUpService).
      else if (m.status === 'full' || m.status === 'probationary') absent.push(row);
    }
    const expected = present.length + absent.length;
    const names = new Map(invited.map((m) => [m.id, m.name]));
    return {
      activityId: activity.id,
      present,
      excused,
      absent,
      pendingLeave: leaves.filter((l) => l.status === 'pending').map((l) => presentLeave(l, names.get(l.memberId) ?? '')),
      rate: expected > 0 ? Math.round((present.length / expected) * 1000) / 1000 : 0,
      closed: this.now().getTime() > activity.endsAt.getTime(),
    };
  }

  /** The attendance sheet as a spreadsheet (签到表). */
  async attendanceXlsx(p: Principal, id: string): Promise<{ filename: string; data: Buffer }> {
    const sheet = await this.attendance(p, id);
    const { activity, org } = await this.load(id);
    const wb = new ExcelJS.Workbook();
    wb.creator = '党建智慧云';
    const ws = wb.addWorksheet('签到表');
    ws.addRow([`${org.name} ${activity.title}（${ACTIVITY_KIND_LABELS[activity.kind]}）`]);
    ws.addRow([`时间：${toIsoLocal(activity.startsAt).slice(0, 16).replace('T', ' ')} 至 ${toIsoLocal(activity.endsAt).slice(0, 16).replace('T', ' ')}`]);
    ws.addRow([`应到 ${sheet.present.length + sheet.absent.length + sheet.excused.length} 人，实到 ${sheet.present.length} 人，请假 ${sheet.excused.length} 人，缺席 ${sheet.absent.length} 人，出席率 ${(sheet.rate * 100).toFixed(1)}%`]);
    ws.addRow([]);
    const header = ws.addRow(['序号', '姓名', '所在组织', '状态', '签到方式', '签到时间', '请假事由']);
    header.font = { bold: true };
    let n = 0;
    const add = (rows: AttendanceRow[], status: string) => {
      for (const r of rows)
        ws.addRow([++n, r.name, r.orgName, status, r.method ? CHECKIN_METHOD_LABELS[r.method] : '', r.checkedInAt?.slice(0, 16).replace('T', ' ') ?? '', r.leaveReason ?? '']);
    };
    add(sheet.present, '出席');
    add(sheet.excused, '请假');
    add(sheet.absent, sheet.closed ? '缺席' : '未签到');
    ws.columns.forEach((c, i) => (c.width = [6, 12, 20, 8, 10, 18, 30][i]));
    return { filename: `签到表-${activity.title}.xlsx`, data: Buffer.from(await wb.xlsx.writeBuffer()) };
  }
}
