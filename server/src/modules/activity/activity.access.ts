/**
 * Who may see and manage an activity, and the one rule of who it is for — in this file only.
 *
 * An activity has an audience (stored in `activities.audience`): `org` — the org and everything
 * under it, `committee` — the live 支部书记 / 支部委员 of the org itself, `members` — nobody
 * beyond those named. People may be named on it as well: `extra` (also expected) or `observer`
 * (列席). Everyone in the audience or named is invited (may see it, check in, ask for leave);
 * how each stands (`AttendeeStanding`) decides whether they are counted and earn points:
 *   - observer (列席): never expected, no attendance points;
 *   - guest: not a Party member (applicant, activist, 发展对象) — never expected, no points;
 *   - away: a mobile member away (流动在外) at an in-person meeting that does not allow remote
 *     participation — not expected; one who comes anyway is present and earns the points;
 *   - expected (应到): everyone else.
 * 组织关系转接: a member whose letter is issued and not yet received (在途), or who was received by an
 * org outside the deployment, is invited to nothing starting on or after the day of issue — in
 * neither org's 应到; a member received into an org counts in its audience for activities starting
 * on or after the day of receipt only (the roster's `transferSince` / `orgSince`, kept by the
 * transfer module through MemberDirectory).
 * Every module that needs any of this asks here: for one member (`standingOf`, or
 * `standingOfCaller` from the signed-in principal at no query cost) or for all (`attendees`).
 */
import { Brackets, type DataSource, type EntityManager } from 'typeorm';
import {
  CHECKIN_OPENS_BEFORE_MS,
  COMMITTEE_ROLES,
  MEMBER_EXIT_STATUSES,
  isPartyMember,
  type ActivityKind,
  type AttendeeScope,
  type AttendeeStanding,
  type MemberStatus,
  toLocalDate,
  localDayStart,
} from '@djzy/shared';
import { AppError } from '../../core/errors';
import { isIdLike } from '../../core/ids';
import { covers, requireManages, type Principal } from '../../core/principal';
import type { RoleDirectory } from '../auth';
import type { MemberDirectory } from '../member';
import type { Org, OrgService } from '../org';
import type { Activity } from './activity.entity';
import { ActivityRepository } from './activity.repository';

/** An activity with its org. */
export interface LoadedActivity {
  activity: Activity;
  org: Org;
}

/** Who an activity is for: its audience and the people named on it. */
export interface Audience {
  scope: AttendeeScope;
  /** Named and also expected (when Party members). */
  extras: ReadonlySet<string>;
  /** 列席. */
  observers: ReadonlySet<string>;
}

/** A person as the rule reads them. */
export interface AttendeeFacts {
  id: string;
  /** The path of their org. */
  orgPath: string | null;
  status: MemberStatus | null;
  isMobile: boolean;
  /** Holds a live committee role on the activity's org (read only for a `committee` audience). */
  onCommittee: boolean;
  /** 在途 or transferred out from this day (YYYY-MM-DD), else null. */
  transferSince?: string | null;
  /** Received into their org on this day (YYYY-MM-DD), else null. */
  orgSince?: string | null;
}

/** An invited member as the sheet, the closing and the announcements read them. */
export interface Attendee {
  id: string;
  name: string;
  orgName: string;
  orgId: string;
  path: string;
  status: MemberStatus;
  standing: AttendeeStanding;
}

/** The one rule: how a person stands toward an activity, or null when it is not for them. */
export function standingIn(person: AttendeeFacts, a: LoadedActivity, audience: Audience): AttendeeStanding | null {
  const { scope } = audience;
  // Membership ended (劝退/除名 took effect): no activity expects or counts them any more.
  if (MEMBER_EXIT_STATUSES.includes(person.status as never)) return null;
  const day = person.transferSince || person.orgSince ? toLocalDate(a.activity.startsAt) : '';
  if (person.transferSince && day >= person.transferSince) return null;
  const inOrg = !!person.orgPath?.startsWith(a.org.path) && !(person.orgSince && day < person.orgSince);
  const inScope = scope === 'org' ? inOrg : scope === 'committee' ? person.onCommittee : false;
  const observer = audience.observers.has(person.id);
  if (!inScope && !observer && !audience.extras.has(person.id)) return null;
  if (observer) return 'observer';
  if (!isPartyMember(person.status)) return 'guest';
  // Online study happens wherever the member is; so does a meeting that allows remote participation.
  if (person.isMobile && !a.activity.allowRemote && a.activity.studyMode !== 'online') return 'away';
  return 'expected';
}

/** Whether attending earns a member the kind's points: Party members it expects (or who came home for it). */
export function earnsAttendancePoints(s: AttendeeStanding | null): boolean {
  return s === 'expected' || s === 'away';
}

export class ActivityAccess {
  private readonly repo: ActivityRepository;

  constructor(
    ds: DataSource,
    private readonly orgs: OrgService,
    private readonly members: MemberDirectory,
    private readonly roles: RoleDirectory,
  ) {
    this.repo = new ActivityRepository(ds);
  }

  /** An activity and its org, or 404. */
  async load(id: string): Promise<LoadedActivity> {
    const activity = isIdLike(id) ? await this.repo.find(id) : null;
    const org = activity ? await this.orgs.find(activity.orgId) : null;
    if (!activity || !org) throw new AppError('NOT_FOUND');
    return { activity, org };
  }

  /** Who an activity is for. Named people only change while it is a draft: a caller may keep this. */
  async audience(a: LoadedActivity): Promise<Audience> {
    const named = await this.repo.invitees(a.activity.id);
    return {
      scope: a.activity.audience ?? 'org',
      extras: new Set(named.filter((n) => n.role !== 'observer').map((n) => n.memberId)),
      observers: new Set(named.filter((n) => n.role === 'observer').map((n) => n.memberId)),
    };
  }

  /** The signed-in member's standing (from the principal: no roster query). */
  standingOfCaller(p: Principal, a: LoadedActivity, audience: Audience): AttendeeStanding | null {
    if (!p.memberId) return null;
    const onCommittee = p.grants.some((g) => COMMITTEE_ROLES.includes(g.role) && g.orgId === a.org.id);
    return standingIn(
      {
        id: p.memberId,
        orgPath: p.orgPath,
        status: p.memberStatus,
        isMobile: p.memberMobile,
        onCommittee,
        transferSince: p.memberTransferSince,
        orgSince: p.memberOrgSince,
      },
      a,
      audience,
    );
  }

  /** A member's standing, read from the roster (for the organiser's 代签, online study …). */
  async standingOf(memberId: string, a: LoadedActivity, audience?: Audience): Promise<AttendeeStanding | null> {
    const found = await this.members.findWithOrg(memberId);
    if (!found) return null;
    const aud = audience ?? (await this.audience(a));
    const onCommittee =
      aud.scope === 'committee' && (await this.roles.liveGrants(memberId, COMMITTEE_ROLES)).some((g) => g.orgId === a.org.id);
    const { member, org } = found;
    return standingIn(
      {
        id: member.id,
        orgPath: org.path,
        status: member.status,
        isMobile: !!member.isMobile,
        onCommittee,
        transferSince: member.transferSince,
        orgSince: member.orgSince,
      },
      a,
      aud,
    );
  }

  /** Everyone an activity is for, with their standing, by org then name. */
  async attendees(a: LoadedActivity, audience?: Audience): Promise<Attendee[]> {
    const aud = audience ?? (await this.audience(a));
    const committee = aud.scope === 'committee' ? await this.roles.holdersOn(a.org.id, COMMITTEE_ROLES) : [];
    const named = [...aud.extras, ...aud.observers, ...committee];
    if (aud.scope !== 'org' && !named.length) return [];
    const qb = this.members
      .query('m', 'org')
      .select([
        'm.id AS id',
        'm.name AS name',
        'org.name AS orgName',
        'm.orgId AS orgId',
        'org.path AS path',
        'm.status AS status',
        'm.isMobile AS isMobile',
      ])
      .addSelect(['m.transferSince AS transferSince', 'm.orgSince AS orgSince'])
      .andWhere(
        new Brackets((w) => {
          if (aud.scope === 'org') w.orWhere('org.path LIKE :audienceSub', { audienceSub: `${a.org.path}%` });
          if (named.length) w.orWhere('m.id IN (:...audienceNamed)', { audienceNamed: named });
        }),
      );
    type Row = Omit<Attendee, 'standing'> & { isMobile: number | boolean; transferSince: string | null; orgSince: string | null };
    const rows = await qb.orderBy('org.path', 'ASC').addOrderBy('m.name', 'ASC').getRawMany<Row>();
    const onCommittee = new Set(committee);
    const list: Attendee[] = [];
    for (const { isMobile, transferSince, orgSince, ...r } of rows) {
      const facts = {
        id: r.id,
        orgPath: r.path,
        status: r.status,
        isMobile: !!Number(isMobile),
        onCommittee: onCommittee.has(r.id),
        transferSince,
        orgSince,
      };
      const standing = standingIn(facts, a, aud);
      if (standing) list.push({ ...r, standing });
    }
    return list;
  }

  /** An activity the caller may see: a manager of its org, or an invited member once published. */
  async loadVisible(p: Principal, id: string): Promise<LoadedActivity & { canManage: boolean }> {
    const a = await this.load(id);
    const canManage = covers(p, a.org.path);
    if (canManage) return { ...a, canManage };
    if (a.activity.status !== 'draft' && this.standingOfCaller(p, a, await this.audience(a))) return { ...a, canManage };
    throw new AppError('NOT_FOUND');
  }

  /** An activity the caller manages: 404 when they may not see it, 403 when they only attend. */
  async loadManaged(p: Principal, id: string): Promise<LoadedActivity> {
    const a = await this.loadVisible(p, id);
    requireManages(p, a.org.path);
    return a;
  }

  /** The orgs on whose committee a member sits (a 支委会 of those orgs is for them). */
  committeeOrgsOf(p: Principal): string[] {
    return p.grants.filter((g) => COMMITTEE_ROLES.includes(g.role)).map((g) => g.orgId);
  }

  // ── reads for the check-in and follow-up modules ──────────────────────────────────────────

  /** The materials an online study activity links, in order. */
  async materialIdsOf(activityId: string): Promise<string[]> {
    return this.repo.materialIdsOf(activityId);
  }

  /** Published online study activities linking a material whose check-in window is open at `at`. */
  async openOnlineLinking(materialId: string, at: Date): Promise<LoadedActivity[]> {
    const ids = await this.repo.activityIdsLinking(materialId);
    if (!ids.length) return [];
    const list = await this.repo.openOnlineAmong(ids, new Date(at.getTime() + CHECKIN_OPENS_BEFORE_MS), at);
    const orgs = await this.orgs.byIds(list.map((a) => a.orgId));
    return list.filter((a) => orgs.has(a.orgId)).map((activity) => ({ activity, org: orgs.get(activity.orgId)! }));
  }

  /** Published activities whose attendance is not closed and that ended before `before`. */
  async dueForClosing(before: Date, take: number): Promise<string[]> {
    return this.repo.dueForClosing(before, take);
  }

  /** Marks attendance closed, once (false when it already was). */
  async markClosed(em: EntityManager, id: string, at: Date): Promise<boolean> {
    return this.repo.markClosed(em, id, at);
  }

  /**
   * The last `n` closed org-life meetings up to `latest` that expected a member (in the org at
   * `memberPath`): their own org's and its ancestors' (audience `org`, from the day they were
   * received into the org), their committee's, or naming them as also expected. Newest first.
   */
  async recentClosedOrgLife(memberId: string, memberPath: string, latest: Date, n: number): Promise<Activity[]> {
    const ancestors = memberPath.split('/').filter(Boolean);
    const committees = (await this.roles.liveGrants(memberId, COMMITTEE_ROLES)).map((g) => g.orgId);
    const orgSince = (await this.members.find(memberId))?.orgSince;
    return this.repo.recentClosedOrgLife(memberId, ancestors, committees, latest, n, orgSince ? localDayStart(orgSince) : null);
  }

  /** Closed org-life meetings in [from, to) that may expect members of the subtree at `path` (its own and its ancestors'), oldest first. */
  async closedOrgLifeFor(path: string, from: Date, to: Date): Promise<LoadedActivity[]> {
    const ids = await this.repo.closedOrgLifeIds(path, path.split('/').filter(Boolean), from, to);
    return Promise.all(ids.map((id) => this.load(id)));
  }

  /** Published org-life meetings held in these subtrees in [from, to): kind, start and the org's path. */
  async orgLifeHeld(paths: string[], from: Date, to: Date): Promise<{ kind: ActivityKind; startsAt: string | Date; path: string }[]> {
    return this.repo.orgLifeHeld(paths, from, to);
  }
}
