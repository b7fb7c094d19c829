/**
 * What the records show about a member's org life and dues, for 组织处置 and the branch
 * secretary's early warnings (OVERSIGHT.md §4). Read only; it suggests (建议关注), never scores,
 * ranks or acts.
 *
 *  - Attendance: the closed org-life meetings that expected the member (the activity module's
 *    standing rule), each present, excused (approved leave) or absent (checkin module).
 *  - Dues: months of a year the member had a dues base for (so the branch keeps their dues here)
 *    that no payment covers (dues module). A year without a base shows nothing either way.
 *  - A run of N months is the N calendar months before the reference month (the proposal's, or
 *    the current one): it shows "no org life" when the member was expected at least once in it
 *    and attended none and was excused from none; "no dues" when each of the N months was owed
 *    and none was paid.
 */
import {
  MANAGING_ROLES,
  MEMBER_WARNING_LABELS,
  addMonths,
  isPartyMember,
  toLocalDate,
  type MemberWarningReason,
  type MemberWarningRow,
  type MemberWarningsView,
  localDayStart,
} from '@djzy/shared';
import { systemClock, type Clock } from '../../core/clock';
import { AppError } from '../../core/errors';
import { covers, scopePaths, type Principal } from '../../core/principal';
import type { AttendanceService } from '../checkin';
import type { DuesService } from '../dues';
import { partyMemberSql, type MemberDirectory } from '../member';
import type { MobilityService } from '../mobility';
import { whereInSubtrees, type OrgService } from '../org';

/** The `n` calendar months before `day`'s month, oldest first ('YYYY-MM'). */
export function monthsBefore(day: string, n: number): string[] {
  const first = `${day.slice(0, 7)}-01`;
  return Array.from({ length: n }, (_, i) => addMonths(first, i - n).slice(0, 7));
}
const monthStart = (month: string) => localDayStart(`${month}-01`);
const nextMonth = (month: string) => addMonths(`${month}-01`, 1).slice(0, 7);

/** One member's record over a run of months. */
export interface MonthsRecord {
  months: string[];
  /** Months with an expected meeting missed without leave. */
  absentMonths: string[];
  /** Expected meetings in the run, and how many were attended or excused. */
  expected: number;
  attendedOrExcused: number;
  owedMonths: string[];
  unpaidMonths: string[];
  /** The run shows no org life / no dues (see the file's comment). */
  noOrgLife: boolean;
  noDues: boolean;
}

export class MemberRecordsService {
  constructor(
    private readonly orgs: OrgService,
    private readonly members: MemberDirectory,
    private readonly attendance: AttendanceService,
    private readonly dues: DuesService,
    private readonly mobility: MobilityService,
    private readonly opts: { now?: Clock } = {},
  ) {}

  private today(): string {
    return toLocalDate((this.opts.now ?? systemClock)());
  }

  /** The records of every member of the subtree at `path` over `months` (consecutive, oldest first). */
  async records(path: string, months: string[]): Promise<Map<string, MonthsRecord>> {
    const from = monthStart(months[0]);
    const to = monthStart(nextMonth(months[months.length - 1]));
    const out = new Map<string, MonthsRecord>();
    const row = (id: string) => {
      let r = out.get(id);
      if (!r)
        out.set(
          id,
          (r = {
            months,
            absentMonths: [],
            expected: 0,
            attendedOrExcused: 0,
            owedMonths: [],
            unpaidMonths: [],
            noOrgLife: false,
            noDues: false,
          }),
        );
      return r;
    };
    for (const meeting of await this.attendance.orgLifeOutcomes(path, from, to)) {
      const month = toLocalDate(meeting.startsAt).slice(0, 7);
      for (const [memberId, outcome] of meeting.outcomes) {
        const r = row(memberId);
        r.expected++;
        if (outcome === 'absent') {
          if (!r.absentMonths.includes(month)) r.absentMonths.push(month);
        } else r.attendedOrExcused++;
      }
    }
    for (const [memberId, d] of await this.dues.monthsRecord([path], months)) {
      const r = row(memberId);
      r.owedMonths = d.owed;
      r.unpaidMonths = d.owed.filter((m) => !d.paid.includes(m));
    }
    for (const r of out.values()) {
      r.absentMonths.sort();
      r.noOrgLife = r.expected > 0 && r.attendedOrExcused === 0;
      r.noDues = months.every((m) => r.unpaidMonths.includes(m));
    }
    return out;
  }

  /** One member's record over the 6 calendar months before `on`'s month (the 除名 rule of 党章 Art. 9). */
  async sixMonthsBefore(memberId: string, orgPath: string, on: string): Promise<MonthsRecord> {
    const months = monthsBefore(on, 6);
    return (
      (await this.records(orgPath, months)).get(memberId) ?? {
        months,
        absentMonths: [],
        expected: 0,
        attendedOrExcused: 0,
        owedMonths: [],
        unpaidMonths: [],
        noOrgLife: false,
        noDues: false,
      }
    );
  }

  /**
   * `GET /member-warnings?orgId=`: Party members of the subtree the records suggest attention for —
   * 3 and 6 months without org life or dues, mobile members 失联 — each with why and the months.
   */
  async warnings(p: Principal, orgId: string | undefined): Promise<MemberWarningsView> {
    const paths = scopePaths(p, MANAGING_ROLES);
    if (!paths.length) throw new AppError('FORBIDDEN');
    const org = orgId ? await this.orgs.find(orgId) : await this.orgs.find(p.grants.find((g) => MANAGING_ROLES.includes(g.role))?.orgId);
    if (!org || !covers(p, org.path, MANAGING_ROLES)) throw new AppError('NOT_FOUND');
    const six = monthsBefore(this.today(), 6);
    const three = six.slice(3);
    const [rec6, rec3] = await Promise.all([this.records(org.path, six), this.records(org.path, three)]);
    const lost = (await this.mobility.dutyIn(p, org.id)).filter((d) => d.status === 'lost_contact');
    const people = await whereInSubtrees(
      this.members
        .query('m', 'org')
        .select(['m.id AS id', 'm.name AS name', 'm.status AS status', 'm.orgId AS orgId', 'org.name AS orgName']),
      'org',
      [org.path],
    )
      .andWhere(...partyMemberSql('m'))
      .orderBy('org.path', 'ASC')
      .addOrderBy('m.name', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(5000)
      .getRawMany<{ id: string; name: string; status: string; orgId: string; orgName: string }>();
    const rows: MemberWarningRow[] = [];
    for (const m of people) {
      if (!isPartyMember(m.status as never)) continue;
      const reasons: MemberWarningReason[] = [];
      const r6 = rec6.get(m.id);
      const r3 = rec3.get(m.id);
      if (r6?.noOrgLife)
        reasons.push({
          kind: 'no_org_life_6',
          months: r6.absentMonths,
          text: `${six[0]} 至 ${six[5]} 应参加的 ${r6.expected} 次组织生活均未参加且未请假（缺席月份：${r6.absentMonths.join('、')}）`,
        });
      else if (r3?.noOrgLife)
        reasons.push({
          kind: 'no_org_life_3',
          months: r3.absentMonths,
          text: `${three[0]} 至 ${three[2]} 应参加的 ${r3.expected} 次组织生活均未参加且未请假（缺席月份：${r3.absentMonths.join('、')}）`,
        });
      if (r6?.noDues) reasons.push({ kind: 'dues_unpaid_6', months: r6.unpaidMonths, text: `${r6.unpaidMonths.join('、')} 党费未交` });
      else if (r3?.noDues) reasons.push({ kind: 'dues_unpaid_3', months: r3.unpaidMonths, text: `${r3.unpaidMonths.join('、')} 党费未交` });
      const l = lost.find((d) => d.memberId === m.id);
      if (l) reasons.push({ kind: 'lost_contact', months: [], text: `流动党员已失联，超过联系周期 ${l.overdueDays} 天未联系` });
      if (reasons.length)
        rows.push({ memberId: m.id, memberName: m.name, memberStatus: m.status, orgId: m.orgId, orgName: m.orgName, reasons });
    }
    return {
      orgId: org.id,
      months: six,
      note: `以下为根据考勤、党费和流动党员联系记录列出的建议关注名单（${Object.values(MEMBER_WARNING_LABELS).join('、')}），仅供支部了解情况、谈心谈话，不是评分或排名，系统不会据此自动处置。`,
      rows,
    };
  }
}
