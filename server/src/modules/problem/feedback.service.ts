/**
 * 投诉建议 (feedback): a member writes in the mini-program about an org of their township; the
 * managers of that org answer within the reply period (a setting, 10 days by default); past it
 * without a reply it shows as overdue (to the org's managers and every level above, who see it
 * in scope). A manager may turn one into a Problem (`source: "feedback"`), once.
 * A member's own words are not run through WeChat's content check (a complaint is not
 * published anywhere); the public channel, when it comes with 三务公开, is.
 */
import type { DataSource } from 'typeorm';
import {
  DEFAULT_PAGE_SIZE,
  FEEDBACK_CATEGORY_LABELS,
  toIsoLocal,
  type CreateFeedbackRequest,
  type CreateFeedbackResponse,
  type FeedbackCategory,
  type FeedbackListQuery,
  type FeedbackView,
  type Page,
  type ProblemView,
} from '@djzy/shared';
import { systemClock, type Clock } from '../../core/clock';
import type { FieldCipher } from '../../core/crypto';
import { AppError, fieldError } from '../../core/errors';
import { isIdLike, newId } from '../../core/ids';
import { covers, isManager, requireManages, requireMember, scopePaths, type Principal } from '../../core/principal';
import type { RateLimiter } from '../../core/rate-limit';
import { writeAudit, type AuditContext } from '../audit';
import type { MemberDirectory } from '../member';
import { townshipPathOf, type Org, type OrgService } from '../org';
import type { Feedback } from './problem.entity';
import type { ProblemService } from './problem.service';
import { ProblemRepository } from './problem.repository';

const DAY = 24 * 3600_000;
/** A member may send this many in an hour (a flood is refused with 429). */
const PER_HOUR = 10;

export class FeedbackService {
  private readonly repo: ProblemRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
    private readonly members: MemberDirectory,
    private readonly problems: ProblemService,
    private readonly cipher: FieldCipher,
    private readonly limiter: RateLimiter,
    private readonly opts: { replyDays: number; now?: Clock },
  ) {
    this.repo = new ProblemRepository(ds);
  }

  private now(): Date {
    return (this.opts.now ?? systemClock)();
  }

  /** `POST /feedback`: about an org of the sender's township (their own branch when not named). */
  async create(p: Principal, input: CreateFeedbackRequest, audit: AuditContext): Promise<CreateFeedbackResponse> {
    const memberId = requireMember(p);
    if (!p.orgPath) throw new AppError('MEMBER_ACCOUNT_REQUIRED');
    const org = await this.aboutOrg(p.orgPath, input.orgId);
    await this.limiter.hit(`feedback:${memberId}`, PER_HOUR, 3600_000);
    const now = this.now();
    const f: Feedback = {
      id: newId(),
      category: input.category,
      content: input.content,
      contactEnc: input.contact ? this.cipher.encrypt(input.contact) : null,
      orgId: org.id,
      disclosureId: input.disclosureId ?? null,
      senderMemberId: memberId,
      channel: 'member',
      status: 'received',
      checkResult: 'not_required',
      replyDueAt: new Date(now.getTime() + this.opts.replyDays * DAY),
      reply: null,
      repliedAt: null,
      repliedBy: null,
      repliedByName: null,
      problemId: null,
      createdAt: now,
    };
    await this.ds.transaction(async (em) => {
      await this.repo.insertFeedback(em, f);
      await writeAudit(em, p, 'feedback.create', { type: 'feedback', id: f.id }, { orgId: org.id, category: f.category }, audit);
    });
    return { id: f.id, status: f.status, replyDueAt: toIsoLocal(f.replyDueAt) };
  }

  /**
   * `POST /public/disclosures/:id/feedback`, called by the disclosure module once it has found the
   * public disclosure and run the content check: a villager's 我要监督, without sign-in, about the
   * village (`orgId`), in the township's 投诉建议 inbox with the disclosure linked. `check` is
   * WeChat's answer (`pass`), or `review` / `unchecked` — then it is held (FeedbackView.held).
   */
  async createPublic(
    input: {
      orgId: string;
      disclosureId: string;
      content: string;
      contact?: string;
      category?: FeedbackCategory;
      check: 'pass' | 'review' | 'unchecked';
    },
    audit: AuditContext,
  ): Promise<CreateFeedbackResponse> {
    const now = this.now();
    const f: Feedback = {
      id: newId(),
      category: input.category ?? 'complaint',
      content: input.content,
      contactEnc: input.contact ? this.cipher.encrypt(input.contact) : null,
      orgId: input.orgId,
      disclosureId: input.disclosureId,
      senderMemberId: null,
      channel: 'public',
      status: 'received',
      checkResult: input.check,
      replyDueAt: new Date(now.getTime() + this.opts.replyDays * DAY),
      reply: null,
      repliedAt: null,
      repliedBy: null,
      repliedByName: null,
      problemId: null,
      createdAt: now,
    };
    await this.ds.transaction(async (em) => {
      await this.repo.insertFeedback(em, f);
      await writeAudit(
        em,
        null,
        'feedback.public',
        { type: 'feedback', id: f.id },
        { orgId: f.orgId, disclosureId: f.disclosureId, check: f.checkResult },
        audit,
      );
    });
    return { id: f.id, status: f.status, replyDueAt: toIsoLocal(f.replyDueAt) };
  }

  /** The org a feedback is about: one of the sender's township (or above it), else 400. */
  private async aboutOrg(senderPath: string, orgId: string | undefined): Promise<Org> {
    if (!orgId) {
      const branch = await this.orgs.branchPathOf(senderPath);
      const id = (branch ?? senderPath).split('/').filter(Boolean).pop()!;
      return this.orgs.get(id);
    }
    const org = await this.orgs.find(orgId);
    const township = townshipPathOf(senderPath);
    if (!org || !(org.path.startsWith(township) || township.startsWith(org.path)))
      throw fieldError('orgId', '只能对本乡镇的党组织提出投诉建议');
    return org;
  }

  /** `GET /feedback/mine`: the sender's own, newest first, with the replies. */
  async mine(p: Principal, q: { page?: number; pageSize?: number }): Promise<Page<FeedbackView>> {
    const memberId = requireMember(p);
    const { list, total } = await this.repo.feedbackPage({ senderMemberId: memberId }, q.page ?? 1, q.pageSize ?? DEFAULT_PAGE_SIZE);
    return { items: await this.present(p, list), total };
  }

  /** `GET /feedback`: the inbox of the orgs in the caller's scope. */
  async list(p: Principal, q: FeedbackListQuery): Promise<Page<FeedbackView>> {
    if (!isManager(p)) throw new AppError('FORBIDDEN');
    let orgPath: string | undefined;
    if (q.orgId) {
      const org = await this.orgs.find(q.orgId);
      if (!org) throw fieldError('orgId', '组织不存在');
      requireManages(p, org.path);
      orgPath = org.path;
    }
    const { list, total } = await this.repo.feedbackPage(
      { paths: scopePaths(p), orgPath, status: q.status, overdueAt: q.overdue ? this.now() : undefined },
      q.page ?? 1,
      q.pageSize ?? DEFAULT_PAGE_SIZE,
    );
    return { items: await this.present(p, list), total };
  }

  /** One the caller may read: its sender, or a manager of its org (404 otherwise). */
  private async load(p: Principal, id: string): Promise<{ f: Feedback; org: Org }> {
    const f = isIdLike(id) ? await this.repo.feedback(id) : null;
    const org = f ? await this.orgs.find(f.orgId) : null;
    if (!f || !org) throw new AppError('NOT_FOUND');
    if (!covers(p, org.path) && !(p.memberId && p.memberId === f.senderMemberId)) throw new AppError('NOT_FOUND');
    return { f, org };
  }

  async get(p: Principal, id: string): Promise<FeedbackView> {
    const { f } = await this.load(p, id);
    return (await this.present(p, [f]))[0];
  }

  /** `POST /feedback/:id/reply`: once, by a manager of the org it is about. */
  async reply(p: Principal, id: string, content: string, audit: AuditContext): Promise<FeedbackView> {
    const { f, org } = await this.load(p, id);
    requireManages(p, org.path);
    if (f.status === 'replied') throw new AppError('FEEDBACK_ALREADY_REPLIED');
    const patch = { reply: content, repliedAt: this.now(), repliedBy: p.id, repliedByName: p.name.slice(0, 50) };
    await this.ds.transaction(async (em) => {
      if (!(await this.repo.replyFeedback(em, f.id, patch))) throw new AppError('FEEDBACK_ALREADY_REPLIED');
      await writeAudit(em, p, 'feedback.reply', { type: 'feedback', id: f.id }, null, audit);
    });
    return (await this.present(p, [{ ...f, ...patch, status: 'replied' }]))[0];
  }

  /** `POST /feedback/:id/problem`: opens a Problem from it (source `feedback`), once. */
  async toProblem(p: Principal, id: string, audit: AuditContext): Promise<ProblemView> {
    const { f, org } = await this.load(p, id);
    requireManages(p, org.path);
    const linked = () => new AppError('STATE_CONFLICT', { from: 'linked', allowed: ['unlinked'] }, '已根据这条投诉建议登记过问题');
    if (f.problemId) throw linked();
    let view: ProblemView | null = null;
    await this.ds.transaction(async (em) => {
      view = await this.problems.create(
        p,
        {
          orgId: org.id,
          year: Number(toIsoLocal(this.now()).slice(0, 4)),
          source: 'feedback',
          sourceRef: f.id,
          category: `群众${FEEDBACK_CATEGORY_LABELS[f.category]}`,
          description: f.content.slice(0, 2000),
        },
        audit,
        em,
      );
      if (!(await this.repo.linkProblem(em, f.id, view.id))) throw linked();
    });
    return view!;
  }

  /**
   * A feedback as the source of another record (a 为群众办实事, in the service module): read by a
   * manager of the org it is about (404 outside the caller's sight, 403 for its sender).
   */
  async sourceFor(
    p: Principal,
    id: string,
  ): Promise<{ id: string; orgId: string; category: Feedback['category']; content: string; senderMemberId: string | null }> {
    const { f, org } = await this.load(p, id);
    requireManages(p, org.path);
    return { id: f.id, orgId: f.orgId, category: f.category, content: f.content, senderMemberId: f.senderMemberId };
  }

  private async present(p: Principal, list: Feedback[]): Promise<FeedbackView[]> {
    const orgs = await this.orgs.byIds(list.map((f) => f.orgId));
    const names = await this.members.namesOf(list.map((f) => f.senderMemberId).filter((x): x is string => !!x));
    const now = this.now().getTime();
    return list.map((f) => {
      const org = orgs.get(f.orgId);
      const canReply = !!org && covers(p, org.path) && f.status === 'received';
      const mayReadContact = (!!org && covers(p, org.path)) || (!!p.memberId && p.memberId === f.senderMemberId);
      return {
        id: f.id,
        category: f.category,
        content: f.content,
        contact: mayReadContact && f.contactEnc ? this.cipher.decrypt(f.contactEnc) : null,
        orgId: f.orgId,
        orgName: org?.name ?? '',
        senderName: f.senderMemberId ? (names.get(f.senderMemberId) ?? null) : null,
        channel: f.channel,
        disclosureId: f.disclosureId,
        status: f.status,
        createdAt: toIsoLocal(f.createdAt),
        replyDueAt: toIsoLocal(f.replyDueAt),
        overdue: f.status === 'received' && f.replyDueAt.getTime() < now,
        reply: f.reply,
        repliedAt: f.repliedAt ? toIsoLocal(f.repliedAt) : null,
        repliedByName: f.repliedByName,
        problemId: f.problemId,
        held: f.checkResult !== 'pass' && f.checkResult !== 'not_required',
        canReply,
      };
    });
  }
}
