/**
 * Attendance (考勤) of an activity, in one place: the sheet (present / excused / absent), leave
 * requests, and closing — settling online study, the absence points of org-life meetings, and
 * the 限期整改通知书 for members absent without leave from several in a row (the follow-up module
 * keeps the notices). Also the per-activity figures the activity views show (AttendanceSummary).
 */
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import {
  ACTIVITY_KIND_LABELS,
  CHECKIN_METHOD_LABELS,
  CHECKIN_OPENS_BEFORE_MS,
  ORG_LIFE_KINDS,
  ROSTER_CHECKIN_AFTER_END_MS,
  attendanceApartText,
  toIsoLocal,
  type AttendanceResponse,
  type AttendanceRow,
  type LeaveRequestView,
  type MyActivityStatus,
} from '@djzy/shared';
import { systemClock, type Clock } from '../../core/clock';
import { AppError } from '../../core/errors';
import { isDuplicateKey } from '../../core/http';
import { isIdLike, newId } from '../../core/ids';
import { covers, requireMember, type Principal } from '../../core/principal';
import { transactionWithRetry } from '../../core/sql';
import type { Activity, ActivityAccess, Attendee, AttendanceSummary, LoadedActivity } from '../activity';
import { writeAudit, type AuditContext } from '../audit';
import type { FollowUpService } from '../followup';
import type { MemberDirectory } from '../member';
import { award } from '../points';
import type { CheckinService } from './checkin.service';
import type { LeaveRequest } from './checkin.entity';
import { presentCheckIn, presentLeave } from './checkin.presenter';
import { CheckinRepository } from './checkin.repository';

const isOrgLife = (kind: string) => (ORG_LIFE_KINDS as readonly string[]).includes(kind);

export class AttendanceService implements AttendanceSummary {
  private readonly repo: CheckinRepository;
  constructor(
    private readonly ds: DataSource,
    private readonly access: ActivityAccess,
    private readonly members: MemberDirectory,
    private readonly checkins: CheckinService,
    private readonly followUp: FollowUpService,
    private readonly opts: { absenceThreshold: number; now?: Clock },
  ) {
    this.repo = new CheckinRepository(ds);
  }

  private now(): Date {
    return (this.opts.now ?? systemClock)();
  }

  // ── what the activity views show ─────────────────────────────────────────────────────────

  async summarize(activities: Activity[], viewer: Principal) {
    const ids = activities.map((a) => a.id);
    const counts = await this.repo.countByActivity(ids);
    const mine = viewer.memberId ? await this.repo.mine(viewer.memberId, ids) : [];
    const leaves = viewer.memberId ? await this.repo.myLeaves(viewer.memberId, ids) : [];
    const now = this.now().getTime();
    return new Map(
      activities.map((a) => {
        const c = mine.find((x) => x.activityId === a.id) ?? null;
        const l = leaves.find((x) => x.activityId === a.id) ?? null;
        let my: MyActivityStatus | null = null;
        if (viewer.memberId) {
          if (c) my = 'checked_in';
          else if (l?.status === 'approved') my = 'excused';
          else if (l?.status === 'pending') my = 'leave_pending';
          else if (now > a.endsAt.getTime()) my = l?.status === 'rejected' ? 'leave_rejected' : 'absent';
          else if (now >= a.startsAt.getTime() - CHECKIN_OPENS_BEFORE_MS) my = 'open';
          else my = l?.status === 'rejected' ? 'leave_rejected' : 'not_started';
        }
        return [a.id, { checkedInCount: counts.get(a.id) ?? 0, myStatus: my, myCheckIn: c ? presentCheckIn(c, viewer.name) : null }];
      }),
    );
  }

  // ── the sheet ────────────────────────────────────────────────────────────────────────────

  /** `GET /activities/:id/attendance`: the sheet — present, excused (approved leave), absent. */
  async attendance(p: Principal, id: string): Promise<AttendanceResponse> {
    return this.sheet(await this.access.loadManaged(p, id));
  }

  private async sheet(a: LoadedActivity): Promise<AttendanceResponse> {
    const { activity } = a;
    const invited = await this.access.attendees(a);
    const checkins = await this.repo.ofActivity(activity.id);
    const leaves = await this.repo.leavesOfActivity(activity.id);
    const byMember = new Map(checkins.map((c) => [c.memberId, c]));
    const leaveOf = new Map(leaves.map((l) => [l.memberId, l]));
    const present: AttendanceRow[] = [];
    const excused: AttendanceRow[] = [];
    const absent: AttendanceRow[] = [];
    const observers: AttendanceRow[] = [];
    const guests: AttendanceRow[] = [];
    const away: AttendanceRow[] = [];
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
      // Only those it expects are counted; a mobile member who came home for it is present.
      if (m.standing === 'observer') observers.push(row);
      else if (m.standing === 'guest') guests.push(row);
      else if (c) present.push(row);
      else if (m.standing === 'away') away.push(row);
      else if (l?.status === 'approved') excused.push(row);
      else absent.push(row);
    }
    const counted = present.length + absent.length;
    const names = new Map(invited.map((m) => [m.id, m.name]));
    return {
      activityId: activity.id,
      expected: counted + excused.length,
      present,
      excused,
      absent,
      observers,
      guests,
      away,
      pendingLeave: leaves.filter((l) => l.status === 'pending').map((l) => presentLeave(l, names.get(l.memberId) ?? '')),
      rate: counted > 0 ? Math.round((present.length / counted) * 1000) / 1000 : 0,
      closed: this.now().getTime() > activity.endsAt.getTime(),
    };
  }

  /** The attendance sheet as a spreadsheet (签到表). */
  async attendanceXlsx(p: Principal, id: string): Promise<{ filename: string; data: Buffer }> {
    const a = await this.access.loadManaged(p, id);
    const { activity, org } = a;
    const sheet = await this.sheet(a);
    const wb = new ExcelJS.Workbook();
    wb.creator = '党建智慧云';
    const ws = wb.addWorksheet('签到表');
    ws.addRow([`${org.name} ${activity.title}（${ACTIVITY_KIND_LABELS[activity.kind]}）`]);
    ws.addRow([
      `时间：${toIsoLocal(activity.startsAt).slice(0, 16).replace('T', ' ')} 至 ${toIsoLocal(activity.endsAt).slice(0, 16).replace('T', ' ')}`,
    ]);
    const apart = attendanceApartText(sheet);
    ws.addRow([
      `应到 ${sheet.expected} 人，实到 ${sheet.present.length} 人，请假 ${sheet.excused.length} 人，缺席 ${sheet.absent.length} 人，出席率 ${(sheet.rate * 100).toFixed(1)}%${apart ? `（${apart}）` : ''}`,
    ]);
    ws.addRow([]);
    const header = ws.addRow(['序号', '姓名', '所在组织', '状态', '签到方式', '签到时间', '请假事由', '签名']);
    header.font = { bold: true };
    let n = 0;
    const add = (rows: AttendanceRow[], status: string) => {
      for (const r of rows) {
        const row = ws.addRow([
          ++n,
          r.name,
          r.orgName,
          status,
          r.method ? CHECKIN_METHOD_LABELS[r.method] : '',
          r.checkedInAt?.slice(0, 16).replace('T', ' ') ?? '',
          r.leaveReason ?? '',
          '',
        ]);
        // Room to sign by hand on the printed sheet.
        row.height = 24;
      }
    };
    add(sheet.present, '出席');
    add(sheet.excused, '请假');
    add(sheet.absent, sheet.closed ? '缺席' : '未签到');
    add(sheet.observers, '列席');
    add(sheet.guests, '非党员列席');
    add(sheet.away, '流动在外');
    ws.columns.forEach((c, i) => (c.width = [6, 10, 18, 8, 10, 17, 20, 14][i]));
    const thin = { style: 'thin' as const };
    for (let r = 5; r <= ws.rowCount; r++)
      for (let c = 1; c <= 8; c++) ws.getCell(r, c).border = { top: thin, left: thin, bottom: thin, right: thin };
    // Printed as it is used: A4, fitted to the page width, the header row on every page.
    ws.pageSetup = {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: '5:5',
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    };
    const day = toIsoLocal(activity.startsAt).slice(0, 10);
    return { filename: `签到表-${org.name}-${activity.title}-${day}.xlsx`, data: Buffer.from(await wb.xlsx.writeBuffer()) };
  }

  // ── leave ────────────────────────────────────────────────────────────────────────────────

  /** `POST /activities/:id/leave`: before the start; asking again returns the first request. */
  async requestLeave(p: Principal, id: string, reason: string): Promise<{ created: boolean; body: LeaveRequestView }> {
    const memberId = requireMember(p);
    const a = await this.access.loadVisible(p, id);
    if (!this.access.standingOfCaller(p, a, await this.access.audience(a))) throw new AppError('NOT_INVITED');
    if (a.activity.status === 'cancelled') throw new AppError('ACTIVITY_CANCELLED');
    const existing = await this.repo.leaveOf(a.activity.id, memberId);
    if (existing) return { created: false, body: presentLeave(existing, p.name) };
    if (this.now().getTime() >= a.activity.startsAt.getTime()) throw new AppError('LEAVE_TOO_LATE');
    if (await this.repo.find(a.activity.id, memberId)) throw new AppError('ALREADY_CHECKED_IN');
    const l: LeaveRequest = {
      id: newId(),
      activityId: a.activity.id,
      memberId,
      reason,
      status: 'pending',
      createdAt: this.now(),
      decidedAt: null,
      decidedBy: null,
    };
    try {
      await this.repo.insertLeave(l);
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      return { created: false, body: presentLeave((await this.repo.leaveOf(a.activity.id, memberId))!, p.name) };
    }
    return { created: true, body: presentLeave(l, p.name) };
  }

  /** `POST /leave-requests/:id/approve|reject`: the organiser decides once. */
  async decideLeave(p: Principal, leaveId: string, approve: boolean, audit: AuditContext): Promise<LeaveRequestView> {
    const l = isIdLike(leaveId) ? await this.repo.leave(leaveId) : null;
    if (!l) throw new AppError('NOT_FOUND');
    await this.access.loadManaged(p, l.activityId).catch((e) => {
      throw e instanceof AppError && e.code === 'FORBIDDEN' ? e : new AppError('NOT_FOUND');
    });
    const name = async () => (await this.members.find(l.memberId))?.name ?? '';
    const status = approve ? 'approved' : 'rejected';
    if (l.status !== 'pending') {
      if (l.status === status) return presentLeave(l, await name());
      throw new AppError('LEAVE_ALREADY_DECIDED');
    }
    const decidedAt = this.now();
    await this.ds.transaction(async (em) => {
      if (!(await this.repo.decideLeave(em, l.id, status, decidedAt, p.id))) throw new AppError('LEAVE_ALREADY_DECIDED');
      await writeAudit(em, p, approve ? 'leave.approve' : 'leave.reject', { type: 'leave_request', id: l.id }, null, audit);
    });
    return presentLeave({ ...l, status, decidedAt, decidedBy: p.id }, await name());
  }

  // ── closing ──────────────────────────────────────────────────────────────────────────────

  /**
   * Closes an ended activity's attendance once: online study is settled, each unexcused absence
   * from an org-life meeting costs the `absence` rule's points (idempotent per member and
   * activity), and members who have now missed `absenceThreshold` org-life meetings in a row get
   * a rectification notice.
   */
  async close(activityId: string, actor: Principal | null, audit: AuditContext = {}): Promise<{ absent: number; notices: number }> {
    const a = await this.access.load(activityId);
    const { activity } = a;
    if (activity.status !== 'published') throw new AppError('ACTIVITY_NOT_PUBLISHED');
    if (this.now().getTime() <= activity.endsAt.getTime()) throw new AppError('ACTIVITY_NOT_ENDED');
    if (activity.studyMode === 'online' && !activity.attendanceClosedAt) await this.checkins.settleOnline(a);
    const present = await this.repo.presentIds(activity.id);
    const excused = await this.repo.excusedIds(activity.id);
    const absent = (await this.access.attendees(a)).filter((m) => m.standing === 'expected' && !present.has(m.id) && !excused.has(m.id));
    if (isOrgLife(activity.kind)) {
      for (const m of absent) {
        await transactionWithRetry(this.ds, (em) =>
          award(em, {
            memberId: m.id,
            ruleCode: 'absence',
            sourceType: 'activity',
            sourceId: activity.id,
            key: `absence:${activity.id}:${m.id}`,
            reason: `无故缺席${ACTIVITY_KIND_LABELS[activity.kind]}：${activity.title}`.slice(0, 200),
            at: activity.startsAt,
            actorId: actor?.id ?? null,
          }),
        );
      }
    }
    if (!activity.attendanceClosedAt) {
      await this.ds.transaction(async (em) => {
        await this.access.markClosed(em, activity.id, this.now());
        await writeAudit(em, actor, 'activity.close', { type: 'activity', id: activity.id }, { absent: absent.length }, audit);
      });
    }
    let notices = 0;
    if (isOrgLife(activity.kind)) for (const m of absent) if (await this.noticeIfDue(m, activity)) notices++;
    return { absent: absent.length, notices };
  }

  /** `POST /activities/:id/close`: the organiser closes attendance once the activity is over. */
  async closeAsManager(p: Principal, activityId: string, audit: AuditContext): Promise<{ absent: number; notices: number }> {
    const a = await this.access.load(activityId);
    if (!covers(p, a.org.path)) throw new AppError('NOT_FOUND');
    return this.close(a.activity.id, p, audit);
  }

  /** Closes every activity whose roster window has passed (run periodically by the server). */
  async closeDue(): Promise<number> {
    const due = await this.access.dueForClosing(new Date(this.now().getTime() - ROSTER_CHECKIN_AFTER_END_MS), 50);
    for (const id of due) await this.close(id, null);
    return due.length;
  }

  /**
   * Closed org-life meetings in [from, to) that expected members of the subtree at `path` (the
   * activity module's standing rule), each with how every expected member stood: present, excused
   * (approved leave) or absent. For 组织处置's record check and the early warnings; oldest first.
   */
  async orgLifeOutcomes(
    path: string,
    from: Date,
    to: Date,
  ): Promise<{ activityId: string; title: string; startsAt: Date; outcomes: Map<string, 'present' | 'excused' | 'absent'> }[]> {
    const out = [];
    for (const a of await this.access.closedOrgLifeFor(path, from, to)) {
      const expected = (await this.access.attendees(a)).filter((m) => m.standing === 'expected' && m.path.startsWith(path));
      if (!expected.length) continue;
      const [present, excused] = await Promise.all([this.repo.presentIds(a.activity.id), this.repo.excusedIds(a.activity.id)]);
      const outcomes = new Map(
        expected.map((m) => [
          m.id,
          present.has(m.id) ? ('present' as const) : excused.has(m.id) ? ('excused' as const) : ('absent' as const),
        ]),
      );
      out.push({ activityId: a.activity.id, title: a.activity.title, startsAt: a.activity.startsAt, outcomes });
    }
    return out;
  }

  /** The streak rule: `absenceThreshold` closed org-life meetings in a row, none attended or excused. */
  private async noticeIfDue(m: Attendee, latest: Activity): Promise<boolean> {
    const n = this.opts.absenceThreshold;
    if (await this.followUp.hasOpenNotice(m.id)) return false;
    const recent = await this.access.recentClosedOrgLife(m.id, m.path, latest.startsAt, n);
    if (recent.length < n) return false;
    const ids = recent.map((a) => a.id);
    if ((await this.repo.countAttended(m.id, ids)) || (await this.repo.countExcused(m.id, ids))) return false;
    return this.followUp.issueNotice(m, [...recent].reverse(), latest, n);
  }
}
