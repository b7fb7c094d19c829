/**
 * 民主评议党员 and 组织处置: the rules in one place. The system records what the meeting and the
 * committees decided; it never grades or disposes on its own.
 *
 *  - Rounds: one per branch and year (409 APPRAISAL_ROUND_EXISTS), on a 民主评议党员 meeting of the
 *    branch that year; its Party members are in scope, minus those excluded with a reason. Moves
 *    preparing → self_review → peer_review → voting → rating → feedback → reported, each from one
 *    state (409 STATE_CONFLICT with details.from/allowed). Self reviews while self_review (by the
 *    member or a manager), paper tallies while voting (by a manager), grades while rating: 优秀 ≤
 *    ⌊members in scope ÷ 3⌋ (400 APPRAISAL_EXCELLENT_QUOTA), 不合格 needs a ground, a probationary
 *    member graded 优秀 is answered with a warning. `decide` needs every grade and opens a draft
 *    限期改正 for each 不合格; `report` needs every member told (feedback).
 *  - Who sees what: managers (admin, 支部书记, 支部委员) of the branch or above see the round; a member
 *    in scope sees only their own row (grade, feedback); anyone else 404.
 *  - Disposals: proposed by the branch committee (managers of the member's org), steps propose →
 *    file (事前备案) → investigate → talk → pretrial → vote → approve → effect, each on or after the
 *    step before and not in the future. A probationary member cannot be given 劝退/除名 (400). The
 *    vote follows the 发展党员 quorum: present × 2 > shouldAttend (else 400, nothing recorded) and it
 *    passes when agree × 2 > shouldAttend (else `rejected`). Approval by an admin above the branch
 *    (403 DISPOSAL_APPROVER). 限期改正 runs 1–12 months (default 6) from approval and ends with an
 *    expiry review (changed → closed; unchanged → escalated, opening a draft 劝其退党). 劝退 and
 *    除名 bar re-joining for 5 calendar years from the day they take effect.
 *  - 民主测评 by phone (core/ballot.ts, as 述职评议): one-time tokens for QR slips while the round
 *    is before or in voting; a ballot grades members in scope, at most once each; one token makes
 *    one ballot however many requests carry it; no audit row for a ballot. Closing the vote (or
 *    opening the rating) ends casting; the tallies (phone + paper) are readable only after that,
 *    with a warning when valid ballots are fewer than ⅔ of the members in scope. The tallies are
 *    the committee's reference: no grade is set from them.
 *  - 除名 on the ground 连续6个月… (党章 Art. 9) is proposed only when the records show it for the 6
 *    calendar months before the proposal: no org life attended (expected at least once, none
 *    attended or excused) or every month's dues owed and unpaid (400 DISPOSAL_SIX_MONTHS_UNSHOWN).
 *  - 劝退/除名 taking effect ends the membership (`disqualified` on the roster; no activity expects
 *    them any more), the record kept.
 *  - Every write is audited.
 */
import type { DataSource, EntityManager } from 'typeorm';
import {
  APPRAISAL_GRADE_LABELS,
  APPRAISAL_GRADES,
  APPRAISAL_MIN_TURNOUT,
  APPRAISAL_MOVE_TO,
  MAX_BALLOT_TOKENS,
  APPRAISAL_MOVES,
  DISPOSAL_GROUNDS,
  DISPOSAL_MOVES,
  MANAGING_ROLES,
  addMonths,
  addYears,
  excellentQuota,
  isPartyMember,
  toIsoLocal,
  toLocalDate,
  type AppraisalGradesRequest,
  type AppraisalGradesResult,
  type AppraisalMove,
  type AppraisalRoundView,
  type AppraisalTallyRequest,
  type AppraisalView,
  type CreateAppraisalRoundRequest,
  type CreateDisposalRequest,
  type DisposalExpiryReviewRequest,
  type DisposalGround,
  type DisposalMove,
  type DisposalProposeRequest,
  type DisposalStepRequest,
  type DisposalView,
  type DisposalVoteRequest,
  type MyAppraisal,
  type AppraisalBallotFormView,
  type AppraisalTally,
  type AppraisalVoteResults,
  type CastAppraisalBallotRequest,
  type IssueAppraisalTokensResponse,
} from '@djzy/shared';
import { newBallotTokens } from '../../core/ballot';
import type { RateLimiter } from '../../core/rate-limit';
import { systemClock, type Clock } from '../../core/clock';
import { AppError, fieldError } from '../../core/errors';
import { isDuplicateKey } from '../../core/http';
import { isIdLike, newId } from '../../core/ids';
import { covers, requireMember, scopePaths, type Principal } from '../../core/principal';
import type { ActivityAccess } from '../activity';
import { writeAudit, type AuditContext } from '../audit';
import type { MemberDirectory } from '../member';
import type { Org, OrgService } from '../org';
import type { Appraisal, AppraisalRound, Disposal } from './appraisal.entity';
import { AppraisalRepository } from './appraisal.repository';
import type { MemberRecordsService } from './records.service';

export interface AppraisalOptions {
  now?: Clock;
  /** The ballots' per-address limit (`BALLOTS_PER_HOUR`). */
  limiter?: RateLimiter;
  ballotsPerHour?: number;
  /** Attendance and dues records, for the 除名 check. */
  records?: MemberRecordsService;
}
const noTally = (): AppraisalTally => ({ excellent: 0, qualified: 0, basicallyQualified: 0, unqualified: 0 });
const TALLY_KEY = {
  excellent: 'excellent',
  qualified: 'qualified',
  basically_qualified: 'basicallyQualified',
  unqualified: 'unqualified',
} as const;

const groundsOf = (s: string | null): DisposalGround[] =>
  s ? s.split(',').filter((g): g is DisposalGround => (DISPOSAL_GROUNDS as readonly string[]).includes(g)) : [];

export class AppraisalService {
  readonly repo: AppraisalRepository;

  constructor(
    private readonly ds: DataSource,
    readonly orgs: OrgService,
    readonly members: MemberDirectory,
    private readonly activities: ActivityAccess,
    private readonly opts: AppraisalOptions = {},
  ) {
    this.repo = new AppraisalRepository(ds);
  }

  now(): Date {
    return (this.opts.now ?? systemClock)();
  }
  today(): string {
    return toLocalDate(this.now());
  }

  private async managedOrg(p: Principal, orgId: string | null | undefined): Promise<Org> {
    const org = await this.orgs.find(orgId);
    if (!org || !covers(p, org.path, MANAGING_ROLES)) throw new AppError('NOT_FOUND');
    return org;
  }

  private notFuture(day: string, field = 'on'): void {
    if (day > this.today()) throw fieldError(field, '日期不能晚于今天');
  }

  // ── rounds ───────────────────────────────────────────────────────────────────────────────

  async rounds(p: Principal, q: { orgId?: string; year?: number }): Promise<AppraisalRoundView[]> {
    const paths = scopePaths(p, MANAGING_ROLES);
    if (!paths.length) throw new AppError('FORBIDDEN');
    const scope = q.orgId ? [(await this.managedOrg(p, q.orgId)).path] : paths;
    const rounds = await this.repo.rounds(scope, q.year);
    return Promise.all(rounds.map(async (r) => this.presentRound(r, await this.repo.appraisalsOf(r.id), true)));
  }

  /** A round the caller may read: `full` for managers; a member in scope sees their own row only. */
  private async readableRound(p: Principal, id: string): Promise<{ round: AppraisalRound; org: Org; full: boolean }> {
    const round = isIdLike(id) ? await this.repo.round(id) : null;
    const org = round ? await this.orgs.find(round.orgId) : null;
    if (!round || !org) throw new AppError('NOT_FOUND');
    if (covers(p, org.path, MANAGING_ROLES)) return { round, org, full: true };
    if (p.memberId && (await this.repo.appraisalOf(round.id, p.memberId))) return { round, org, full: false };
    throw new AppError('NOT_FOUND');
  }

  private async managedRound(p: Principal, id: string): Promise<{ round: AppraisalRound; org: Org }> {
    const r = await this.readableRound(p, id);
    if (!r.full) throw new AppError('NOT_FOUND');
    return r;
  }

  async round(p: Principal, id: string): Promise<AppraisalRoundView> {
    const { round, full } = await this.readableRound(p, id);
    const rows = await this.repo.appraisalsOf(round.id);
    return this.presentRound(round, full ? rows : rows.filter((a) => a.memberId === p.memberId), full);
  }

  async createRound(p: Principal, input: CreateAppraisalRoundRequest, audit: AuditContext): Promise<AppraisalRoundView> {
    const org = await this.managedOrg(p, input.orgId);
    if (org.kind !== 'branch') throw fieldError('orgId', '民主评议党员以党支部为单位开展，请选择党支部');
    const meeting = await this.activities.load(input.meetingActivityId).catch(() => null);
    if (
      !meeting ||
      meeting.activity.orgId !== org.id ||
      meeting.activity.kind !== 'democratic_appraisal' ||
      meeting.activity.status === 'cancelled'
    )
      throw fieldError('meetingActivityId', '请选择本支部的“民主评议党员”会议');
    if (toLocalDate(meeting.activity.startsAt).slice(0, 4) !== String(input.year))
      throw fieldError('meetingActivityId', '会议须在评议年度内召开');
    const members = (await this.repo.branchMembers(this.members, org.path)).filter((m) => isPartyMember(m.status as never));
    const excluded = new Map((input.exclusions ?? []).map((e) => [e.memberId, e]));
    for (const id of excluded.keys())
      if (!members.some((m) => m.id === id)) throw fieldError('exclusions', '不参加评议的党员须是本支部的党员');
    const now = this.now();
    const round: AppraisalRound = {
      id: newId(),
      orgId: org.id,
      year: input.year,
      meetingActivityId: meeting.activity.id,
      status: 'preparing',
      reportedAt: null,
      voteClosedAt: null,
      createdBy: p.id,
      createdAt: now,
      updatedAt: now,
    };
    const rows: Appraisal[] = members.map((m) => ({
      id: newId(),
      roundId: round.id,
      memberId: m.id,
      memberStatus: m.status,
      excludedReason: excluded.get(m.id)?.reason ?? null,
      excludedNote: excluded.get(m.id)?.note || null,
      selfReview: null,
      tallyExcellent: null,
      tallyQualified: null,
      tallyBasic: null,
      tallyUnqualified: null,
      grade: null,
      grounds: null,
      basisNote: null,
      decidedBy: null,
      decidedAt: null,
      feedbackAt: null,
      disposalId: null,
    }));
    try {
      await this.ds.transaction(async (em) => {
        await this.repo.insertRound(em, round, rows);
        await writeAudit(
          em,
          p,
          'appraisal_round.create',
          { type: 'appraisal_round', id: round.id },
          { orgId: org.id, year: input.year, members: rows.length, excluded: excluded.size },
          audit,
        );
      });
    } catch (e) {
      if (isDuplicateKey(e)) throw new AppError('APPRAISAL_ROUND_EXISTS');
      throw e;
    }
    return this.presentRound(round, rows, true);
  }

  private assertRoundFrom(round: AppraisalRound, move: AppraisalMove): void {
    const allowed: readonly string[] = APPRAISAL_MOVES[move];
    if (!allowed.includes(round.status)) throw new AppError('STATE_CONFLICT', { from: round.status, allowed });
  }

  /** A write allowed only while the round is in `state` (409 otherwise). */
  private assertRoundIn(round: AppraisalRound, state: AppraisalRound['status']): void {
    if (round.status !== state) throw new AppError('STATE_CONFLICT', { from: round.status, allowed: [state] });
  }

  /** One of the round's moves: conditional update, side effects, audit, in one transaction. */
  async moveRound(p: Principal, id: string, move: AppraisalMove, audit: AuditContext): Promise<AppraisalRoundView> {
    const { round, org } = await this.managedRound(p, id);
    this.assertRoundFrom(round, move);
    const rows = await this.repo.appraisalsOf(round.id);
    const inScope = rows.filter((a) => !a.excludedReason);
    if (move === 'decide' && inScope.some((a) => !a.grade)) throw new AppError('APPRAISAL_GRADES_INCOMPLETE');
    if (move === 'report' && inScope.some((a) => !a.feedbackAt)) throw new AppError('APPRAISAL_FEEDBACK_INCOMPLETE');
    const now = this.now();
    const next: AppraisalRound = {
      ...round,
      status: APPRAISAL_MOVE_TO[move],
      updatedAt: now,
      ...(move === 'report' ? { reportedAt: now } : {}),
      // Opening the rating ends the phone vote, if it was not closed before.
      ...(move === 'open-rating' && !round.voteClosedAt ? { voteClosedAt: now } : {}),
    };
    await this.ds.transaction(async (em) => {
      if (
        !(await this.repo.moveRound(em, round.id, APPRAISAL_MOVES[move], {
          status: next.status,
          updatedAt: now,
          reportedAt: next.reportedAt,
          voteClosedAt: next.voteClosedAt,
        }))
      )
        throw new AppError('STATE_CONFLICT', {
          from: (await this.repo.round(round.id))?.status ?? round.status,
          allowed: APPRAISAL_MOVES[move],
        });
      // 不合格 opens a draft 限期改正 for the committee to take up (or change the kind of).
      if (move === 'decide')
        for (const a of inScope.filter((x) => x.grade === 'unqualified')) {
          const d = this.newDisposal(
            p,
            a.memberId,
            (await this.members.find(a.memberId))?.orgId ?? org.id,
            'rectify',
            groundsOf(a.grounds),
            round.id,
            `${round.year}年度民主评议党员评定为不合格`,
          );
          await this.repo.insertDisposal(em, d);
          await this.repo.updateAppraisal(em, a.id, { disposalId: d.id });
          a.disposalId = d.id;
        }
      await writeAudit(
        em,
        p,
        `appraisal_round.${move}`,
        { type: 'appraisal_round', id: round.id },
        { from: round.status, to: next.status },
        audit,
      );
    });
    return this.presentRound(next, rows, true);
  }

  private async inScopeRow(round: AppraisalRound, memberId: string, field: string): Promise<Appraisal> {
    const a = await this.repo.appraisalOf(round.id, memberId);
    if (!a || a.excludedReason) throw fieldError(field, '该党员不在本次评议的参评范围内');
    return a;
  }

  /** `POST /appraisal-rounds/:id/self-reviews`: the member's own 自评, or a manager entering it. */
  async selfReview(p: Principal, id: string, input: { memberId: string; text: string }, audit: AuditContext): Promise<AppraisalRoundView> {
    const { round, full } = await this.readableRound(p, id);
    if (!full && p.memberId !== input.memberId) throw new AppError('FORBIDDEN');
    this.assertRoundIn(round, 'self_review');
    const a = await this.inScopeRow(round, input.memberId, 'memberId');
    await this.ds.transaction(async (em) => {
      await this.repo.updateAppraisal(em, a.id, { selfReview: input.text });
      await writeAudit(em, p, 'appraisal.self_review', { type: 'appraisal', id: a.id }, { roundId: round.id }, audit);
    });
    return this.round(p, id);
  }

  /** `PUT /appraisal-rounds/:id/tallies`: the paper ballots' counts, per member. */
  async tallies(p: Principal, id: string, input: AppraisalTallyRequest, audit: AuditContext): Promise<AppraisalRoundView> {
    const { round } = await this.managedRound(p, id);
    this.assertRoundIn(round, 'voting');
    const rows = await this.repo.appraisalsOf(round.id);
    const voters = rows.filter((a) => !a.excludedReason).length;
    const updates: [Appraisal, Partial<Appraisal>][] = [];
    for (const [i, t] of input.tallies.entries()) {
      const a = rows.find((x) => x.memberId === t.memberId && !x.excludedReason);
      if (!a) throw fieldError(`tallies[${i}].memberId`, '该党员不在本次评议的参评范围内');
      if (t.excellent + t.qualified + t.basicallyQualified + t.unqualified > voters)
        throw fieldError(`tallies[${i}]`, `票数合计不能超过参评党员人数（${voters}）`);
      updates.push([
        a,
        { tallyExcellent: t.excellent, tallyQualified: t.qualified, tallyBasic: t.basicallyQualified, tallyUnqualified: t.unqualified },
      ]);
    }
    await this.ds.transaction(async (em) => {
      for (const [a, patch] of updates) await this.repo.updateAppraisal(em, a.id, patch);
      await writeAudit(em, p, 'appraisal_round.tallies', { type: 'appraisal_round', id: round.id }, { members: updates.length }, audit);
    });
    return this.round(p, id);
  }

  /** `PUT /appraisal-rounds/:id/grades`: the committee's grades (some or all), checked as a whole. */
  async grades(p: Principal, id: string, input: AppraisalGradesRequest, audit: AuditContext): Promise<AppraisalGradesResult> {
    const { round } = await this.managedRound(p, id);
    this.assertRoundIn(round, 'rating');
    const rows = await this.repo.appraisalsOf(round.id);
    const inScope = rows.filter((a) => !a.excludedReason);
    const now = this.now();
    const next = new Map(inScope.map((a) => [a.memberId, { ...a }]));
    for (const [i, g] of input.grades.entries()) {
      const a = next.get(g.memberId);
      if (!a) throw fieldError(`grades[${i}].memberId`, '该党员不在本次评议的参评范围内');
      const grounds = [...new Set(g.grounds ?? [])];
      if (g.grade === 'unqualified' && !grounds.length) throw fieldError(`grades[${i}].grounds`, '评定为不合格须选择至少一项依据');
      Object.assign(a, {
        grade: g.grade,
        grounds: grounds.length ? grounds.join(',') : null,
        basisNote: g.basisNote || null,
        decidedBy: p.id,
        decidedAt: now,
      });
    }
    const quota = excellentQuota(inScope.length);
    const excellent = [...next.values()].filter((a) => a.grade === 'excellent');
    if (excellent.length > quota) throw new AppError('APPRAISAL_EXCELLENT_QUOTA', { quota, excellent: excellent.length });
    const names = await this.members.namesOf(excellent.map((a) => a.memberId));
    const warnings = excellent
      .filter((a) => a.memberStatus === 'probationary')
      .map((a) => `${names.get(a.memberId) ?? ''}是预备党员，一般不评为优秀，请确认`);
    const changed = input.grades.map((g) => next.get(g.memberId)!);
    await this.ds.transaction(async (em) => {
      for (const a of changed)
        await this.repo.updateAppraisal(em, a.id, {
          grade: a.grade,
          grounds: a.grounds,
          basisNote: a.basisNote,
          decidedBy: a.decidedBy,
          decidedAt: a.decidedAt,
        });
      await writeAudit(
        em,
        p,
        'appraisal_round.grades',
        { type: 'appraisal_round', id: round.id },
        { grades: changed.map((a) => ({ memberId: a.memberId, grade: a.grade })) },
        audit,
      );
    });
    return { round: await this.round(p, id), warnings };
  }

  /** `POST /appraisal-rounds/:id/feedback { memberId }`: the result told to the member. */
  async feedback(p: Principal, id: string, memberId: string, audit: AuditContext): Promise<AppraisalRoundView> {
    const { round } = await this.managedRound(p, id);
    this.assertRoundIn(round, 'feedback');
    const a = await this.inScopeRow(round, memberId, 'memberId');
    if (!a.feedbackAt)
      await this.ds.transaction(async (em) => {
        await this.repo.updateAppraisal(em, a.id, { feedbackAt: this.now() });
        await writeAudit(em, p, 'appraisal.feedback', { type: 'appraisal', id: a.id }, { roundId: round.id }, audit);
      });
    return this.round(p, id);
  }

  // ── 民主测评 by phone ──────────────────────────────────────────────────────────────────────

  /** `POST /appraisal-rounds/:id/ballot-tokens { count }`: one-time tokens for QR slips, shown once. */
  async issueBallotTokens(p: Principal, id: string, count: number, audit: AuditContext): Promise<IssueAppraisalTokensResponse> {
    const { round } = await this.managedRound(p, id);
    const allowed = ['preparing', 'self_review', 'peer_review', 'voting'];
    if (!allowed.includes(round.status) || round.voteClosedAt)
      throw new AppError('STATE_CONFLICT', { from: round.voteClosedAt ? 'vote_closed' : round.status, allowed });
    if (count > MAX_BALLOT_TOKENS) throw fieldError('count', `一次最多生成 ${MAX_BALLOT_TOKENS} 张测评票`);
    const { tokens, hashes } = newBallotTokens(count);
    await this.ds.transaction(async (em) => {
      await this.repo.insertTokens(em, round.id, hashes);
      await writeAudit(em, p, 'appraisal_round.tokens', { type: 'appraisal_round', id: round.id }, { count }, audit);
    });
    return { roundId: round.id, tokens };
  }

  /** `POST /appraisal-rounds/:id/close-vote`: no more phone ballots; the tallies become readable. */
  async closeVote(p: Principal, id: string, audit: AuditContext): Promise<AppraisalRoundView> {
    const { round } = await this.managedRound(p, id);
    if (round.status !== 'voting' || round.voteClosedAt)
      throw new AppError('STATE_CONFLICT', { from: round.voteClosedAt ? 'vote_closed' : round.status, allowed: ['voting'] });
    const now = this.now();
    await this.ds.transaction(async (em) => {
      if (!(await this.repo.closeVote(em, round.id, now)))
        throw new AppError('STATE_CONFLICT', { from: 'vote_closed', allowed: ['voting'] });
      await writeAudit(em, p, 'appraisal_round.close_vote', { type: 'appraisal_round', id: round.id }, {}, audit);
    });
    return this.round(p, id);
  }

  private votingOpen(r: AppraisalRound | null): boolean {
    return r?.status === 'voting' && !r.voteClosedAt;
  }

  /** `GET /appraisal-ballots/form?token=` (no sign-in): the members to grade; no voter is known. */
  async ballotForm(token: string, ip: string): Promise<AppraisalBallotFormView> {
    const row = await this.repo.findToken(token, ip, this.ballotLimit());
    const round = await this.repo.round(row.roundId);
    if (!round) throw new AppError('BALLOT_TOKEN_INVALID');
    const rows = (await this.repo.appraisalsOf(round.id)).filter((a) => !a.excludedReason);
    const [names, org] = await Promise.all([this.members.namesOf(rows.map((a) => a.memberId)), this.orgs.find(round.orgId)]);
    return {
      roundId: round.id,
      title: `${round.year}年度民主评议党员 · 民主测评`,
      orgName: org?.name ?? '',
      year: round.year,
      status: round.voteClosedAt ? 'vote_closed' : round.status,
      open: this.votingOpen(round),
      used: !!row.used,
      grades: APPRAISAL_GRADES.map((code) => ({ code, label: APPRAISAL_GRADE_LABELS[code] })),
      members: rows
        .map((a) => ({ memberId: a.memberId, name: names.get(a.memberId) ?? '' }))
        .sort((x, y) => x.name.localeCompare(y.name, 'zh-CN')),
    };
  }

  /** `POST /appraisal-ballots` (no sign-in): one ballot per token, counted once however often sent. */
  async castBallot(input: CastAppraisalBallotRequest, ip: string): Promise<void> {
    const row = await this.repo.findToken(input.token, ip, this.ballotLimit());
    const round = await this.repo.round(row.roundId);
    if (!this.votingOpen(round))
      throw new AppError('STATE_CONFLICT', { from: round?.voteClosedAt ? 'vote_closed' : (round?.status ?? ''), allowed: ['voting'] });
    if (row.used) throw new AppError('BALLOT_TOKEN_USED');
    const inScope = new Set((await this.repo.appraisalsOf(row.roundId)).filter((a) => !a.excludedReason).map((a) => a.memberId));
    const seen = new Set<string>();
    for (const [i, g] of input.grades.entries()) {
      if (!inScope.has(g.memberId)) throw fieldError(`grades.${i}.memberId`, '不是本次参评的党员');
      if (seen.has(g.memberId)) throw fieldError(`grades.${i}.memberId`, '同一党员只能评一次');
      seen.add(g.memberId);
    }
    await this.repo.cast(row, input.grades, async (em) => {
      // Closing may have won the race: the ballot is refused and the token stays unused.
      const now = await this.repo.roundIn(em, row.roundId);
      if (!this.votingOpen(now))
        throw new AppError('STATE_CONFLICT', { from: now?.voteClosedAt ? 'vote_closed' : (now?.status ?? ''), allowed: ['voting'] });
    });
  }

  private ballotLimit() {
    if (!this.opts.limiter) throw new Error('AppraisalService needs a rate limiter for ballots');
    return { limiter: this.opts.limiter, perHour: this.opts.ballotsPerHour };
  }

  /** `GET /appraisal-rounds/:id/vote-results`: phone + paper tallies per member, once the vote is closed (409 before). */
  async voteResults(p: Principal, id: string): Promise<AppraisalVoteResults> {
    const { round } = await this.managedRound(p, id);
    const after = ['rating', 'feedback', 'reported'];
    if (!round.voteClosedAt && !after.includes(round.status)) throw new AppError('STATE_CONFLICT', { from: round.status, allowed: after });
    const rows = (await this.repo.appraisalsOf(round.id)).filter((a) => !a.excludedReason);
    const [phoneBallots, counted, names] = await Promise.all([
      this.repo.ballotCount(round.id),
      this.repo.ballotTallies(round.id),
      this.members.namesOf(rows.map((a) => a.memberId)),
    ]);
    const phone = new Map(rows.map((a) => [a.memberId, noTally()]));
    for (const c of counted) {
      const t = phone.get(c.memberId);
      if (t && c.grade in TALLY_KEY) t[TALLY_KEY[c.grade]] += c.n;
    }
    const paperOf = (a: Appraisal): AppraisalTally | null =>
      a.tallyExcellent == null
        ? null
        : {
            excellent: a.tallyExcellent,
            qualified: a.tallyQualified ?? 0,
            basicallyQualified: a.tallyBasic ?? 0,
            unqualified: a.tallyUnqualified ?? 0,
          };
    const sum = (t: AppraisalTally | null) => (t ? t.excellent + t.qualified + t.basicallyQualified + t.unqualified : 0);
    const paperBallots = Math.max(0, ...rows.map((a) => sum(paperOf(a))));
    const validBallots = phoneBallots + paperBallots;
    const { numerator: num, denominator: den } = APPRAISAL_MIN_TURNOUT;
    return {
      roundId: round.id,
      closedAt: round.voteClosedAt ? toIsoLocal(round.voteClosedAt) : null,
      membersInScope: rows.length,
      phoneBallots,
      paperBallots,
      validBallots,
      warning:
        rows.length > 0 && validBallots * den < rows.length * num
          ? `有效票 ${validBallots} 张，少于参评党员 ${rows.length} 人的 ${num}/${den}，测评结果仅供参考，支部评定时请说明。`
          : null,
      rows: rows
        .map((a) => {
          const ph = phone.get(a.memberId)!;
          const pa = paperOf(a);
          const total = { ...ph };
          if (pa) for (const k of Object.keys(total) as (keyof AppraisalTally)[]) total[k] += pa[k];
          // A ballot that leaves the member ungraded is valid: 弃权 for them (each ballot or paper grades a member at most once).
          const abstain = {
            phone: phoneBallots - sum(ph),
            paper: pa ? Math.max(0, paperBallots - sum(pa)) : null,
            total: Math.max(0, validBallots - sum(total)),
          };
          return { memberId: a.memberId, memberName: names.get(a.memberId) ?? '', phone: ph, paper: pa, total, abstain };
        })
        .sort((x, y) => x.memberName.localeCompare(y.memberName, 'zh-CN')),
    };
  }

  /** `GET /appraisal-rounds/mine`: the member's own results. */
  async mine(p: Principal): Promise<MyAppraisal[]> {
    const memberId = requireMember(p);
    const rows = await this.repo.appraisalsOfMember(memberId);
    const rounds = await this.repo.roundsByIds(rows.map((a) => a.roundId));
    const orgs = await this.orgs.byIds([...new Set(rounds.map((r) => r.orgId))]);
    return rows
      .map((a) => ({ a, r: rounds.find((r) => r.id === a.roundId)! }))
      .filter((x) => x.r)
      .sort((x, y) => y.r.year - x.r.year)
      .map(({ a, r }) => ({
        roundId: r.id,
        year: r.year,
        orgName: orgs.get(r.orgId)?.name ?? '',
        status: r.status,
        excludedReason: a.excludedReason,
        // The grade is the member's once it has been told to them.
        grade: a.feedbackAt ? a.grade : null,
        feedbackAt: a.feedbackAt ? toIsoLocal(a.feedbackAt) : null,
      }));
  }

  private async presentRound(r: AppraisalRound, rows: Appraisal[], full: boolean): Promise<AppraisalRoundView> {
    const org = await this.orgs.find(r.orgId);
    const meeting = await this.activities.load(r.meetingActivityId).catch(() => null);
    const names = await this.members.namesOf(rows.map((a) => a.memberId));
    const all = full ? rows : await this.repo.appraisalsOf(r.id);
    const inScope = all.filter((a) => !a.excludedReason).length;
    const view = (a: Appraisal): AppraisalView => ({
      id: a.id,
      memberId: a.memberId,
      memberName: names.get(a.memberId) ?? '',
      memberStatus: a.memberStatus,
      excludedReason: a.excludedReason,
      excludedNote: a.excludedNote,
      selfReview: a.selfReview,
      tally:
        a.tallyExcellent == null
          ? null
          : {
              excellent: a.tallyExcellent,
              qualified: a.tallyQualified ?? 0,
              basicallyQualified: a.tallyBasic ?? 0,
              unqualified: a.tallyUnqualified ?? 0,
            },
      // A member reads their grade once it has been told to them; the committee always.
      grade: full || a.feedbackAt ? a.grade : null,
      grounds: full || a.feedbackAt ? groundsOf(a.grounds) : [],
      basisNote: full ? a.basisNote : null,
      decidedAt: a.decidedAt ? toIsoLocal(a.decidedAt) : null,
      feedbackAt: a.feedbackAt ? toIsoLocal(a.feedbackAt) : null,
      disposalId: full ? a.disposalId : null,
    });
    return {
      id: r.id,
      orgId: r.orgId,
      orgName: org?.name ?? '',
      year: r.year,
      meetingActivityId: r.meetingActivityId,
      meetingTitle: meeting?.activity.title ?? '',
      status: r.status,
      membersInScope: inScope,
      excellentQuota: excellentQuota(inScope),
      allowedMoves: full
        ? (Object.keys(APPRAISAL_MOVES) as AppraisalMove[]).filter((m) => (APPRAISAL_MOVES[m] as readonly string[]).includes(r.status))
        : [],
      appraisals: rows.map(view),
      reportedAt: r.reportedAt ? toIsoLocal(r.reportedAt) : null,
      vote: full
        ? {
            ...(await this.repo.tokenCounts(r.id).then((c) => ({ tokensIssued: c.issued, tokensUsed: c.used }))),
            closedAt: r.voteClosedAt ? toIsoLocal(r.voteClosedAt) : null,
          }
        : { tokensIssued: 0, tokensUsed: 0, closedAt: null },
    };
  }

  // ── disposals ────────────────────────────────────────────────────────────────────────────

  private newDisposal(
    p: Principal,
    memberId: string,
    orgId: string,
    kind: Disposal['kind'],
    grounds: DisposalGround[],
    roundId: string | null,
    note: string | null,
  ): Disposal {
    const now = this.now();
    return {
      id: newId(),
      memberId,
      orgId,
      kind,
      grounds: grounds.join(','),
      status: 'draft',
      appraisalRoundId: roundId,
      proposedOn: null,
      filedOn: null,
      investigatedOn: null,
      investigationFindings: null,
      talkOn: null,
      talkRecord: null,
      pretrialOn: null,
      pretrialResult: null,
      voteOn: null,
      shouldAttend: null,
      present: null,
      agree: null,
      against: null,
      abstain: null,
      defenceNote: null,
      approvedOn: null,
      approvedBy: null,
      effectiveOn: null,
      rectifyMonths: null,
      rectifyUntil: null,
      expiryReviewOn: null,
      expiryReviewResult: null,
      expiryReviewNote: null,
      rejoinBarUntil: null,
      note,
      lastStepOn: null,
      createdBy: p.id,
      createdAt: now,
      updatedAt: now,
    };
  }

  async disposals(p: Principal, q: { orgId?: string; status?: string }): Promise<DisposalView[]> {
    const paths = scopePaths(p, MANAGING_ROLES);
    if (!paths.length) throw new AppError('FORBIDDEN');
    const scope = q.orgId ? [(await this.managedOrg(p, q.orgId)).path] : paths;
    return this.presentDisposals(await this.repo.disposals(scope, q.status));
  }

  private async visibleDisposal(p: Principal, id: string): Promise<{ d: Disposal; org: Org }> {
    const d = isIdLike(id) ? await this.repo.disposal(id) : null;
    const org = d ? await this.orgs.find(d.orgId) : null;
    if (!d || !org || !covers(p, org.path, MANAGING_ROLES)) throw new AppError('NOT_FOUND');
    return { d, org };
  }

  async disposal(p: Principal, id: string): Promise<DisposalView> {
    return (await this.presentDisposals([(await this.visibleDisposal(p, id)).d]))[0];
  }

  async createDisposal(p: Principal, input: CreateDisposalRequest, audit: AuditContext): Promise<DisposalView> {
    const found = await this.members.findWithOrg(input.memberId);
    if (!found || !covers(p, found.org.path, MANAGING_ROLES)) throw new AppError('MEMBER_NOT_FOUND');
    if (!isPartyMember(found.member.status)) throw fieldError('memberId', '组织处置的对象须是正式党员或预备党员');
    if (input.kind !== 'rectify' && found.member.status === 'probationary') throw new AppError('DISPOSAL_PROBATIONARY');
    const d = this.newDisposal(p, found.member.id, found.org.id, input.kind, [...new Set(input.grounds)], null, input.note || null);
    await this.ds.transaction(async (em) => {
      await this.repo.insertDisposal(em, d);
      await writeAudit(em, p, 'disposal.create', { type: 'disposal', id: d.id }, { memberId: d.memberId, kind: d.kind }, audit);
    });
    return (await this.presentDisposals([d]))[0];
  }

  /** One step: state check, the date on or after the step before, conditional update, audit. */
  private async step(
    p: Principal,
    id: string,
    move: DisposalMove,
    on: string,
    patch: (d: Disposal, org: Org) => Partial<Disposal> | Promise<Partial<Disposal>>,
    audit: AuditContext,
    after?: (em: EntityManager, d: Disposal) => Promise<void>,
  ): Promise<DisposalView> {
    const { d, org } = await this.visibleDisposal(p, id);
    const allowed: readonly string[] = DISPOSAL_MOVES[move];
    if (!allowed.includes(d.status)) throw new AppError('STATE_CONFLICT', { from: d.status, allowed });
    this.notFuture(on);
    if (d.lastStepOn && on < d.lastStepOn) throw fieldError('on', `日期不能早于上一步骤（${d.lastStepOn}）`);
    const changes = { ...(await patch(d, org)), lastStepOn: on, updatedAt: this.now() };
    const next: Disposal = { ...d, ...changes };
    await this.ds.transaction(async (em) => {
      if (!(await this.repo.moveDisposal(em, d.id, DISPOSAL_MOVES[move], changes)))
        throw new AppError('STATE_CONFLICT', { from: (await this.repo.disposal(d.id))?.status ?? d.status, allowed: DISPOSAL_MOVES[move] });
      if (after) await after(em, next);
      await writeAudit(em, p, `disposal.${move}`, { type: 'disposal', id: d.id }, { from: d.status, to: next.status, on }, audit);
    });
    return (await this.presentDisposals([next]))[0];
  }

  async propose(p: Principal, id: string, input: DisposalProposeRequest, audit: AuditContext): Promise<DisposalView> {
    return this.step(
      p,
      id,
      'propose',
      input.on,
      async (d) => {
        if (d.kind !== 'rectify' && input.rectifyMonths !== undefined) throw fieldError('rectifyMonths', '只有限期改正需要填写改正期限');
        if (d.kind !== 'rectify' && (await this.members.find(d.memberId))?.status === 'probationary')
          throw new AppError('DISPOSAL_PROBATIONARY');
        if (d.kind === 'remove' && groundsOf(d.grounds).includes('six_months_absent')) await this.assertSixMonthsShown(d, input.on);
        return {
          status: 'proposed',
          proposedOn: input.on,
          rectifyMonths: d.kind === 'rectify' ? (input.rectifyMonths ?? 6) : null,
          note: input.text || d.note,
        };
      },
      audit,
    );
  }

  /** 除名 for 连续6个月… needs the records of the 6 months before the proposal to show it (400 naming the rule). */
  private async assertSixMonthsShown(d: Disposal, on: string): Promise<void> {
    const found = await this.members.findWithOrg(d.memberId);
    if (!this.opts.records || !found) throw new AppError('DISPOSAL_SIX_MONTHS_UNSHOWN');
    const r = await this.opts.records.sixMonthsBefore(d.memberId, found.org.path, on);
    if (r.noOrgLife || r.noDues) return;
    throw new AppError('DISPOSAL_SIX_MONTHS_UNSHOWN', {
      months: r.months,
      expectedMeetings: r.expected,
      attendedOrExcused: r.attendedOrExcused,
      absentMonths: r.absentMonths,
      owedMonths: r.owedMonths,
      unpaidMonths: r.unpaidMonths,
    });
  }

  async file(p: Principal, id: string, input: DisposalStepRequest, audit: AuditContext): Promise<DisposalView> {
    return this.step(p, id, 'file', input.on, () => ({ status: 'filed', filedOn: input.on }), audit);
  }

  async investigate(p: Principal, id: string, input: DisposalStepRequest, audit: AuditContext): Promise<DisposalView> {
    if (!input.text) throw fieldError('text', '请填写调查核实的情况');
    return this.step(
      p,
      id,
      'investigate',
      input.on,
      () => ({ status: 'investigated', investigatedOn: input.on, investigationFindings: input.text! }),
      audit,
    );
  }

  async talk(p: Principal, id: string, input: DisposalStepRequest, audit: AuditContext): Promise<DisposalView> {
    if (!input.text) throw fieldError('text', '请填写谈话记录');
    return this.step(p, id, 'talk', input.on, () => ({ status: 'talked', talkOn: input.on, talkRecord: input.text! }), audit);
  }

  async pretrial(p: Principal, id: string, input: DisposalStepRequest, audit: AuditContext): Promise<DisposalView> {
    if (!input.text) throw fieldError('text', '请填写上级预审意见');
    return this.step(p, id, 'pretrial', input.on, () => ({ status: 'pretried', pretrialOn: input.on, pretrialResult: input.text! }), audit);
  }

  async vote(p: Principal, id: string, input: DisposalVoteRequest, audit: AuditContext): Promise<DisposalView> {
    if (input.present > input.shouldAttend) throw fieldError('present', '实到人数不能超过应到人数');
    if (input.agree + input.against + input.abstain > input.present) throw fieldError('agree', '赞成、反对、弃权票数合计不能超过实到人数');
    // The 发展党员 rule: more than half of those entitled present, and more than half of them (all entitled) for it.
    if (input.present * 2 <= input.shouldAttend)
      throw new AppError('DISPOSAL_QUORUM', { present: input.present, shouldAttend: input.shouldAttend });
    const passed = input.agree * 2 > input.shouldAttend;
    return this.step(
      p,
      id,
      'vote',
      input.on,
      () => ({
        status: passed ? 'voted' : 'rejected',
        voteOn: input.on,
        shouldAttend: input.shouldAttend,
        present: input.present,
        agree: input.agree,
        against: input.against,
        abstain: input.abstain,
        defenceNote: input.defenceNote || null,
      }),
      audit,
    );
  }

  async approve(p: Principal, id: string, input: DisposalStepRequest, audit: AuditContext): Promise<DisposalView> {
    return this.step(
      p,
      id,
      'approve',
      input.on,
      async (d, org) => {
        // The 基层党委 approves: an admin of an org above the member's branch.
        const branch = org.kind === 'group' && org.parentId ? await this.orgs.find(org.parentId) : org;
        const above = branch?.path.split('/').filter(Boolean).slice(0, -1) ?? [];
        if (!p.grants.some((g) => g.role === 'admin' && above.includes(g.orgId))) throw new AppError('DISPOSAL_APPROVER');
        return {
          status: 'approved',
          approvedOn: input.on,
          approvedBy: p.id,
          rectifyUntil: d.kind === 'rectify' ? addMonths(input.on, d.rectifyMonths ?? 6) : null,
        };
      },
      audit,
    );
  }

  async effect(p: Principal, id: string, input: DisposalStepRequest, audit: AuditContext): Promise<DisposalView> {
    return this.step(
      p,
      id,
      'effect',
      input.on,
      (d) => ({ status: 'effective', effectiveOn: input.on, rejoinBarUntil: d.kind === 'rectify' ? null : addYears(input.on, 5) }),
      audit,
      async (em, next) => {
        // 劝退/除名 ends the membership: the roster entry stays (the record), no activity expects them.
        if (next.kind === 'rectify') return;
        await this.members.endMembership(em, next.memberId, this.now());
        await writeAudit(
          em,
          p,
          'member.membership_ended',
          { type: 'member', id: next.memberId },
          { disposalId: next.id, kind: next.kind, on: input.on },
          audit,
        );
      },
    );
  }

  async expiryReview(p: Principal, id: string, input: DisposalExpiryReviewRequest, audit: AuditContext): Promise<DisposalView> {
    const { d } = await this.visibleDisposal(p, id);
    if (d.kind !== 'rectify') throw new AppError('DISPOSAL_NOT_RECTIFY');
    if (d.status === 'effective' && d.rectifyUntil && input.on < d.rectifyUntil)
      throw fieldError('on', `改正期限至 ${d.rectifyUntil}，期满后再考察`);
    return this.step(
      p,
      id,
      'expiry-review',
      input.on,
      () => ({
        status: input.result === 'changed' ? 'closed' : 'escalated',
        expiryReviewOn: input.on,
        expiryReviewResult: input.result,
        expiryReviewNote: input.text || null,
      }),
      audit,
      async (em, next) => {
        // No change after 限期改正: a draft 劝其退党 for the committee (a probationary member is handled by the development case).
        if (input.result === 'unchanged' && (await this.members.find(next.memberId))?.status !== 'probationary')
          await this.repo.insertDisposal(
            em,
            this.newDisposal(
              p,
              next.memberId,
              next.orgId,
              'persuade',
              ['no_change_after_rectify'],
              next.appraisalRoundId,
              `限期改正期满（${next.rectifyUntil}）仍无转变`,
            ),
          );
      },
    );
  }

  async withdraw(p: Principal, id: string, input: DisposalStepRequest, audit: AuditContext): Promise<DisposalView> {
    return this.step(
      p,
      id,
      'withdraw',
      input.on,
      (d) => ({ status: 'withdrawn', note: input.text ? `${d.note ? `${d.note}；` : ''}撤销：${input.text}`.slice(0, 500) : d.note }),
      audit,
    );
  }

  private async presentDisposals(rows: Disposal[]): Promise<DisposalView[]> {
    const members = new Map((await this.members.basicsOf(rows.map((d) => d.memberId))).map((m) => [m.id, m]));
    const orgs = await this.orgs.byIds([...new Set(rows.map((d) => d.orgId))]);
    return rows.map((d) => ({
      id: d.id,
      memberId: d.memberId,
      memberName: members.get(d.memberId)?.name ?? '',
      memberStatus: members.get(d.memberId)?.status ?? '',
      orgId: d.orgId,
      orgName: orgs.get(d.orgId)?.name ?? '',
      kind: d.kind,
      grounds: groundsOf(d.grounds),
      status: d.status,
      appraisalRoundId: d.appraisalRoundId,
      proposedOn: d.proposedOn,
      filedOn: d.filedOn,
      investigationFindings: d.investigationFindings,
      talkOn: d.talkOn,
      talkRecord: d.talkRecord,
      pretrialOn: d.pretrialOn,
      pretrialResult: d.pretrialResult,
      voteOn: d.voteOn,
      vote:
        d.shouldAttend == null
          ? null
          : {
              shouldAttend: d.shouldAttend,
              present: d.present ?? 0,
              agree: d.agree ?? 0,
              against: d.against ?? 0,
              abstain: d.abstain ?? 0,
            },
      defenceNote: d.defenceNote,
      approvedOn: d.approvedOn,
      effectiveOn: d.effectiveOn,
      rectifyUntil: d.rectifyUntil,
      expiryReviewOn: d.expiryReviewOn,
      expiryReviewResult: d.expiryReviewResult,
      rejoinBarUntil: d.rejoinBarUntil,
      note: d.note,
      allowedMoves: (Object.keys(DISPOSAL_MOVES) as DisposalMove[]).filter(
        (m) => (DISPOSAL_MOVES[m] as readonly string[]).includes(d.status) && (m !== 'expiry-review' || d.kind === 'rectify'),
      ),
    }));
  }
}
