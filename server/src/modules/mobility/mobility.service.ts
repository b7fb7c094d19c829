/**
 * Mobile members and their one-to-one contact: the record (where, which cadre, how often), the
 * contact log, what is overdue, the member's own reports, and reminders to cadres. A cadre sees
 * and logs for their own assignees only; managers see their scope.
 */
import type { DataSource, EntityManager } from 'typeorm';
import {
  DEFAULT_CONTACT_INTERVAL_DAYS,
  DEFAULT_PAGE_SIZE,
  MOBILITY_REPORT_STATUS_LABELS,
  maskPhone,
  periodKeysOf,
  parsePeriod,
  toIsoLocal,
  toLocalDate,
  type CadreFigures,
  type ContactLogRequest,
  type ContactLogResponse,
  type ContactLogView,
  type MobileMemberListQuery,
  type MobileMemberView,
  type MobilityReportRequest,
  type MobilitySettingsView,
  type MobilityStatus,
  type UpdateMobilitySettingsRequest,
  type MyMobilityResponse,
  type Page,
  type Role,
  type UpsertMobilityRequest,
} from '@djzy/shared';
import { writeAudit, type AuditContext } from '../audit';
import type { FieldCipher } from '../../core/crypto';
import { AppError, fieldError } from '../../core/errors';
import { isDuplicateKey } from '../../core/http';
import { systemClock } from '../../core/clock';
import { newId } from '../../core/ids';
import { covers, isManager, requireManages, type Principal } from '../../core/principal';
import { transactionWithRetry } from '../../core/sql';
import type { RoleDirectory } from '../auth';
import type { MemberBasics, MemberDirectory } from '../member';
import { branchOf, townshipPathOf, type Org, type OrgService } from '../org';
import type { NotificationService } from '../notification';
import { award } from '../points';
import { checkIdempotencyKey } from '../idempotency';
import type { ContactLog, MemberMobility } from './mobility.entity';
import { MobilityRepository, type MobilityListScope } from './mobility.repository';

const DAY = 24 * 3600_000;
/** Roles that may be assigned as a contact cadre. */
const CADRE_ROLES: Role[] = ['contact_cadre', 'branch_secretary', 'branch_committee'];

export interface MobilityOptions {
  lostContactDays: number;
  /** Whether a member's own report counts as a contact for the cadre's duty (the township's choice). */
  selfReportResets: boolean;
  now?: () => Date;
}

export class MobilityService {
  private readonly repo: MobilityRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
    private readonly members: MemberDirectory,
    private readonly roles: RoleDirectory,
    private readonly cipher: FieldCipher,
    private readonly notifications: NotificationService,
    private readonly opts: MobilityOptions,
  ) {
    this.repo = new MobilityRepository(ds);
  }

  /** Contacts by id, for links to them from other records (evidence of a rectification). */
  async contactsByIds(ids: string[]): Promise<{ id: string; memberId: string; contactedAt: Date }[]> {
    return this.repo.contactsByIds(ids);
  }

  private now(): Date {
    return (this.opts.now ?? systemClock)();
  }

  // ── township settings ────────────────────────────────────────────────────────────────────

  private defaults(orgId: string): MobilitySettingsView {
    return { orgId, defaultIntervalDays: DEFAULT_CONTACT_INTERVAL_DAYS, lostContactDays: this.opts.lostContactDays, selfReportResets: this.opts.selfReportResets };
  }

  /** Each township's rules: its own where it set them, the configured defaults otherwise. */
  private async settingsOf(townshipIds: string[]): Promise<Map<string, MobilitySettingsView>> {
    const ids = [...new Set(townshipIds)];
    const rows = await this.repo.settingsOf(ids);
    const map = new Map(ids.map((id) => [id, this.defaults(id)]));
    for (const r of rows) map.set(r.orgId, { orgId: r.orgId, defaultIntervalDays: r.defaultIntervalDays, lostContactDays: r.lostContactDays, selfReportResets: !!r.selfReportResets });
    return map;
  }

  private async townshipOf(orgId: string): Promise<Org | null> {
    const orgs = await this.orgs.withAncestors([orgId]);
    return [...orgs.values()].find((o) => o.kind === 'township') ?? null;
  }

  /** `GET /mobile-members/settings/:orgId` (a township in the caller's scope). */
  async getSettings(p: Principal, orgId: string): Promise<MobilitySettingsView> {
    const org = await this.orgs.get(orgId);
    if (!covers(p, org.path)) throw new AppError('NOT_FOUND');
    if (org.kind !== 'township') throw fieldError('orgId', '流动党员规则按乡镇设置');
    return (await this.settingsOf([org.id])).get(org.id)!;
  }

  /** `PUT /mobile-members/settings/:orgId`: a township admin sets its own rules (audited). */
  async updateSettings(p: Principal, orgId: string, input: UpdateMobilitySettingsRequest, audit: AuditContext): Promise<MobilitySettingsView> {
    const current = await this.getSettings(p, orgId);
    const org = await this.orgs.get(orgId);
    if (!covers(p, org.path, ['admin'])) throw new AppError('TOWNSHIP_ADMIN_REQUIRED');
    const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const next: MobilitySettingsView = { ...current, ...given, orgId };
    await this.ds.transaction(async (em) => {
      await this.repo.saveSettings(em, { ...next, updatedAt: this.now() });
      await writeAudit(em, p, 'mobility.settings', { type: 'org', id: orgId }, given, audit);
    });
    return next;
  }

  // ── views ────────────────────────────────────────────────────────────────────────────────

  private async present(records: MemberMobility[], viewer: Principal): Promise<MobileMemberView[]> {
    if (!records.length) return [];
    const ids = [...new Set(records.flatMap((r) => [r.memberId, r.contactCadreId].filter((x): x is string => !!x)))];
    const people = await this.members.basicsOf(ids);
    const phones = await this.members.phonesEncOf(ids);
    const byId = new Map(people.map((m) => [m.id, m]));
    const orgs = await this.orgs.withAncestors(people.map((m) => m.orgId));
    const townshipOfOrg = (orgId: string | undefined) =>
      orgId ? (orgs.get(orgId)?.path.split('/').filter(Boolean).map((id) => orgs.get(id)).find((o) => o?.kind === 'township')?.id ?? null) : null;
    const settings = await this.settingsOf(people.map((m) => townshipOfOrg(m.orgId)).filter((x): x is string => !!x));
    const now = this.now().getTime();
    const lostAfterIn = (township: string | null) => (township ? settings.get(township)?.lostContactDays : undefined) ?? this.opts.lostContactDays;
    return records.map((r) => {
      const m = byId.get(r.memberId);
      const cadre = r.contactCadreId ? byId.get(r.contactCadreId) : undefined;
      const org = m ? orgs.get(m.orgId) : undefined;
      const duty = dutyOf(r, now, lostAfterIn(townshipOfOrg(m?.orgId)));
      const isTheirCadre = !!viewer.memberId && viewer.memberId === r.contactCadreId;
      const isThemself = viewer.memberId === r.memberId;
      const memberPhone = this.cipher.decrypt(phones.get(r.memberId) ?? null);
      const cadrePhone = this.cipher.decrypt((cadre && phones.get(cadre.id)) ?? null);
      return {
        member: {
          id: r.memberId,
          name: m?.name ?? '',
          orgId: m?.orgId ?? '',
          orgName: org?.name ?? '',
          branchName: branchOf(org, orgs)?.name ?? null,
          // The cadre calls their assignee; everyone else sees the number masked.
          phone: isTheirCadre ? memberPhone : maskPhone(memberPhone),
        },
        destination: r.destination,
        employer: r.employer,
        leftAt: r.leftAt,
        expectedReturnAt: r.expectedReturnAt,
        status: duty.status,
        contactCadre: cadre ? { id: cadre.id, name: cadre.name, phone: isThemself || isTheirCadre ? cadrePhone : maskPhone(cadrePhone) } : null,
        intervalDays: r.intervalDays,
        lastContactAt: r.lastContactAt ? toIsoLocal(r.lastContactAt) : null,
        lastSelfReportAt: r.lastSelfReportAt ? toIsoLocal(r.lastSelfReportAt) : null,
        overdueDays: duty.overdueDays,
        nextDueDate: toLocalDate(duty.base + r.intervalDays * DAY),
        escalated: duty.escalated,
      };
    });
  }

  /**
   * Each mobile member of a manager's scope with their org and contact duty only — no names or
   * phones: the figures of the yearly overview (a county's thousands without decrypting a phone).
   */
  async dutyIn(p: Principal, orgId?: string): Promise<{ memberId: string; orgId: string; status: MobilityStatus; overdueDays: number }[]> {
    if (!isManager(p)) throw new AppError('FORBIDDEN');
    const paths = await this.orgs.scopeOf(p, orgId);
    const records = await this.repo.records({ kind: 'subtrees', paths, orCadreId: null });
    if (!records.length) return [];
    const people = await this.members.basicsOf(records.map((r) => r.memberId));
    const orgOf = new Map(people.map((m) => [m.id, m.orgId]));
    const orgs = await this.orgs.withAncestors([...new Set(people.map((m) => m.orgId))]);
    const townships = new Map([...orgs.values()].filter((o) => o.kind === 'township').map((o) => [o.path, o.id]));
    const townshipOf = (memberOrg: string | undefined) => {
      const path = memberOrg ? orgs.get(memberOrg)?.path : undefined;
      return path ? (townships.get(townshipPathOf(path)) ?? null) : null;
    };
    const settings = await this.settingsOf([...townships.values()]);
    const now = this.now().getTime();
    return records.map((r) => {
      const township = townshipOf(orgOf.get(r.memberId));
      const duty = dutyOf(r, now, (township ? settings.get(township)?.lostContactDays : undefined) ?? this.opts.lostContactDays);
      return { memberId: r.memberId, orgId: orgOf.get(r.memberId) ?? '', status: duty.status, overdueDays: duty.overdueDays };
    });
  }

  /** `GET /mobile-members`: managers see their scope; a contact cadre sees their own assignees. */
  async list(p: Principal, q: MobileMemberListQuery): Promise<Page<MobileMemberView>> {
    let scope: MobilityListScope;
    if (isManager(p)) {
      const paths = await this.orgs.scopeOf(p, q.orgId);
      // A manager who is also a cadre still sees their own assignees outside the managed scope.
      scope = { kind: 'subtrees', paths, orCadreId: p.memberId && !q.orgId ? p.memberId : null };
    } else if (p.memberId) {
      scope = { kind: 'cadre', cadreId: p.memberId };
    } else throw new AppError('FORBIDDEN');
    const all = await this.present(await this.repo.records(scope, q.cadreId), p);
    let rows = all;
    if (q.status) rows = rows.filter((r) => r.status === q.status);
    if (q.overdue) rows = rows.filter((r) => r.overdueDays > 0);
    if (q.escalated) rows = rows.filter((r) => r.escalated);
    rows.sort((a, b) => b.overdueDays - a.overdueDays || a.member.name.localeCompare(b.member.name, 'zh'));
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? DEFAULT_PAGE_SIZE;
    return { items: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length };
  }

  private async loadRecord(p: Principal, memberId: string): Promise<{ record: MemberMobility | null; member: MemberBasics; org: Org }> {
    const found = await this.members.findWithOrg(memberId);
    if (!found) throw new AppError('NOT_FOUND');
    const { member, org } = found;
    const record = await this.repo.record(memberId);
    const visible = covers(p, org.path) || p.memberId === memberId || (!!record && p.memberId === record.contactCadreId);
    if (!visible) throw new AppError('NOT_FOUND');
    return { record, member, org };
  }

  // ── the record ───────────────────────────────────────────────────────────────────────────

  private async townshipPath(orgPath: string): Promise<string | null> {
    const ids = orgPath.split('/').filter(Boolean);
    const orgs = await this.orgs.byIds(ids);
    return [...orgs.values()].find((o) => o.kind === 'township')?.path ?? null;
  }

  /** `PUT /mobile-members/:memberId`: registers, updates, reassigns or closes (returned) a record. */
  async upsert(p: Principal, memberId: string, input: UpsertMobilityRequest, audit: AuditContext): Promise<MobileMemberView> {
    const { record, member, org } = await this.loadRecord(p, memberId);
    requireManages(p, org.path);
    if (input.contactCadreId === member.id) throw new AppError('CADRE_INVALID', [{ field: 'contactCadreId', message: '联系干部不能是本人' }]);
    const found = await this.members.findWithOrg(input.contactCadreId);
    const cadre = found?.member ?? null;
    const cadreOrg = found?.org ?? null;
    const township = await this.townshipPath(org.path);
    const grants = cadre
      ? await this.roles.liveGrants(cadre.id, CADRE_ROLES)
      : [];
    if (!cadre || !cadreOrg || !grants.length) throw new AppError('CADRE_INVALID', [{ field: 'contactCadreId', message: '该党员不是联系干部（需担任联系干部、支部书记或支委）' }]);
    if (township && !cadreOrg.path.startsWith(township)) throw new AppError('CADRE_INVALID', [{ field: 'contactCadreId', message: '联系干部必须是本乡镇的党员' }]);
    if (input.leftAt > toLocalDate(this.now())) throw fieldError('leftAt', '外出时间不能晚于今天');
    if (input.expectedReturnAt && input.expectedReturnAt < input.leftAt) throw fieldError('expectedReturnAt', '预计返乡时间不能早于外出时间');

    const now = this.now();
    const next: MemberMobility = {
      memberId: member.id,
      destination: input.destination,
      employer: input.employer ?? null,
      leftAt: input.leftAt,
      expectedReturnAt: input.expectedReturnAt ?? null,
      status: input.status === 'returned' ? 'returned' : 'away',
      contactCadreId: cadre.id,
      intervalDays: input.intervalDays,
      lastContactAt: record?.lastContactAt ?? null,
      lastSelfReportAt: record?.lastSelfReportAt ?? null,
      registeredAt: record && record.status !== 'returned' ? (record.registeredAt ?? now) : now,
      updatedAt: now,
    };
    const kind = !record || record.status === 'returned' ? (next.status === 'returned' ? 'return' : 'flow_out') : next.status === 'returned' ? 'return' : record.contactCadreId !== cadre.id ? 'reassign' : 'update';
    await this.ds.transaction(async (em) => {
      await this.repo.saveRecord(em, next);
      await this.members.setMobile(em, member.id, next.status !== 'returned', now);
      await this.repo.insertEvent(em, {
        id: newId(),
        memberId: member.id,
        kind,
        details: JSON.stringify({ destination: next.destination, contactCadreId: cadre.id, intervalDays: next.intervalDays, previousCadreId: record?.contactCadreId ?? null }),
        by: p.id,
        at: now,
      });
      await writeAudit(em, p, `mobility.${kind}`, { type: 'member', id: member.id }, { contactCadreId: cadre.id }, audit);
    });
    return (await this.present([next], p))[0];
  }

  // ── contacts ─────────────────────────────────────────────────────────────────────────────

  private presentLogs(logs: ContactLog[], names: Map<string, string>): ContactLogView[] {
    return logs.map((l) => ({
      id: l.id,
      memberId: l.memberId,
      cadreId: l.cadreId,
      cadreName: l.cadreId ? (names.get(l.cadreId) ?? null) : null,
      method: l.method,
      contactedAt: toIsoLocal(l.contactedAt),
      summary: l.summary,
      needs: l.needs,
      followUpRequired: !!l.followUpRequired,
      createdAt: toIsoLocal(l.createdAt),
    }));
  }

  /**
   * `POST /mobile-members/:memberId/contacts`: the assigned cadre (or an admin in scope) logs a
   * contact; the cadre earns `contact_logged` once per contact. A retried request with the same
   * `Idempotency-Key` returns the first log.
   */
  async logContact(p: Principal, memberId: string, input: ContactLogRequest, clientKey: string | undefined, audit: AuditContext): Promise<{ created: boolean; body: ContactLogResponse }> {
    const { record, org } = await this.loadRecord(p, memberId);
    if (!record) throw new AppError('NOT_MOBILE_MEMBER');
    const asCadre = !!p.memberId && p.memberId === record.contactCadreId;
    if (!asCadre && !covers(p, org.path, ['admin'])) throw new AppError('NOT_ASSIGNED_CADRE');
    const contactedAt = new Date(input.contactedAt);
    if (contactedAt.getTime() > this.now().getTime() + 5 * 60_000) throw fieldError('contactedAt', '联系时间不能晚于现在');
    if (contactedAt.getTime() < this.now().getTime() - 366 * DAY) throw fieldError('contactedAt', '只能登记一年以内的联系');
    checkIdempotencyKey(clientKey, false);
    const key = clientKey ? `${p.id}:${clientKey}` : null;
    const names = new Map<string, string>();
    const attempt = () =>
      transactionWithRetry(this.ds, async (em: EntityManager) => {
        if (key) {
          const first = await this.repo.contactByClientKey(em, key);
          if (first) return { created: false, body: { contact: this.presentLogs([first], names)[0], pointsAwarded: 0 } };
        }
        const log: ContactLog = {
          id: newId(),
          memberId,
          cadreId: record.contactCadreId,
          loggedBy: p.id,
          method: input.method,
          contactedAt,
          summary: input.summary,
          needs: input.needs ?? null,
          followUpRequired: !!input.followUpRequired,
          clientKey: key,
          createdAt: this.now(),
        };
        await this.repo.insertContact(em, log);
        await this.repo.advanceLastContact(em, memberId, contactedAt);
        let points = 0;
        if (record.contactCadreId) {
          const awarded = await award(em, {
            memberId: record.contactCadreId,
            ruleCode: 'contact_logged',
            sourceType: 'contact',
            sourceId: log.id,
            key: `contact:${log.id}`,
            reason: '联系流动党员',
            at: contactedAt,
            actorId: p.id,
          });
          points = awarded.awarded;
        }
        await writeAudit(em, p, 'mobility.contact', { type: 'member', id: memberId }, { contactId: log.id, method: log.method }, audit);
        return { created: true, body: { contact: this.presentLogs([log], names)[0], pointsAwarded: points } };
      });
    const result = await attempt().catch((e) => {
      if (key && isDuplicateKey(e)) return attempt();
      throw e;
    });
    if (result.body.contact.cadreId) {
      result.body.contact.cadreName = (await this.members.find(result.body.contact.cadreId))?.name ?? null;
    }
    return result;
  }

  async contacts(p: Principal, memberId: string): Promise<ContactLogView[]> {
    await this.loadRecord(p, memberId);
    const logs = await this.repo.contactsOf(memberId, 200);
    const cadreIds = [...new Set(logs.map((l) => l.cadreId).filter((x): x is string => !!x))];
    return this.presentLogs(logs, await this.members.namesOf(cadreIds));
  }

  // ── the mobile member's own side ─────────────────────────────────────────────────────────

  async mine(p: Principal): Promise<MyMobilityResponse> {
    if (!p.memberId) throw new AppError('FORBIDDEN');
    const record = await this.repo.record(p.memberId);
    if (!record || record.status === 'returned') return { isMobile: false, record: null, recentContacts: [] };
    return { isMobile: true, record: (await this.present([record], p))[0], recentContacts: (await this.contacts(p, p.memberId)).slice(0, 5) };
  }

  /** `POST /me/mobility-report`: counts as a contact of method `self_report`. */
  async report(p: Principal, input: MobilityReportRequest, audit: AuditContext): Promise<ContactLogView> {
    if (!p.memberId) throw new AppError('FORBIDDEN');
    const record = await this.repo.record(p.memberId);
    if (!record || record.status === 'returned') throw new AppError('NOT_MOBILE_MEMBER', undefined, '您没有流动党员登记，无需报告');
    const now = this.now();
    const township = p.orgId ? await this.townshipOf(p.orgId) : null;
    const resets = township ? (await this.settingsOf([township.id])).get(township.id)!.selfReportResets : this.opts.selfReportResets;
    const log: ContactLog = {
      id: newId(),
      memberId: p.memberId,
      cadreId: null,
      loggedBy: p.id,
      method: 'self_report',
      contactedAt: now,
      summary: `${MOBILITY_REPORT_STATUS_LABELS[input.status]}，现在${input.location}${input.note ? `。${input.note}` : ''}`.slice(0, 500),
      needs: null,
      followUpRequired: false,
      clientKey: null,
      createdAt: now,
    };
    await this.ds.transaction(async (em) => {
      await this.repo.insertContact(em, log);
      const patch: Partial<MemberMobility> = { lastSelfReportAt: now, destination: input.location.slice(0, 100), updatedAt: now };
      if (resets) patch.lastContactAt = now;
      await this.repo.updateRecord(em, p.memberId!, patch);
      await writeAudit(em, p, 'mobility.self_report', { type: 'member', id: p.memberId }, null, audit);
    });
    return this.presentLogs([log], new Map())[0];
  }

  // ── figures and reminders ────────────────────────────────────────────────────────────────

  /** Per-cadre figures for the console: assignees, contacts this quarter, overdue. */
  async cadreFigures(p: Principal, orgId?: string): Promise<CadreFigures[]> {
    if (!isManager(p)) throw new AppError('FORBIDDEN');
    const { items } = await this.list(p, { orgId, pageSize: 100000 });
    const quarter = parsePeriod(periodKeysOf(this.now()).quarter)!;
    const byCadre = new Map<string, { assignees: number; overdue: number }>();
    for (const r of items) {
      if (!r.contactCadre) continue;
      const f = byCadre.get(r.contactCadre.id) ?? { assignees: 0, overdue: 0 };
      f.assignees++;
      if (r.overdueDays > 0) f.overdue++;
      byCadre.set(r.contactCadre.id, f);
    }
    if (!byCadre.size) return [];
    const ids = [...byCadre.keys()];
    const counts = await this.repo.contactCountsByCadre(ids, new Date(quarter.start), new Date(quarter.end));
    const cadres = await this.members.basicsOf(ids);
    const orgs = await this.orgs.withAncestors(cadres.map((c) => c.orgId));
    return cadres
      .map((c) => ({
        cadre: { id: c.id, name: c.name, orgName: orgs.get(c.orgId)?.name ?? '' },
        assignees: byCadre.get(c.id)!.assignees,
        contactsThisQuarter: counts.get(c.id) ?? 0,
        overdue: byCadre.get(c.id)!.overdue,
      }))
      .sort((a, b) => b.overdue - a.overdue || a.cadre.name.localeCompare(b.cadre.name, 'zh'));
  }

  /** Queues a WeChat reminder to each cadre for every assignee who has fallen due (once per due date). */
  async remindDue(): Promise<number> {
    const records = await this.repo.awayWithCadre();
    const system: Principal = { kind: 'user', id: 'system', name: '系统', username: null, memberId: null, userId: null, orgId: null, orgPath: null, memberStatus: null, memberMobile: false, grants: [] };
    const views = await this.present(records, system);
    const today = toLocalDate(this.now());
    const due = views.filter((v) => v.contactCadre && v.nextDueDate <= today);
    return this.ds.transaction((em) =>
      this.notifications.queue(
        em,
        'contact',
        due.map((v) => ({
          memberId: v.contactCadre!.id,
          dedupeKey: `contact_due:${v.member.id}:${v.nextDueDate}`,
          page: `pages/mobile/contact?memberId=${v.member.id}`,
          data: { thing1: { value: v.member.name.slice(0, 20) }, thing2: { value: v.destination.slice(0, 20) }, time3: { value: v.nextDueDate } },
        })),
      ),
    );
  }
}

/**
 * A mobile member's contact duty at `now`: the days since the last contact (or registration),
 * overdue past the interval, 失联 past the township's setting, escalated past twice the interval.
 */
function dutyOf(r: MemberMobility, now: number, lostAfterDays: number): { base: number; status: MobilityStatus; overdueDays: number; escalated: boolean } {
  const base = (r.lastContactAt ?? r.registeredAt ?? r.updatedAt).getTime();
  const daysSince = Math.floor((now - base) / DAY);
  const lost = r.status === 'away' && daysSince > lostAfterDays;
  return {
    base,
    status: lost ? 'lost_contact' : r.status,
    overdueDays: r.status === 'returned' ? 0 : Math.max(0, daysSince - r.intervalDays),
    escalated: r.status !== 'returned' && daysSince > 2 * r.intervalDays,
  };
}
