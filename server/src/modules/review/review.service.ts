/**
 * 述职评议 (OVERSIGHT.md §2, §7): the rules, in one place.
 *
 *  - A session sits on an activity of kind `review_meeting`; its org (a township) is the
 *    organiser, and only admins over it manage the session (403 REVIEW_TOWNSHIP_ONLY for a
 *    branch's managers, 404 for anyone who cannot see it).
 *  - Moves, one route each, from fixed states only (409 STATE_CONFLICT with from/allowed):
 *    planned → reports_due (duty reports pre-filled) → in_session (voting open) → voting_closed
 *    → rated (the committee's grades, with the meeting that decided) → published.
 *  - Ballots are anonymous by construction: a token is kept only as its hash and a `used` flag
 *    (no time, no ballot id); a ballot is a random id and its session, its grades name the
 *    reporter graded — never the voter. Casting flips the flag with a conditional update and
 *    writes the ballot in the same transaction: a token counts once however many try it at once.
 *    No audit row is written for a ballot (it would carry an address and a time).
 *  - Results only once voting has closed; a warning when valid ballots (phone + paper) are fewer
 *    than the set share of attendees. The tally is the committee's input: no grade is ever set
 *    from it by the system.
 *  - A 点评 may become a Problem (`source: "review"`) of the reporter's branch for the next year
 *    (figure 26), through the problem module's service.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { In, IsNull } from 'typeorm';
import {
  DEFAULT_GRADE_SCALE,
  DUTY_REPORT_MOVES,
  MAX_BALLOT_TOKENS,
  REVIEW_GRADE_LABELS,
  REVIEW_SESSION_MOVES,
  REVIEW_TALLY_STATES,
  REVIEW_TOKEN_STATES,
  toIsoLocal,
  toLocalDate,
  type BallotFormView,
  type CastBallotRequest,
  type CreateReviewCommentRequest,
  type CreateReviewSessionRequest,
  type DutyReportFigure,
  type DutyReportStatus,
  type DutyReportView,
  type IssueBallotTokensResponse,
  type PaperTallyRequest,
  type PaperTallyView,
  type ProblemView,
  type RateReviewRequest,
  type ReviewCommentView,
  type ReviewGrade,
  type ReviewReporterView,
  type ReviewResultsView,
  type ReviewSessionMove,
  type ReviewSessionStatus,
  type ReviewSessionView,
  type UpdateReviewSessionRequest,
} from '@djzy/shared';
import { castWithToken, findBallotToken, hashBallotToken, newBallotTokens, randomBallotId } from '../../core/ballot';
import { systemClock, type Clock } from '../../core/clock';
import { AppError, fieldError } from '../../core/errors';
import { isIdLike, newId } from '../../core/ids';
import { covers, isManager, scopePaths, type Principal } from '../../core/principal';
import type { RateLimiter } from '../../core/rate-limit';
import { transactionWithRetry, updateWhere } from '../../core/sql';
import type { ActivityAccess } from '../activity';
import type { RoleDirectory } from '../auth';
import { writeAudit, type AuditContext } from '../audit';
import type { MemberDirectory } from '../member';
import type { Org, OrgService } from '../org';
import type { ProblemService } from '../problem';
import type { ReportService } from '../report';
import { Ballot, BallotGrade, BallotToken, DutyReport, PaperTally, ReviewComment, ReviewReporter, ReviewSession } from './review.entity';

/** The duty report keeps its figures' sources up to this many per figure (the rest are counted in `value`). */
const MAX_SOURCES_PER_FIGURE = 200;

/**
 * The figures as stored on a duty report: JSON within a TEXT column (64 KB on MySQL). Each figure
 * keeps its value; its sources are cut to fewer per figure until the whole fits.
 */
export function figuresJson(figures: DutyReportFigure[]): string {
  for (let cap = MAX_SOURCES_PER_FIGURE; ; cap = Math.floor(cap / 2)) {
    const json = JSON.stringify(figures.map((f) => ({ ...f, sources: f.sources.slice(0, cap).map((s) => ({ type: s.type, id: s.id })) })));
    if (json.length <= 60_000 || cap === 0) return json;
  }
}

/** The token hash (core/ballot.ts, shared with 民主评议党员). */
export const hashToken = hashBallotToken;

export interface ReviewOptions {
  now?: Clock;
  /** Ballots (and ballot-form reads) per client address per hour; a meeting's phones may share one address. */
  ballotsPerHour?: number;
}

export class ReviewService {
  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
    private readonly members: MemberDirectory,
    private readonly activities: ActivityAccess,
    private readonly roles: RoleDirectory,
    private readonly reports: ReportService,
    private readonly problems: ProblemService,
    private readonly limiter: RateLimiter,
    private readonly opts: ReviewOptions = {},
  ) {}

  private now(): Date {
    return (this.opts.now ?? systemClock)();
  }

  // ── access ───────────────────────────────────────────────────────────────────────────────

  /** The organiser's admins manage; another org's managers may not even see it (404). */
  private requireOrganiser(p: Principal, org: Org): void {
    if (covers(p, org.path, ['admin'])) return;
    if (covers(p, org.path) || (isManager(p) && scopePaths(p).some((s) => s.startsWith(org.path))))
      throw new AppError('REVIEW_TOWNSHIP_ONLY');
    throw new AppError('NOT_FOUND');
  }

  private async load(p: Principal, id: string): Promise<{ session: ReviewSession; org: Org }> {
    const session = isIdLike(id) ? await this.ds.getRepository(ReviewSession).findOneBy({ id }) : null;
    const org = session ? await this.orgs.find(session.organizerOrgId) : null;
    if (!session || !org) throw new AppError('NOT_FOUND');
    this.requireOrganiser(p, org);
    return { session, org };
  }

  private scaleOf(s: ReviewSession): ReviewGrade[] {
    return JSON.parse(s.gradeScale) as ReviewGrade[];
  }

  private async reportersOf(sessionId: string, em?: EntityManager): Promise<ReviewReporter[]> {
    return (em ?? this.ds.manager).find(ReviewReporter, { where: { sessionId }, order: { sortOrder: 'ASC' } });
  }

  // ── sessions ─────────────────────────────────────────────────────────────────────────────

  /** `POST /review-sessions`: on a 述职测评会 of the caller's township, with its reporters. */
  async create(p: Principal, input: CreateReviewSessionRequest, audit: AuditContext): Promise<ReviewSessionView> {
    const loaded = await this.activities.load(input.activityId).catch(() => {
      throw fieldError('activityId', '会议不存在');
    });
    const org = loaded.org;
    if (!covers(p, org.path)) throw fieldError('activityId', '会议不存在');
    if (loaded.activity.kind !== 'review_meeting') throw fieldError('activityId', '述职评议须在“述职测评会”类活动上进行');
    this.requireOrganiser(p, org);
    const scale = input.grades ?? DEFAULT_GRADE_SCALE;
    if (new Set(scale).size !== scale.length) throw fieldError('grades', '测评等次不能重复');
    const ids = input.reporterMemberIds;
    if (new Set(ids).size !== ids.length) throw fieldError('reporterMemberIds', '述职人不能重复');
    const reporters: { memberId: string; orgId: string }[] = [];
    for (const [i, memberId] of ids.entries()) {
      const found = await this.members.findWithOrg(memberId);
      if (!found || !found.org.path.startsWith(org.path)) throw fieldError(`reporterMemberIds.${i}`, '述职人须是本乡镇的党员');
      const branchPath = await this.orgs.branchPathOf(found.org.path);
      if (!branchPath || branchPath === org.path) throw fieldError(`reporterMemberIds.${i}`, '述职人须属于一个村（社区）党支部');
      reporters.push({ memberId, orgId: branchPath.split('/').filter(Boolean).pop()! });
    }
    const starts = toLocalDate(loaded.activity.startsAt);
    const year = input.year ?? Number(starts.slice(0, 4)) - (Number(starts.slice(5, 7)) <= 6 ? 1 : 0);
    const share = input.minValidShare ?? { numerator: 2, denominator: 3 };
    if (share.numerator > share.denominator) throw fieldError('minValidShare', '有效票比例不能超过 1');
    const now = this.now();
    const session: ReviewSession = {
      id: newId(),
      organizerOrgId: org.id,
      year,
      activityId: loaded.activity.id,
      gradeScale: JSON.stringify(scale),
      attendeeCount: input.attendeeCount ?? 0,
      minValidNumerator: share.numerator,
      minValidDenominator: share.denominator,
      status: 'planned',
      createdBy: p.id,
      createdAt: now,
      openedAt: null,
      closedAt: null,
      ratedAt: null,
      publishedAt: null,
      decisionNote: null,
      decidedBy: null,
      decidedByName: null,
      updatedAt: now,
    };
    await this.ds.transaction(async (em) => {
      await em.insert(ReviewSession, session);
      await em.insert(
        ReviewReporter,
        reporters.map((r, i) => ({
          id: newId(),
          sessionId: session.id,
          memberId: r.memberId,
          orgId: r.orgId,
          sortOrder: i,
          finalGrade: null,
          basisNote: null,
        })),
      );
      await writeAudit(
        em,
        p,
        'review.create',
        { type: 'review_session', id: session.id },
        { activityId: session.activityId, reporters: ids.length },
        audit,
      );
    });
    return this.view(p, session.id);
  }

  /** `GET /review-sessions/candidates?activityId=`: the live 支部书记 of the branches under the meeting's org (the usual reporters). */
  async candidates(p: Principal, activityId: string): Promise<ReviewReporterView[]> {
    const loaded = await this.activities.load(activityId).catch(() => {
      throw fieldError('activityId', '会议不存在');
    });
    if (!covers(p, loaded.org.path)) throw fieldError('activityId', '会议不存在');
    this.requireOrganiser(p, loaded.org);
    const branches = await this.orgs.branchesIn([loaded.org.path]);
    const out: ReviewReporterView[] = [];
    for (const b of branches)
      for (const memberId of await this.roles.holdersOn(b.id, ['branch_secretary']))
        out.push({ memberId, name: '', orgId: b.id, orgName: b.name });
    const names = await this.members.namesOf(out.map((r) => r.memberId));
    return out.map((r) => ({ ...r, name: names.get(r.memberId) ?? '' }));
  }

  /** `PATCH /review-sessions/:id`: attendees and the share valid ballots should reach. */
  async update(p: Principal, id: string, input: UpdateReviewSessionRequest, audit: AuditContext): Promise<ReviewSessionView> {
    const { session } = await this.load(p, id);
    if (session.status === 'rated' || session.status === 'published')
      throw new AppError('STATE_CONFLICT', { from: session.status, allowed: ['planned', 'reports_due', 'in_session', 'voting_closed'] });
    const share = input.minValidShare;
    if (share && share.numerator > share.denominator) throw fieldError('minValidShare', '有效票比例不能超过 1');
    const patch: Partial<ReviewSession> = { updatedAt: this.now() };
    if (input.attendeeCount !== undefined) patch.attendeeCount = input.attendeeCount;
    if (share) Object.assign(patch, { minValidNumerator: share.numerator, minValidDenominator: share.denominator });
    await this.ds.transaction(async (em) => {
      await em.update(ReviewSession, { id: session.id }, patch);
      await writeAudit(em, p, 'review.update', { type: 'review_session', id: session.id }, { ...input }, audit);
    });
    return this.view(p, session.id);
  }

  /** One move: a conditional update from the allowed states, in the caller's transaction. */
  private async move(em: EntityManager, session: ReviewSession, move: ReviewSessionMove, patch: Partial<ReviewSession>): Promise<void> {
    const allowed: readonly ReviewSessionStatus[] = REVIEW_SESSION_MOVES[move];
    const n = await updateWhere(em, ReviewSession, { id: session.id, status: In([...allowed]) }, { ...patch, updatedAt: this.now() });
    if (!n) {
      const cur = await em.findOneBy(ReviewSession, { id: session.id });
      throw new AppError('STATE_CONFLICT', { from: cur?.status ?? session.status, allowed });
    }
  }

  private assertFrom(session: ReviewSession, move: ReviewSessionMove) {
    const allowed: readonly string[] = REVIEW_SESSION_MOVES[move];
    if (!allowed.includes(session.status)) throw new AppError('STATE_CONFLICT', { from: session.status, allowed });
  }

  /** `POST /review-sessions/:id/reports-due`: each reporter's duty report, pre-filled from the records. */
  async reportsDue(p: Principal, id: string, audit: AuditContext): Promise<ReviewSessionView> {
    const { session } = await this.load(p, id);
    this.assertFrom(session, 'reports-due');
    const reporters = await this.reportersOf(session.id);
    const filled: { r: ReviewReporter; figures: DutyReportFigure[] }[] = [];
    for (const r of reporters) filled.push({ r, figures: await this.figuresOf(p, r.orgId, session.year) });
    const now = this.now();
    await transactionWithRetry(this.ds, async (em) => {
      await this.move(em, session, 'reports-due', { status: 'reports_due' });
      const have = new Set((await em.find(DutyReport, { where: { sessionId: session.id } })).map((d) => d.reporterMemberId));
      const rows = filled
        .filter(({ r }) => !have.has(r.memberId))
        .map(({ r, figures }) => ({
          id: newId(),
          sessionId: session.id,
          reporterMemberId: r.memberId,
          orgId: r.orgId,
          year: session.year,
          body: '',
          figures: figuresJson(figures),
          figuresAt: now,
          status: 'draft' as DutyReportStatus,
          submittedAt: null,
          reviewedBy: null,
          reviewedByName: null,
          reviewedAt: null,
          returnedNote: null,
          updatedAt: now,
        }));
      if (rows.length) await em.insert(DutyReport, rows);
      await writeAudit(em, p, 'review.reports_due', { type: 'review_session', id: session.id }, { reports: rows.length }, audit);
    });
    return this.view(p, session.id);
  }

  /** `POST /review-sessions/:id/open`: voting opens (会议中). */
  async open(p: Principal, id: string, audit: AuditContext): Promise<ReviewSessionView> {
    return this.simpleMove(p, id, 'open', { status: 'in_session', openedAt: this.now() }, audit);
  }

  /** `POST /review-sessions/:id/close`: voting closes; results become visible. */
  async close(p: Principal, id: string, audit: AuditContext): Promise<ReviewSessionView> {
    return this.simpleMove(p, id, 'close', { status: 'voting_closed', closedAt: this.now() }, audit);
  }

  /** `POST /review-sessions/:id/publish`: the grades are notified (通报). */
  async publish(p: Principal, id: string, audit: AuditContext): Promise<ReviewSessionView> {
    return this.simpleMove(p, id, 'publish', { status: 'published', publishedAt: this.now() }, audit);
  }

  private async simpleMove(p: Principal, id: string, move: ReviewSessionMove, patch: Partial<ReviewSession>, audit: AuditContext) {
    const { session } = await this.load(p, id);
    this.assertFrom(session, move);
    await transactionWithRetry(this.ds, async (em) => {
      await this.move(em, session, move, patch);
      await writeAudit(em, p, `review.${move}`, { type: 'review_session', id: session.id }, { status: patch.status }, audit);
    });
    return this.view(p, session.id);
  }

  /**
   * `POST /review-sessions/:id/rate`: the committee's grade for every reporter, with the meeting
   * that decided and who entered it. The tally is shown to them; it never fills a grade in.
   */
  async rate(p: Principal, id: string, input: RateReviewRequest, audit: AuditContext): Promise<ReviewSessionView> {
    const { session } = await this.load(p, id);
    this.assertFrom(session, 'rate');
    const scale = this.scaleOf(session);
    const reporters = await this.reportersOf(session.id);
    const given = new Map<string, { finalGrade: ReviewGrade; basisNote?: string }>();
    for (const [i, g] of input.grades.entries()) {
      if (!reporters.some((r) => r.memberId === g.reporterMemberId)) throw fieldError(`grades.${i}.reporterMemberId`, '不是本次述职人');
      if (given.has(g.reporterMemberId)) throw fieldError(`grades.${i}.reporterMemberId`, '同一述职人只能评定一次');
      if (!scale.includes(g.finalGrade))
        throw fieldError(`grades.${i}.finalGrade`, `等次须为：${scale.map((x) => REVIEW_GRADE_LABELS[x]).join('、')}`);
      given.set(g.reporterMemberId, g);
    }
    const missing = reporters.filter((r) => !given.has(r.memberId));
    if (missing.length) {
      const names = await this.members.namesOf(missing.map((r) => r.memberId));
      throw fieldError('grades', `还有述职人未评定等次：${missing.map((r) => names.get(r.memberId) ?? '').join('、')}`);
    }
    const now = this.now();
    await transactionWithRetry(this.ds, async (em) => {
      await this.move(em, session, 'rate', {
        status: 'rated',
        ratedAt: now,
        decisionNote: input.decisionNote,
        decidedBy: p.id,
        decidedByName: p.name.slice(0, 50),
      });
      for (const r of reporters) {
        const g = given.get(r.memberId)!;
        await em.update(ReviewReporter, { id: r.id }, { finalGrade: g.finalGrade, basisNote: g.basisNote ?? null });
      }
      await writeAudit(
        em,
        p,
        'review.rate',
        { type: 'review_session', id: session.id },
        { decisionNote: input.decisionNote, grades: [...given.values()].map((g) => ({ ...g })) },
        audit,
      );
    });
    return this.view(p, session.id);
  }

  /** `POST /review-sessions/:id/tokens`: one-time tokens for the QR slips, shown once. */
  async issueTokens(p: Principal, id: string, count: number, audit: AuditContext): Promise<IssueBallotTokensResponse> {
    const { session } = await this.load(p, id);
    if (!REVIEW_TOKEN_STATES.includes(session.status))
      throw new AppError('STATE_CONFLICT', { from: session.status, allowed: REVIEW_TOKEN_STATES });
    if (count > MAX_BALLOT_TOKENS) throw fieldError('count', `一次最多生成 ${MAX_BALLOT_TOKENS} 张测评票`);
    const { tokens, hashes } = newBallotTokens(count);
    await this.ds.transaction(async (em) => {
      for (let i = 0; i < hashes.length; i += 100)
        await em.insert(
          BallotToken,
          hashes.slice(i, i + 100).map((tokenHash) => ({ id: newId(), sessionId: session.id, tokenHash, used: false })),
        );
      await writeAudit(em, p, 'review.tokens', { type: 'review_session', id: session.id }, { count }, audit);
    });
    return { sessionId: session.id, tokens };
  }

  // ── ballots (public, no sign-in) ─────────────────────────────────────────────────────────

  private async tokenRow(token: string, ip: string): Promise<BallotToken> {
    return findBallotToken(this.ds, BallotToken, token, ip, { limiter: this.limiter, perHour: this.opts.ballotsPerHour });
  }

  /** `GET /ballots/form?token=`: what a slip opens — the reporters and the scale; no voter is known. */
  async ballotForm(token: string, ip: string): Promise<BallotFormView> {
    const row = await this.tokenRow(token, ip);
    const session = await this.ds.getRepository(ReviewSession).findOneByOrFail({ id: row.sessionId });
    const reporters = await this.reportersOf(session.id);
    const [names, orgs, org, activity] = await Promise.all([
      this.members.namesOf(reporters.map((r) => r.memberId)),
      this.orgs.byIds(reporters.map((r) => r.orgId)),
      this.orgs.find(session.organizerOrgId),
      this.activities.load(session.activityId).catch(() => null),
    ]);
    return {
      sessionId: session.id,
      title: activity?.activity.title ?? `${session.year}年度述职评议`,
      organizerOrgName: org?.name ?? '',
      year: session.year,
      status: session.status,
      open: session.status === 'in_session',
      used: !!row.used,
      gradeScale: this.scaleOf(session).map((code) => ({ code, label: REVIEW_GRADE_LABELS[code] })),
      reporters: reporters.map((r) => ({
        memberId: r.memberId,
        name: names.get(r.memberId) ?? '',
        orgName: orgs.get(r.orgId)?.name ?? '',
      })),
    };
  }

  /**
   * `POST /ballots`: one ballot per token. The token's flag flips from unused to used by a
   * conditional update and the ballot is written in the same transaction: two requests with one
   * token make exactly one ballot; nothing ties the two rows together.
   */
  async cast(input: CastBallotRequest, ip: string): Promise<void> {
    const row = await this.tokenRow(input.token, ip);
    const session = await this.ds.getRepository(ReviewSession).findOneByOrFail({ id: row.sessionId });
    if (session.status !== 'in_session') throw new AppError('STATE_CONFLICT', { from: session.status, allowed: ['in_session'] });
    if (row.used) throw new AppError('BALLOT_TOKEN_USED');
    const scale = this.scaleOf(session);
    const reporters = new Set((await this.reportersOf(session.id)).map((r) => r.memberId));
    const seen = new Set<string>();
    for (const [i, g] of input.grades.entries()) {
      if (!reporters.has(g.reporterMemberId)) throw fieldError(`grades.${i}.reporterMemberId`, '不是本次述职人');
      if (seen.has(g.reporterMemberId)) throw fieldError(`grades.${i}.reporterMemberId`, '同一述职人只能评一次');
      if (!scale.includes(g.grade))
        throw fieldError(`grades.${i}.grade`, `等次须为：${scale.map((x) => REVIEW_GRADE_LABELS[x]).join('、')}`);
      seen.add(g.reporterMemberId);
    }
    await castWithToken(this.ds, BallotToken, row, async (em, ballotId) => {
      // Closing may have won the race: the ballot is refused (and the token stays unused).
      const now = await em.findOneBy(ReviewSession, { id: session.id });
      if (now?.status !== 'in_session')
        throw new AppError('STATE_CONFLICT', { from: now?.status ?? session.status, allowed: ['in_session'] });
      await em.insert(Ballot, { id: ballotId, sessionId: session.id });
      await em.insert(
        BallotGrade,
        input.grades.map((g) => ({
          id: randomBallotId(),
          ballotId,
          sessionId: session.id,
          reporterMemberId: g.reporterMemberId,
          grade: g.grade,
        })),
      );
    });
  }

  /** `POST /review-sessions/:id/paper-tallies`: paper ballots counted by the clerk, with a witness. */
  async enterTally(p: Principal, id: string, input: PaperTallyRequest, audit: AuditContext): Promise<PaperTallyView> {
    const { session } = await this.load(p, id);
    if (!REVIEW_TALLY_STATES.includes(session.status))
      throw new AppError('STATE_CONFLICT', { from: session.status, allowed: REVIEW_TALLY_STATES });
    if (input.witnessName === p.name) throw fieldError('witnessName', '监票人须是录入人以外的人');
    const scale = this.scaleOf(session);
    const reporters = new Set((await this.reportersOf(session.id)).map((r) => r.memberId));
    const seen = new Set<string>();
    for (const [i, c] of input.counts.entries()) {
      if (!reporters.has(c.reporterMemberId)) throw fieldError(`counts.${i}.reporterMemberId`, '不是本次述职人');
      if (seen.has(c.reporterMemberId)) throw fieldError(`counts.${i}.reporterMemberId`, '同一述职人只能录入一行');
      seen.add(c.reporterMemberId);
      let sum = 0;
      for (const [grade, n] of Object.entries(c.counts)) {
        if (n === undefined) continue;
        if (!scale.includes(grade as ReviewGrade))
          throw fieldError(`counts.${i}.counts`, `等次须为：${scale.map((x) => REVIEW_GRADE_LABELS[x]).join('、')}`);
        if (!Number.isInteger(n) || n! < 0 || n! > 10000) throw fieldError(`counts.${i}.counts`, '票数须为非负整数');
        sum += n!;
      }
      if (sum > input.papers) throw fieldError(`counts.${i}.counts`, `各等次票数之和（${sum}）不能超过纸质票张数（${input.papers}）`);
    }
    const tally: PaperTally = {
      id: newId(),
      sessionId: session.id,
      papers: input.papers,
      counts: JSON.stringify(
        input.counts.map((c) => ({
          reporterMemberId: c.reporterMemberId,
          counts: Object.fromEntries(Object.entries(c.counts).filter(([, n]) => n !== undefined)),
        })),
      ),
      enteredBy: p.id,
      enteredByName: p.name.slice(0, 50),
      witnessName: input.witnessName,
      enteredAt: this.now(),
    };
    await this.ds.transaction(async (em) => {
      await em.insert(PaperTally, tally);
      await writeAudit(
        em,
        p,
        'review.paper_tally',
        { type: 'review_session', id: session.id },
        { papers: input.papers, witnessName: input.witnessName },
        audit,
      );
    });
    return this.presentTally(tally);
  }

  private presentTally(t: PaperTally): PaperTallyView {
    return {
      id: t.id,
      papers: t.papers,
      counts: JSON.parse(t.counts) as PaperTallyView['counts'],
      enteredByName: t.enteredByName,
      witnessName: t.witnessName,
      enteredAt: toIsoLocal(t.enteredAt),
    };
  }

  /** `GET /review-sessions/:id/results`: only once voting has closed (409 before). */
  async results(p: Principal, id: string): Promise<ReviewResultsView> {
    const { session } = await this.load(p, id);
    const after: ReviewSessionStatus[] = ['voting_closed', 'rated', 'published'];
    if (!after.includes(session.status)) throw new AppError('STATE_CONFLICT', { from: session.status, allowed: after });
    const scale = this.scaleOf(session);
    const reporters = await this.reportersOf(session.id);
    const grades = await this.ds
      .getRepository(BallotGrade)
      .createQueryBuilder('g')
      .select(['g.reporterMemberId AS reporterMemberId', 'g.grade AS grade', 'COUNT(*) AS n'])
      .where('g.sessionId = :id', { id: session.id })
      .groupBy('g.reporterMemberId')
      .addGroupBy('g.grade')
      .getRawMany<{ reporterMemberId: string; grade: string; n: string | number }>();
    const phoneBallots = await this.ds.getRepository(Ballot).countBy({ sessionId: session.id });
    const tallies = await this.ds.getRepository(PaperTally).find({ where: { sessionId: session.id }, order: { enteredAt: 'ASC' } });
    const paperBallots = tallies.reduce((s, t) => s + t.papers, 0);
    const counts = new Map<string, Record<string, number>>(
      reporters.map((r) => [r.memberId, Object.fromEntries(scale.map((g) => [g, 0]))]),
    );
    for (const g of grades) {
      const c = counts.get(g.reporterMemberId);
      if (c && g.grade in c) c[g.grade] += Number(g.n);
    }
    for (const t of tallies)
      for (const row of JSON.parse(t.counts) as PaperTallyView['counts']) {
        const c = counts.get(row.reporterMemberId);
        if (c) for (const [grade, n] of Object.entries(row.counts)) if (grade in c) c[grade] += n ?? 0;
      }
    const [names, orgs] = await Promise.all([
      this.members.namesOf(reporters.map((r) => r.memberId)),
      this.orgs.byIds(reporters.map((r) => r.orgId)),
    ]);
    const validBallots = phoneBallots + paperBallots;
    const { attendeeCount: att, minValidNumerator: num, minValidDenominator: den } = session;
    const warning =
      att > 0 && validBallots * den < att * num
        ? `有效票 ${validBallots} 张，少于应到测评人数 ${att} 人的 ${num}/${den}，测评结果仅供参考，请党委会研究时说明。`
        : null;
    return {
      sessionId: session.id,
      status: session.status,
      gradeScale: scale,
      validBallots,
      phoneBallots,
      paperBallots,
      attendeeCount: att,
      warning,
      rows: reporters.map((r) => {
        const tally = counts.get(r.memberId)!;
        const graded = Object.values(tally).reduce((s, n) => s + n, 0);
        const top = (tally[scale[0]] ?? 0) + (scale.length > 2 ? (tally[scale[1]] ?? 0) : 0);
        return {
          reporterMemberId: r.memberId,
          name: names.get(r.memberId) ?? '',
          orgName: orgs.get(r.orgId)?.name ?? '',
          tally,
          graded,
          ratioTopTwo: graded ? Math.round((top / graded) * 1000) / 1000 : 0,
          finalGrade: r.finalGrade,
          basisNote: r.basisNote,
        };
      }),
      tallies: tallies.map((t) => this.presentTally(t)),
      decisionNote: session.decisionNote,
      decidedByName: session.decidedByName,
      decidedAt: session.ratedAt ? toIsoLocal(session.ratedAt) : null,
    };
  }

  // ── reading sessions ─────────────────────────────────────────────────────────────────────

  /** `GET /review-sessions?activityId=&year=`: the sessions of the caller's townships. */
  async list(p: Principal, q: { activityId?: string; year?: number }): Promise<ReviewSessionView[]> {
    const paths = scopePaths(p, ['admin']);
    if (!paths.length) return [];
    const orgs = await this.orgs.inSubtrees(paths);
    const ids = orgs.map((o) => o.id);
    if (!ids.length) return [];
    const where: Record<string, unknown> = { organizerOrgId: In(ids) };
    if (q.activityId) where.activityId = q.activityId;
    if (q.year) where.year = q.year;
    const sessions = await this.ds.getRepository(ReviewSession).find({ where, order: { createdAt: 'DESC' }, take: 200 });
    return Promise.all(sessions.map((s) => this.present(s)));
  }

  async view(p: Principal, id: string): Promise<ReviewSessionView> {
    const { session } = await this.load(p, id);
    return this.present(session);
  }

  private async present(s: ReviewSession): Promise<ReviewSessionView> {
    const reporters = await this.reportersOf(s.id);
    const [names, orgs, activity, issued, used] = await Promise.all([
      this.members.namesOf(reporters.map((r) => r.memberId)),
      this.orgs.byIds([s.organizerOrgId, ...reporters.map((r) => r.orgId)]),
      this.activities.load(s.activityId).catch(() => null),
      this.ds.getRepository(BallotToken).countBy({ sessionId: s.id }),
      this.ds.getRepository(BallotToken).countBy({ sessionId: s.id, used: true }),
    ]);
    return {
      id: s.id,
      organizerOrgId: s.organizerOrgId,
      organizerOrgName: orgs.get(s.organizerOrgId)?.name ?? '',
      year: s.year,
      activityId: s.activityId,
      activityTitle: activity?.activity.title ?? '',
      activityStartsAt: activity ? toIsoLocal(activity.activity.startsAt) : '',
      gradeScale: this.scaleOf(s),
      reporters: reporters.map((r) => ({
        memberId: r.memberId,
        name: names.get(r.memberId) ?? '',
        orgId: r.orgId,
        orgName: orgs.get(r.orgId)?.name ?? '',
      })),
      attendeeCount: s.attendeeCount,
      minValidShare: { numerator: s.minValidNumerator, denominator: s.minValidDenominator },
      status: s.status,
      tokensIssued: issued,
      tokensUsed: used,
      createdAt: toIsoLocal(s.createdAt),
      openedAt: s.openedAt ? toIsoLocal(s.openedAt) : null,
      closedAt: s.closedAt ? toIsoLocal(s.closedAt) : null,
      ratedAt: s.ratedAt ? toIsoLocal(s.ratedAt) : null,
      publishedAt: s.publishedAt ? toIsoLocal(s.publishedAt) : null,
      decisionNote: s.decisionNote,
      decidedByName: s.decidedByName,
    };
  }

  // ── duty reports ─────────────────────────────────────────────────────────────────────────

  /** The branch's figures from the yearly-report engine, with their sources (capped per figure). */
  private async figuresOf(p: Principal, orgId: string, year: number): Promise<DutyReportFigure[]> {
    const report = await this.reports.annual(p, { orgId, year });
    return report.figures.map((f) => ({
      no: f.no,
      label: f.label,
      value: f.value,
      unit: f.unit,
      sources: f.sources.slice(0, MAX_SOURCES_PER_FIGURE).map((s) => ({ type: s.type, id: s.id })),
    }));
  }

  /** A duty report the caller may see: the reporter, or the organiser's admins. */
  private async loadReport(
    p: Principal,
    id: string,
  ): Promise<{ report: DutyReport; session: ReviewSession; org: Org; isReporter: boolean }> {
    const report = isIdLike(id) ? await this.ds.getRepository(DutyReport).findOneBy({ id }) : null;
    const session = report ? await this.ds.getRepository(ReviewSession).findOneBy({ id: report.sessionId }) : null;
    const org = session ? await this.orgs.find(session.organizerOrgId) : null;
    if (!report || !session || !org) throw new AppError('NOT_FOUND');
    const isReporter = !!p.memberId && p.memberId === report.reporterMemberId;
    if (!isReporter) this.requireOrganiser(p, org);
    return { report, session, org, isReporter };
  }

  /** `GET /review-sessions/:id/duty-reports`. */
  async dutyReports(p: Principal, sessionId: string): Promise<DutyReportView[]> {
    const { session } = await this.load(p, sessionId);
    const reporters = await this.reportersOf(session.id);
    const order = new Map(reporters.map((r, i) => [r.memberId, i]));
    const list = await this.ds.getRepository(DutyReport).find({ where: { sessionId: session.id } });
    list.sort((a, b) => order.get(a.reporterMemberId)! - order.get(b.reporterMemberId)!);
    return this.presentReports(list);
  }

  /** `GET /duty-reports/mine`: the signed-in secretary's own reports. */
  async myDutyReports(p: Principal): Promise<DutyReportView[]> {
    if (!p.memberId) return [];
    return this.presentReports(
      await this.ds.getRepository(DutyReport).find({ where: { reporterMemberId: p.memberId }, order: { updatedAt: 'DESC' }, take: 20 }),
    );
  }

  async dutyReport(p: Principal, id: string): Promise<DutyReportView> {
    const { report } = await this.loadReport(p, id);
    return (await this.presentReports([report]))[0];
  }

  private assertReportFrom(report: DutyReport, allowed: readonly DutyReportStatus[]) {
    if (!allowed.includes(report.status)) throw new AppError('STATE_CONFLICT', { from: report.status, allowed });
  }

  /** `PUT /duty-reports/:id`: the written part (the figures are never typed). */
  async writeDutyReport(p: Principal, id: string, body: string, audit: AuditContext): Promise<DutyReportView> {
    const { report } = await this.loadReport(p, id);
    this.assertReportFrom(report, ['draft', 'returned']);
    await this.reportMove(p, report, ['draft', 'returned'], { body }, 'duty_report.write', audit);
    return this.dutyReport(p, id);
  }

  /** `POST /duty-reports/:id/refresh`: the figures read again from the records. */
  async refreshDutyReport(p: Principal, id: string, audit: AuditContext): Promise<DutyReportView> {
    const { report } = await this.loadReport(p, id);
    this.assertReportFrom(report, ['draft', 'returned']);
    const figures = await this.figuresOf(p, report.orgId, report.year);
    await this.reportMove(
      p,
      report,
      ['draft', 'returned'],
      { figures: figuresJson(figures), figuresAt: this.now() },
      'duty_report.refresh',
      audit,
    );
    return this.dutyReport(p, id);
  }

  async submitDutyReport(p: Principal, id: string, audit: AuditContext): Promise<DutyReportView> {
    const { report } = await this.loadReport(p, id);
    this.assertReportFrom(report, DUTY_REPORT_MOVES.submit);
    if (!report.body.trim()) throw fieldError('body', '请先撰写述职报告正文');
    await this.reportMove(
      p,
      report,
      DUTY_REPORT_MOVES.submit,
      { status: 'submitted', submittedAt: this.now() },
      'duty_report.submit',
      audit,
    );
    return this.dutyReport(p, id);
  }

  async acceptDutyReport(p: Principal, id: string, audit: AuditContext): Promise<DutyReportView> {
    const { report, org } = await this.loadReport(p, id);
    this.requireOrganiser(p, org);
    this.assertReportFrom(report, DUTY_REPORT_MOVES.accept);
    await this.reportMove(
      p,
      report,
      DUTY_REPORT_MOVES.accept,
      { status: 'accepted', reviewedBy: p.id, reviewedByName: p.name.slice(0, 50), reviewedAt: this.now(), returnedNote: null },
      'duty_report.accept',
      audit,
    );
    return this.dutyReport(p, id);
  }

  async returnDutyReport(p: Principal, id: string, note: string, audit: AuditContext): Promise<DutyReportView> {
    const { report, org } = await this.loadReport(p, id);
    this.requireOrganiser(p, org);
    this.assertReportFrom(report, DUTY_REPORT_MOVES.return);
    await this.reportMove(
      p,
      report,
      DUTY_REPORT_MOVES.return,
      { status: 'returned', reviewedBy: p.id, reviewedByName: p.name.slice(0, 50), reviewedAt: this.now(), returnedNote: note },
      'duty_report.return',
      audit,
    );
    return this.dutyReport(p, id);
  }

  private async reportMove(
    p: Principal,
    report: DutyReport,
    from: readonly DutyReportStatus[],
    patch: Partial<DutyReport>,
    action: string,
    audit: AuditContext,
  ) {
    await transactionWithRetry(this.ds, async (em) => {
      const n = await updateWhere(em, DutyReport, { id: report.id, status: In([...from]) }, { ...patch, updatedAt: this.now() });
      if (!n)
        throw new AppError('STATE_CONFLICT', {
          from: (await em.findOneBy(DutyReport, { id: report.id }))?.status ?? report.status,
          allowed: from,
        });
      await writeAudit(em, p, action, { type: 'duty_report', id: report.id }, { status: patch.status ?? report.status }, audit);
    });
  }

  private async presentReports(list: DutyReport[]): Promise<DutyReportView[]> {
    const [names, orgs] = await Promise.all([
      this.members.namesOf(list.map((r) => r.reporterMemberId)),
      this.orgs.byIds(list.map((r) => r.orgId)),
    ]);
    return list.map((r) => ({
      id: r.id,
      sessionId: r.sessionId,
      reporterMemberId: r.reporterMemberId,
      reporterName: names.get(r.reporterMemberId) ?? '',
      orgId: r.orgId,
      orgName: orgs.get(r.orgId)?.name ?? '',
      year: r.year,
      body: r.body,
      figures: JSON.parse(r.figures) as DutyReportFigure[],
      figuresAt: toIsoLocal(r.figuresAt),
      status: r.status,
      submittedAt: r.submittedAt ? toIsoLocal(r.submittedAt) : null,
      reviewedByName: r.reviewedByName,
      reviewedAt: r.reviewedAt ? toIsoLocal(r.reviewedAt) : null,
      returnedNote: r.returnedNote,
    }));
  }

  // ── 点评 ─────────────────────────────────────────────────────────────────────────────────

  /** `POST /review-sessions/:id/comments`: a point raised about a reporter. */
  async comment(p: Principal, id: string, input: CreateReviewCommentRequest, audit: AuditContext): Promise<ReviewCommentView> {
    const { session } = await this.load(p, id);
    if (session.status === 'planned')
      throw new AppError('STATE_CONFLICT', {
        from: session.status,
        allowed: ['reports_due', 'in_session', 'voting_closed', 'rated', 'published'],
      });
    const reporters = await this.reportersOf(session.id);
    if (!reporters.some((r) => r.memberId === input.reporterMemberId)) throw fieldError('reporterMemberId', '不是本次述职人');
    const c: ReviewComment = {
      id: newId(),
      sessionId: session.id,
      reporterMemberId: input.reporterMemberId,
      text: input.text,
      byName: (input.byName || p.name).slice(0, 50),
      createdBy: p.id,
      createdAt: this.now(),
      problemId: null,
    };
    await this.ds.transaction(async (em) => {
      await em.insert(ReviewComment, c);
      await writeAudit(em, p, 'review.comment', { type: 'review_comment', id: c.id }, { sessionId: session.id }, audit);
    });
    return this.presentComment(c);
  }

  async comments(p: Principal, id: string): Promise<ReviewCommentView[]> {
    const { session } = await this.load(p, id);
    const list = await this.ds.getRepository(ReviewComment).find({ where: { sessionId: session.id }, order: { createdAt: 'ASC' } });
    return list.map((c) => this.presentComment(c));
  }

  /**
   * `POST /review-comments/:id/problem`: the point becomes a Problem of the reporter's branch
   * (`source: "review"`, the year after the one reviewed — figure 26), once.
   */
  async toProblem(p: Principal, id: string, category: string | undefined, audit: AuditContext): Promise<ProblemView> {
    const c = isIdLike(id) ? await this.ds.getRepository(ReviewComment).findOneBy({ id }) : null;
    if (!c) throw new AppError('NOT_FOUND');
    const { session } = await this.load(p, c.sessionId);
    if (c.problemId) throw new AppError('STATE_CONFLICT', { from: 'problem_raised', allowed: ['no_problem'] });
    const reporter = (await this.reportersOf(session.id)).find((r) => r.memberId === c.reporterMemberId);
    if (!reporter) throw new AppError('NOT_FOUND');
    return transactionWithRetry(this.ds, async (em) => {
      const problem = await this.problems.create(
        p,
        {
          orgId: reporter.orgId,
          year: session.year + 1,
          source: 'review',
          sourceRef: c.id,
          category: category || '述职评议点评',
          description: c.text,
        },
        audit,
        em,
      );
      const n = await updateWhere(em, ReviewComment, { id: c.id, problemId: IsNull() }, { problemId: problem.id });
      if (!n) throw new AppError('STATE_CONFLICT', { from: 'problem_raised', allowed: ['no_problem'] });
      return problem;
    });
  }

  private presentComment(c: ReviewComment): ReviewCommentView {
    return {
      id: c.id,
      sessionId: c.sessionId,
      reporterMemberId: c.reporterMemberId,
      text: c.text,
      byName: c.byName,
      createdAt: toIsoLocal(c.createdAt),
      problemId: c.problemId,
    };
  }
}
