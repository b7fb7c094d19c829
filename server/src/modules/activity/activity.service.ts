/**
 * Activities (组织生活 and study): create, edit while draft, publish (活动预告, with its
 * subscription messages), cancel, study links (materials, pairs) and the views members and
 * organisers read. Who may see and manage one, and who is invited, is activity.access.ts;
 * checking in and attendance are the check-in module's.
 */
import type { DataSource, EntityManager } from 'typeorm';
import {
  DEFAULT_PAGE_SIZE,
  MAX_ACTIVITY_INVITEES,
  ONLINE_STUDY_MAX_DAYS,
  defaultAttendeeScope,
  type AttendeeScope,
  type AttendeesView,
  type AttendeeStanding,
  type ActivityListQuery,
  type ActivityView,
  type CheckInView,
  type BatchCreateActivitiesRequest,
  type CreateActivityRequest,
  type MyActivityStatus,
  type MyAttendance,
  type MyOrgLifeItem,
  type Page,
  type StudyPairInput,
  type StudyPairView,
  type UpdateActivityRequest,
  localDayStart,
} from '@djzy/shared';
import { systemClock, type Clock } from '../../core/clock';
import { AppError, fieldError } from '../../core/errors';
import { newId } from '../../core/ids';
import { covers, isManager, requireManages, scopePaths, type Principal } from '../../core/principal';
import { writeAudit, type AuditContext } from '../audit';
import type { MemberDirectory } from '../member';
import type { NotificationService } from '../notification';
import { townshipPathOf, type Org, type OrgService } from '../org';
import { checkMaterialsFor, type StudyProgress, type StudyService } from '../study';
import type { ActivityAccess, Audience } from './activity.access';
import type { Activity } from './activity.entity';
import { presentActivity } from './activity.presenter';
import { ActivityRepository, type ActivityListScope } from './activity.repository';
import { checkPairs, loadStudyExtras } from './activity-study';

/** What the activity views show of attendance, from the check-in module (which sits above this one). */
export interface AttendanceSummary {
  summarize(
    activities: Activity[],
    viewer: Principal,
  ): Promise<Map<string, { checkedInCount: number; myStatus: MyActivityStatus | null; myCheckIn: CheckInView | null }>>;
}

/** An activity checked for its org and ready to be written. */
interface Prepared {
  activity: Activity;
  org: Org;
  extras: string[];
  observers: string[];
  materialIds: string[];
  pairs: StudyPairInput[];
}

const MAX_DURATION_MS = 3 * 24 * 3600_000;

export class ActivityService {
  /** Told when an activity changes (publish, cancel), so caches of it are dropped at once. */
  private changed: ((activityId: string) => void) | null = null;
  private readonly repo: ActivityRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
    private readonly access: ActivityAccess,
    private readonly members: MemberDirectory,
    private readonly progress: StudyProgress,
    study: StudyService,
    private readonly attendance: AttendanceSummary,
    private readonly notifications: NotificationService,
    private readonly now: Clock = systemClock,
  ) {
    this.repo = new ActivityRepository(ds);
    study.allowNotesOnActivities((p, activityId) => this.noteRefusal(p, activityId));
  }

  /** The check-in module drops its cached copy of an activity when it changes. */
  onChange(listener: (activityId: string) => void) {
    this.changed = listener;
  }

  /**
   * Study reflections on an activity (学习心得): a published study activity or 党课 the member is
   * invited to (registered with the study module, which sits below activities).
   */
  private async noteRefusal(p: Principal, activityId: string): Promise<string | null> {
    const a = await this.access.load(activityId).catch(() => null);
    const invited = !!a && a.activity.status === 'published' && !!this.access.standingOfCaller(p, a, await this.access.audience(a));
    if (!a || !invited) return '活动不存在或您不在参加范围内';
    if (a.activity.kind !== 'study_session' && a.activity.kind !== 'party_lecture') return '只能为学习活动或党课撰写学习心得';
    return null;
  }

  // ── create, edit, publish, cancel ────────────────────────────────────────────────────────

  private validateShape(input: CreateActivityRequest) {
    const starts = new Date(input.startsAt).getTime();
    const ends = new Date(input.endsAt).getTime();
    const online = input.studyMode === 'online';
    if (!(ends > starts)) throw fieldError('endsAt', '结束时间必须晚于开始时间');
    if (online && ends - starts > ONLINE_STUDY_MAX_DAYS * 24 * 3600_000)
      throw fieldError('endsAt', `网络学习活动不能超过 ${ONLINE_STUDY_MAX_DAYS} 天`);
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
    requireManages(p, org.path);
    const prepared = await this.prepare(p, input, org);
    await this.ds.transaction((em) => this.insertPrepared(em, p, prepared, audit));
    return this.view(p, prepared.activity, org, true);
  }

  /**
   * `POST /activities/batch` (下发到各支部): the same activity for each chosen org — each its own
   * (own QR, own attendance). Every org must be the caller's (404 otherwise, nothing written)
   * and every activity valid for its org before any is written; then all are written together.
   */
  async createBatch(p: Principal, input: BatchCreateActivitiesRequest, audit: AuditContext): Promise<ActivityView[]> {
    if (input.activity.pairs?.length) throw fieldError('activity.pairs', '下发的活动不能预先填写结对名单，请在各支部的活动中填写');
    if (input.activity.extraMemberIds?.length || input.activity.attendees?.extraMemberIds?.length)
      throw fieldError('activity.extraMemberIds', '下发的活动不能邀请个别党员，请在各支部的活动中邀请');
    if (input.activity.attendees?.observerMemberIds?.length)
      throw fieldError('activity.attendees.observerMemberIds', '下发的活动不能预先指定列席人员，请在各支部的活动中指定');
    const orgs: Org[] = [];
    for (const orgId of input.orgIds) {
      const org = await this.orgs.find(orgId);
      // Out of scope answers like unknown: the id confirms nothing.
      if (!org || !covers(p, org.path)) throw new AppError('NOT_FOUND');
      orgs.push(org);
    }
    const prepared: Prepared[] = [];
    for (const org of orgs) prepared.push(await this.prepare(p, { ...input.activity, orgId: org.id }, org));
    await this.ds.transaction(async (em) => {
      for (const one of prepared) await this.insertPrepared(em, p, one, audit);
    });
    const views: ActivityView[] = [];
    for (const [k, one] of prepared.entries())
      views.push(input.publish ? await this.publish(p, one.activity.id, audit) : await this.view(p, one.activity, orgs[k], true));
    return views;
  }

  /** Checks an activity for an org (shape, invitees, study links) and builds its row; writes nothing. */
  private async prepare(p: Principal, input: CreateActivityRequest, org: Org): Promise<Prepared> {
    this.validateShape(input);
    const { scope, extras, observers } = await this.resolveAttendees(input, org, null);
    const materialIds = await checkMaterialsFor(this.ds, org, input.materialIds ?? []);
    const pairs = await checkPairs(this.members, org, extras, input.pairs ?? []);
    const activity: Activity = {
      id: newId(),
      title: input.title,
      kind: input.kind,
      orgId: org.id,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      locationName: input.place || input.location?.name || null,
      lat: input.location?.lat ?? null,
      lng: input.location?.lng ?? null,
      radiusM: input.location?.radiusM ?? null,
      checkinModes: [...new Set(input.checkinModes)].join(','),
      studyMode: input.studyMode ?? null,
      description: input.description ?? null,
      lecturer: input.lecturer || null,
      topic: input.topic || null,
      allowRemote: !!input.allowRemote,
      audience: scope,
      status: 'draft',
      createdBy: p.id,
      createdAt: this.now(),
      publishedAt: null,
      cancelledAt: null,
      attendanceClosedAt: null,
    };
    return { activity, org, extras, observers, materialIds, pairs };
  }

  private async insertPrepared(em: EntityManager, p: Principal, one: Prepared, audit: AuditContext) {
    const a = one.activity;
    await this.repo.insert(em, a);
    await this.repo.insertInvitees(em, a.id, one.extras, one.observers);
    await this.repo.insertStudyLinks(em, a.id, one.materialIds, one.pairs);
    await writeAudit(em, p, 'activity.create', { type: 'activity', id: a.id }, { orgId: one.org.id, kind: a.kind }, audit);
  }

  /**
   * Who an activity is for, from a request: the scope (`default` is the kind's audience, `group`
   * a 党小组's own members), those also expected and those sitting in (列席). Everyone named
   * must be on the roster of the activity's township (the county's, for a county activity).
   * `current`: the stored audience when editing (what the request leaves out is kept).
   */
  private async resolveAttendees(
    input: UpdateActivityRequest & { kind: CreateActivityRequest['kind'] },
    org: Org,
    current: { scope: AttendeeScope; extras: string[]; observers: string[]; kind: CreateActivityRequest['kind'] } | null,
  ): Promise<{ scope: AttendeeScope; extras: string[]; observers: string[] }> {
    const att = input.attendees;
    let scope: AttendeeScope;
    const asked = att?.scope ?? (current ? null : 'default');
    if (asked === null) {
      // Editing without naming a scope: a kind's default follows the kind; a chosen one stays.
      scope = current!.scope === defaultAttendeeScope(current!.kind) ? defaultAttendeeScope(input.kind) : current!.scope;
    } else if (asked === 'default') scope = defaultAttendeeScope(input.kind);
    else if (asked === 'group') {
      if (org.kind !== 'group') throw fieldError('attendees.scope', '“党小组全体党员”只能用于党小组的活动，请把活动所属组织选为党小组');
      scope = 'org';
    } else scope = asked;
    const listed = att?.extraMemberIds !== undefined || input.extraMemberIds !== undefined;
    const extras = listed || !current ? [...new Set([...(input.extraMemberIds ?? []), ...(att?.extraMemberIds ?? [])])] : current.extras;
    const observers = att?.observerMemberIds !== undefined || !current ? [...new Set(att?.observerMemberIds ?? [])] : current.observers;
    if (observers.some((id) => extras.includes(id))) throw fieldError('attendees.observerMemberIds', '同一人不能既是参会人员又是列席人员');
    if (extras.length + observers.length > MAX_ACTIVITY_INVITEES)
      throw fieldError('attendees', `参会和列席人员合计不能超过 ${MAX_ACTIVITY_INVITEES} 人`);
    if (scope === 'members' && !extras.length)
      throw fieldError('attendees.extraMemberIds', '参会范围为“指定人员”时，请至少选择一名参会人员');
    await this.checkNamed(extras, org, 'attendees.extraMemberIds', '参会人员');
    await this.checkNamed(observers, org, 'attendees.observerMemberIds', '列席人员');
    return { scope, extras, observers };
  }

  /** Everyone named exists and belongs to the activity's township (the county's for a county activity). */
  private async checkNamed(ids: string[], org: Org, field: string, what: string): Promise<void> {
    if (!ids.length) return;
    const found = await this.members.basicsOf(ids);
    if (found.length !== ids.length) throw fieldError(field, `${what}中有不存在的人员编号`);
    const township = townshipPathOf(org.path);
    const orgs = await this.orgs.byIds(found.map((m) => m.orgId));
    const outside = found.filter((m) => !orgs.get(m.orgId)?.path.startsWith(township));
    if (outside.length) throw fieldError(field, `${what}须是本乡镇的人员：${outside.map((m) => m.name).join('、')} 不在本乡镇`);
  }

  /**
   * `PUT /activities/:id/pairs`: the organiser records who studied with whom (结对); also after
   * publishing, until attendance is closed.
   */
  async setPairs(p: Principal, id: string, input: StudyPairInput[], audit: AuditContext): Promise<StudyPairView[]> {
    const { activity, org } = await this.access.loadManaged(p, id);
    if (activity.status === 'cancelled') throw new AppError('ACTIVITY_CANCELLED');
    if (activity.studyMode !== 'paired') throw fieldError('pairs', '只有结对式学习活动可以填写结对');
    if (activity.attendanceClosedAt) throw new AppError('ATTENDANCE_CLOSED');
    const pairs = await checkPairs(this.members, org, await this.repo.inviteeIds(activity.id), input);
    await this.ds.transaction(async (em) => {
      await this.repo.deletePairs(em, activity.id);
      await this.repo.insertStudyLinks(em, activity.id, [], pairs);
      await writeAudit(em, p, 'activity.pairs', { type: 'activity', id: activity.id }, { pairs: pairs.length }, audit);
    });
    return (await loadStudyExtras(this.repo, this.members, this.progress, [activity.id], null)).pairs.get(activity.id) ?? [];
  }

  async update(p: Principal, id: string, input: UpdateActivityRequest, audit: AuditContext): Promise<ActivityView> {
    const { activity, org } = await this.access.loadManaged(p, id);
    if (activity.status !== 'draft') throw new AppError('ACTIVITY_NOT_DRAFT');
    if (input.orgId && input.orgId !== activity.orgId) throw fieldError('orgId', '活动所属组织不能修改');
    const current: CreateActivityRequest = {
      title: activity.title,
      kind: activity.kind,
      orgId: activity.orgId,
      startsAt: activity.startsAt.toISOString(),
      endsAt: activity.endsAt.toISOString(),
      location:
        activity.lat != null
          ? { name: activity.locationName ?? '', lat: activity.lat, lng: activity.lng!, radiusM: activity.radiusM! }
          : undefined,
      checkinModes: activity.checkinModes.split(',') as CreateActivityRequest['checkinModes'],
      studyMode: activity.studyMode ?? undefined,
      materialIds: await this.repo.linkedMaterialIds(activity.id),
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
      Object.assign(patch, {
        locationName: input.place || input.location.name,
        lat: input.location.lat,
        lng: input.location.lng,
        radiusM: input.location.radiusM,
      });
    else if (input.place !== undefined) patch.locationName = input.place || null;
    if (input.checkinModes !== undefined) patch.checkinModes = [...new Set(input.checkinModes)].join(',');
    if (input.studyMode !== undefined) patch.studyMode = input.studyMode;
    if (input.description !== undefined) patch.description = input.description;
    if (input.lecturer !== undefined) patch.lecturer = input.lecturer || null;
    if (input.topic !== undefined) patch.topic = input.topic || null;
    if (input.allowRemote !== undefined) patch.allowRemote = input.allowRemote;
    const stored = await this.access.audience({ activity, org });
    const attendees = await this.resolveAttendees({ ...input, kind: merged.kind }, org, {
      scope: stored.scope,
      extras: [...stored.extras],
      observers: [...stored.observers],
      kind: activity.kind,
    });
    if (attendees.scope !== activity.audience) patch.audience = attendees.scope;
    const namesChanged = input.attendees !== undefined || input.extraMemberIds !== undefined;
    const extras = namesChanged ? attendees.extras : null;
    // Leaving online study drops its materials; leaving paired study drops its pairs.
    const materialIds = input.materialIds
      ? await checkMaterialsFor(this.ds, org, input.materialIds)
      : merged.studyMode !== 'online'
        ? []
        : null;
    const pairs = input.pairs
      ? await checkPairs(this.members, org, extras ?? (await this.repo.inviteeIds(activity.id)), input.pairs)
      : merged.studyMode !== 'paired'
        ? []
        : null;
    await this.ds.transaction(async (em) => {
      if (!(await this.repo.updateDraft(em, activity.id, patch))) throw new AppError('ACTIVITY_NOT_DRAFT');
      if (namesChanged) {
        await this.repo.deleteInvitees(em, activity.id);
        await this.repo.insertInvitees(em, activity.id, attendees.extras, attendees.observers);
      }
      if (materialIds) await this.repo.deleteMaterials(em, activity.id);
      if (pairs) await this.repo.deletePairs(em, activity.id);
      await this.repo.insertStudyLinks(em, activity.id, materialIds ?? [], pairs ?? []);
      await writeAudit(em, p, 'activity.update', { type: 'activity', id: activity.id }, { fields: Object.keys(patch) }, audit);
    });
    return this.view(p, { ...activity, ...patch }, org, true);
  }

  /** `POST /activities/:id/publish`: the announcement (活动预告). Publishing twice is harmless. */
  async publish(p: Principal, id: string, audit: AuditContext): Promise<ActivityView> {
    const { activity, org } = await this.access.loadManaged(p, id);
    this.changed?.(activity.id);
    if (activity.status === 'cancelled') throw new AppError('ACTIVITY_CANCELLED');
    if (activity.status === 'draft') {
      if (activity.endsAt.getTime() <= this.now().getTime()) throw fieldError('endsAt', '活动已结束，不能再发布');
      activity.status = 'published';
      activity.publishedAt = this.now();
      const recipients = await this.boundInvitees(activity, org);
      await this.ds.transaction(async (em) => {
        if (!(await this.repo.publishDraft(em, activity.id, activity.publishedAt!))) return;
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

  /** Everyone invited (列席 too) who has bound WeChat (only they can receive subscription messages). */
  private async boundInvitees(activity: Activity, org: Org): Promise<string[]> {
    const invited = (await this.access.attendees({ activity, org })).map((r) => r.id);
    return [...(await this.members.openIdsOf(invited)).keys()];
  }

  async cancel(p: Principal, id: string, audit: AuditContext): Promise<ActivityView> {
    const { activity, org } = await this.access.loadManaged(p, id);
    this.changed?.(activity.id);
    if (activity.status !== 'cancelled') {
      activity.status = 'cancelled';
      activity.cancelledAt = this.now();
      await this.ds.transaction(async (em) => {
        await this.repo.markCancelled(em, activity.id, activity.cancelledAt!);
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
    const summary = await this.attendance.summarize(list, p);
    const named = await this.named(list, managed);
    const study = await loadStudyExtras(
      this.repo,
      this.members,
      this.progress,
      list.filter((a) => a.studyMode === 'online' || a.studyMode === 'paired').map((a) => a.id),
      p.memberId,
    );
    // 应到 of the activities the caller manages (one roster query each: a page is 20 at most).
    const expected = new Map<string, number>();
    for (const a of list) {
      const org = orgs.get(a.orgId);
      if (!managed.has(a.id) || !org) continue;
      const attendees = await this.access.attendees({ activity: a, org }, named.audiences.get(a.id));
      expected.set(a.id, attendees.filter((x) => x.standing === 'expected').length);
    }
    return list.map((a) => {
      const mine = summary.get(a.id);
      const org = orgs.get(a.orgId);
      const audience = named.audiences.get(a.id)!;
      const myStanding: AttendeeStanding | null = org ? this.access.standingOfCaller(p, { activity: a, org }, audience) : null;
      return presentActivity(a, {
        orgName: org?.name ?? '',
        canManage: managed.has(a.id),
        attendees: managed.has(a.id) ? named.view(a, audience) : null,
        myStanding,
        myStatus: this.myStatus(p, myStanding, mine?.myStatus ?? null),
        myCheckIn: mine?.myCheckIn ?? null,
        checkedInCount: mine?.checkedInCount ?? 0,
        expectedCount: expected.get(a.id) ?? null,
        materials: study.materials.get(a.id) ?? [],
        pairs: study.pairs.get(a.id) ?? [],
      });
    });
  }

  /**
   * The caller's own status, by their standing: one it is not for sees `not_invited` (unless
   * they checked in); one not expected (列席, away, not a member) is never `absent`.
   */
  private myStatus(p: Principal, standing: AttendeeStanding | null, status: MyActivityStatus | null): MyActivityStatus | null {
    if (!p.memberId || status === 'checked_in') return status;
    if (!standing) return 'not_invited';
    if (standing !== 'expected' && status === 'absent') return null;
    return status;
  }

  /** The audiences of these activities (one query) and, for those managed, the named people's names. */
  private async named(list: Activity[], managed: Set<string>) {
    const rows = await this.repo.inviteesOf(list.map((a) => a.id));
    const audiences = new Map<string, Audience>(
      list.map((a) => {
        const mine = rows.filter((r) => r.activityId === a.id);
        const extras = new Set(mine.filter((r) => r.role !== 'observer').map((r) => r.memberId));
        const observers = new Set(mine.filter((r) => r.role === 'observer').map((r) => r.memberId));
        return [a.id, { scope: a.audience ?? 'org', extras, observers }];
      }),
    );
    const shown = rows.filter((r) => managed.has(r.activityId)).map((r) => r.memberId);
    const basics = new Map((await this.members.basicsOf(shown)).map((m) => [m.id, m]));
    const orgs = await this.orgs.byIds([...basics.values()].map((m) => m.orgId));
    const person = (id: string) => {
      const m = basics.get(id);
      return { id, name: m?.name ?? '', orgName: (m && orgs.get(m.orgId)?.name) ?? '' };
    };
    const view = (a: Activity, audience: Audience): AttendeesView => ({
      scope: audience.scope,
      extras: [...audience.extras].map(person),
      observers: [...audience.observers].map(person),
    });
    return { audiences, view };
  }

  /**
   * `GET /me/org-life` (我的组织生活): the caller's own meetings that have ended, newest first,
   * with how they stood at each — present, on leave, absent — by the same rules as the sheet.
   */
  async myOrgLife(p: Principal, q: { page?: number; pageSize?: number }): Promise<Page<MyOrgLifeItem>> {
    if (!p.memberId) throw new AppError('MEMBER_ACCOUNT_REQUIRED');
    const scope: ActivityListScope = {
      kind: 'member',
      memberId: p.memberId,
      ancestors: (p.orgPath ?? '').split('/').filter(Boolean),
      committeeOrgIds: this.access.committeeOrgsOf(p),
    };
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? DEFAULT_PAGE_SIZE;
    const { list, total } = await this.repo.page({ scope, status: 'published', endedBy: this.now() }, page, pageSize, false);
    const orgs = await this.orgs.withAncestors(list.map((a) => a.orgId));
    const views = await this.views(p, list, orgs, new Set());
    return {
      items: views.map((v) => ({
        activityId: v.id,
        title: v.title,
        kind: v.kind,
        orgName: v.orgName,
        startsAt: v.startsAt,
        endsAt: v.endsAt,
        attendance: attendanceOf(v.myStatus),
        method: v.myStatus === 'checked_in' ? (v.myCheckIn?.method ?? null) : null,
      })),
      total,
    };
  }

  async get(p: Principal, id: string): Promise<ActivityView> {
    const { activity, org, canManage } = await this.access.loadVisible(p, id);
    return this.view(p, activity, org, canManage);
  }

  /**
   * `GET /activities`: a manager sees every activity of the orgs in scope (drafts too); a member
   * (or anyone with `mine=true`) sees the published and cancelled activities they are invited to.
   */
  async list(p: Principal, q: ActivityListQuery): Promise<Page<ActivityView>> {
    const asMember = q.mine || !isManager(p);
    let scope: ActivityListScope;
    if (asMember) {
      if (!p.memberId) return { items: [], total: 0 };
      scope = {
        kind: 'member',
        memberId: p.memberId,
        ancestors: (p.orgPath ?? '').split('/').filter(Boolean),
        committeeOrgIds: this.access.committeeOrgsOf(p),
        transferFrom: p.memberTransferSince ? localDayStart(p.memberTransferSince) : null,
        orgFrom: p.memberOrgSince ? localDayStart(p.memberOrgSince) : null,
      };
    } else {
      scope = { kind: 'subtrees', paths: scopePaths(p) };
    }
    let orgPath: string | undefined;
    if (q.orgId) {
      const org = await this.orgs.get(q.orgId).catch(() => null);
      if (!org) throw fieldError('orgId', '组织不存在');
      if (!asMember && !covers(p, org.path)) throw new AppError('FORBIDDEN');
      orgPath = org.path;
    }
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? DEFAULT_PAGE_SIZE;
    const { list, total } = await this.repo.page(
      { scope, orgPath, status: q.status, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined },
      page,
      pageSize,
      !!q.from,
    );
    const orgs = await this.orgs.withAncestors(list.map((a) => a.orgId));
    const managed = new Set(list.filter((a) => covers(p, orgs.get(a.orgId)?.path ?? '\0')).map((a) => a.id));
    return { items: await this.views(p, list, orgs, managed), total };
  }
}

/** A past meeting's status as 我的组织生活 names it (one not expected of me is not counted). */
function attendanceOf(status: MyActivityStatus | null): MyAttendance {
  switch (status) {
    case 'checked_in':
      return 'present';
    case 'excused':
      return 'leave';
    case 'absent':
    case 'leave_rejected':
      return 'absent';
    case 'leave_pending':
      return 'leave_pending';
    default:
      return 'not_counted';
  }
}
