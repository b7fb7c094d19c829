/**
 * 组织关系转接: transfers out of a branch, the rules in one place. We mirror the national system.
 *
 *  - Managers of the member's org request (one open transfer per member: 409 TRANSFER_OPEN, a
 *    unique index under races), to an org of this deployment (not the member's own) or one outside
 *    by name; an admin above the member's branch approves (403 TRANSFER_APPROVER); the letter is
 *    issued with `validUntil` ≤ issue + 3 calendar months (default + 30 days) and 党费交至 not
 *    before the month of issue; received (回执) by a manager of the receiving org — or, for an org
 *    outside, by the sending org — and then the member moves to the receiving org (their history
 *    stays with the old one); cancel before receipt. Moves from fixed states (409 STATE_CONFLICT).
 *  - Lists: a manager sees transfers from or to orgs in their scope; another township 404; a
 *    member sees their own (`/transfers/mine`). Every write audited.
 */
import type { DataSource } from 'typeorm';
import {
  MANAGING_ROLES,
  TRANSFER_DEFAULT_DAYS,
  TRANSFER_MAX_MONTHS,
  TRANSFER_MOVES,
  TRANSFER_REMIND_DAYS,
  addMonths,
  addDays,
  isPartyMember,
  toLocalDate,
  type CreateTransferRequest,
  type IssueTransferRequest,
  type MyTransfer,
  type TransferMove,
  type TransferRemindResult,
  type TransferStepRequest,
  type TransferView,
} from '@djzy/shared';
import type { Bus } from '../../core/bus';
import { systemClock, type Clock } from '../../core/clock';
import { AppError, fieldError } from '../../core/errors';
import { isDuplicateKey } from '../../core/http';
import { isIdLike, newId } from '../../core/ids';
import { transactionWithRetry } from '../../core/sql';
import { covers, requireMember, scopePaths, type Principal } from '../../core/principal';
import { writeAudit, type AuditContext } from '../audit';
import type { MemberDirectory } from '../member';
import type { NotificationService } from '../notification';
import type { Org, OrgService } from '../org';
import type { MembershipTransfer } from './transfer.entity';
import { TransferRepository } from './transfer.repository';

export class TransferService {
  readonly repo: TransferRepository;

  constructor(
    private readonly ds: DataSource,
    readonly orgs: OrgService,
    readonly members: MemberDirectory,
    private readonly bus: Bus,
    private readonly notifications: NotificationService,
    private readonly opts: { now?: Clock } = {},
  ) {
    this.repo = new TransferRepository(ds);
  }

  now(): Date {
    return (this.opts.now ?? systemClock)();
  }
  today(): string {
    return toLocalDate(this.now());
  }

  private notFuture(day: string, field = 'on'): void {
    if (day > this.today()) throw fieldError(field, '日期不能晚于今天');
  }

  async list(p: Principal, q: { orgId?: string; status?: string }): Promise<TransferView[]> {
    const paths = scopePaths(p, MANAGING_ROLES);
    if (!paths.length) throw new AppError('FORBIDDEN');
    let scope = paths;
    if (q.orgId) {
      const org = await this.orgs.find(q.orgId);
      if (!org || !covers(p, org.path, MANAGING_ROLES)) throw new AppError('NOT_FOUND');
      scope = [org.path];
    }
    return this.present(p, await this.repo.list(scope, q.status));
  }

  /** A transfer the caller manages from either end, else 404. */
  private async visible(p: Principal, id: string): Promise<{ t: MembershipTransfer; from: Org; to: Org | null }> {
    const t = isIdLike(id) ? await this.repo.find(id) : null;
    const from = t ? await this.orgs.find(t.fromOrgId) : null;
    const to = t?.toOrgId ? await this.orgs.find(t.toOrgId) : null;
    if (!t || !from || !(covers(p, from.path, MANAGING_ROLES) || (to && covers(p, to.path, MANAGING_ROLES))))
      throw new AppError('NOT_FOUND');
    return { t, from, to };
  }

  async get(p: Principal, id: string): Promise<TransferView> {
    return (await this.present(p, [(await this.visible(p, id)).t]))[0];
  }

  async create(p: Principal, input: CreateTransferRequest, audit: AuditContext): Promise<TransferView> {
    const found = await this.members.findWithOrg(input.memberId);
    if (!found || !covers(p, found.org.path, MANAGING_ROLES)) throw new AppError('MEMBER_NOT_FOUND');
    if (!isPartyMember(found.member.status)) throw fieldError('memberId', '只有正式党员和预备党员办理组织关系转接');
    this.notFuture(input.requestedOn, 'requestedOn');
    let toOrgId: string | null = null;
    let toOrgName: string;
    if (input.toOrgId) {
      const to = await this.orgs.find(input.toOrgId);
      if (!to || (to.kind !== 'branch' && to.kind !== 'group')) throw fieldError('toOrgId', '请选择接收的党支部');
      if (to.id === found.org.id) throw fieldError('toOrgId', '接收组织不能是党员所在的组织');
      toOrgId = to.id;
      toOrgName = to.name;
    } else if (input.toOrgName) toOrgName = input.toOrgName;
    else throw fieldError('toOrgName', '请选择或填写接收组织');
    const now = this.now();
    const t: MembershipTransfer = {
      id: newId(),
      memberId: found.member.id,
      fromOrgId: found.org.id,
      kind: input.kind,
      toOrgId,
      toOrgName,
      reason: input.reason || null,
      status: 'requested',
      requestedOn: input.requestedOn,
      approvedOn: null,
      issuedOn: null,
      validUntil: null,
      duesPaidThrough: null,
      nationalSystemRef: null,
      receivedOn: null,
      note: null,
      remindedOn: null,
      openMemberId: found.member.id,
      createdBy: p.id,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.ds.transaction(async (em) => {
        await this.repo.insert(em, t);
        await writeAudit(
          em,
          p,
          'transfer.create',
          { type: 'transfer', id: t.id },
          { memberId: t.memberId, toOrgId, toOrgName, kind: t.kind },
          audit,
        );
      });
    } catch (e) {
      if (isDuplicateKey(e)) throw new AppError('TRANSFER_OPEN');
      throw e;
    }
    return (await this.present(p, [t]))[0];
  }

  private async move(
    p: Principal,
    id: string,
    move: TransferMove,
    patch: (t: MembershipTransfer, from: Org, to: Org | null) => Partial<MembershipTransfer> | Promise<Partial<MembershipTransfer>>,
    audit: AuditContext,
  ): Promise<TransferView> {
    const { t, from, to } = await this.visible(p, id);
    const allowed: readonly string[] = TRANSFER_MOVES[move];
    if (!allowed.includes(t.status)) throw new AppError('STATE_CONFLICT', { from: t.status, allowed });
    const changes = { ...(await patch(t, from, to)), updatedAt: this.now() };
    const next = { ...t, ...changes };
    await this.ds.transaction(async (em) => {
      if (!(await this.repo.move(em, t.id, TRANSFER_MOVES[move], changes)))
        throw new AppError('STATE_CONFLICT', { from: (await this.repo.find(t.id))?.status ?? t.status, allowed: TRANSFER_MOVES[move] });
      // The roster follows (activity.access.ts reads it): 在途 from the day of issue — in neither
      // org's attendance base; received within the deployment, the member belongs to the receiving
      // org from the day of receipt; received outside, transferred out; cancelled, back as before.
      const at = changes.updatedAt;
      if (move === 'issue') await this.members.setTransferState(em, t.memberId, 'in_transit', next.issuedOn, at);
      if (move === 'receive' && next.toOrgId) await this.members.moveToOrg(em, t.memberId, next.toOrgId, next.receivedOn!, at);
      if (move === 'receive' && !next.toOrgId) await this.members.setTransferState(em, t.memberId, 'transferred_out', next.issuedOn, at);
      if (move === 'cancel' && t.status === 'issued') await this.members.setTransferState(em, t.memberId, null, null, at);
      await writeAudit(em, p, `transfer.${move}`, { type: 'transfer', id: t.id }, { from: t.status, to: next.status }, audit);
    });
    // Every process drops the member's cached principal (their org, their 在途 day).
    if (move !== 'approve') this.bus.publish('principal', t.memberId);
    return (await this.present(p, [next]))[0];
  }

  /** Only managers of the sending org act on it before it is issued. */
  private requireSender(p: Principal, from: Org): void {
    if (!covers(p, from.path, MANAGING_ROLES)) throw new AppError('NOT_FOUND');
  }

  /** 审批 is an admin's of an org above the member's branch (the sending org, or a 党小组's branch). */
  private isApprover(p: Principal, from: Org): boolean {
    const above = from.path
      .split('/')
      .filter(Boolean)
      .slice(0, from.kind === 'group' ? -2 : -1);
    return p.grants.some((g) => g.role === 'admin' && above.includes(g.orgId));
  }

  /** 接收 (回执) is the receiving org's managers'; for an org outside the deployment, the sender's. */
  private isReceiver(p: Principal, from: Org, to: Org | null): boolean {
    return covers(p, (to ?? from).path, MANAGING_ROLES);
  }

  async approve(p: Principal, id: string, input: TransferStepRequest, audit: AuditContext): Promise<TransferView> {
    return this.move(
      p,
      id,
      'approve',
      async (t, from) => {
        this.requireSender(p, from);
        this.notFuture(input.on);
        if (input.on < t.requestedOn) throw fieldError('on', '审批日期不能早于申请日期');
        if (!this.isApprover(p, from)) throw new AppError('TRANSFER_APPROVER');
        return { status: 'approved', approvedOn: input.on, note: input.note || t.note };
      },
      audit,
    );
  }

  async issue(p: Principal, id: string, input: IssueTransferRequest, audit: AuditContext): Promise<TransferView> {
    return this.move(
      p,
      id,
      'issue',
      (t, from) => {
        this.requireSender(p, from);
        this.notFuture(input.on);
        if (t.approvedOn && input.on < t.approvedOn) throw fieldError('on', '开具日期不能早于审批日期');
        const validUntil = input.validUntil ?? addDays(input.on, TRANSFER_DEFAULT_DAYS);
        if (validUntil < input.on) throw fieldError('validUntil', '有效期不能早于开具日期');
        if (validUntil > addMonths(input.on, TRANSFER_MAX_MONTHS))
          throw fieldError('validUntil', `介绍信有效期最长 ${TRANSFER_MAX_MONTHS} 个月`);
        if (input.duesPaidThrough < input.on.slice(0, 7)) throw fieldError('duesPaidThrough', '转出前党费应交至开具介绍信的当月');
        return {
          status: 'issued',
          issuedOn: input.on,
          validUntil,
          duesPaidThrough: input.duesPaidThrough,
          nationalSystemRef: input.nationalSystemRef || null,
        };
      },
      audit,
    );
  }

  async receive(p: Principal, id: string, input: TransferStepRequest, audit: AuditContext): Promise<TransferView> {
    return this.move(
      p,
      id,
      'receive',
      (t, from, to) => {
        // The receiving org confirms (回执); an org outside the deployment: the sender records the 回执.
        if (!this.isReceiver(p, from, to)) throw new AppError('FORBIDDEN');
        this.notFuture(input.on);
        if (t.issuedOn && input.on < t.issuedOn) throw fieldError('on', '接收日期不能早于开具日期');
        return { status: 'received', receivedOn: input.on, openMemberId: null, note: input.note || t.note };
      },
      audit,
    );
  }

  async cancel(p: Principal, id: string, input: TransferStepRequest, audit: AuditContext): Promise<TransferView> {
    return this.move(
      p,
      id,
      'cancel',
      (t, from) => {
        this.requireSender(p, from);
        if (!input.note) throw fieldError('note', '请填写撤销原因');
        return { status: 'cancelled', openMemberId: null, note: input.note };
      },
      audit,
    );
  }

  // ── the 7-day reminder ──────────────────────────────────────────────────────────────────

  /**
   * `POST /transfers/remind { orgId? }` (managers): the reminder for the letters issued from the
   * caller's scope (or `orgId`'s subtree) that expire within 7 days.
   */
  async remind(p: Principal, orgId: string | undefined, audit: AuditContext): Promise<TransferRemindResult> {
    const paths = scopePaths(p, MANAGING_ROLES);
    if (!paths.length) throw new AppError('FORBIDDEN');
    let scope = paths;
    if (orgId) {
      const org = await this.orgs.find(orgId);
      if (!org || !covers(p, org.path, MANAGING_ROLES)) throw new AppError('NOT_FOUND');
      scope = [org.path];
    }
    const result = await this.remindIn(scope);
    await this.ds.transaction((em) => writeAudit(em, p, 'transfer.remind', { type: 'org', id: orgId ?? null }, { ...result }, audit));
    return result;
  }

  /** The periodic job (hourly in main.ts): every letter of the deployment expiring within 7 days. */
  async remindDue(): Promise<TransferRemindResult> {
    return this.remindIn(null);
  }

  /**
   * One WeChat message to the member per letter, 7 days (or fewer, when issued later) before
   * `validUntil`: a conditional update of `remindedOn` commits with the queued message, so the
   * console button, the hourly job and several processes remind once. The issuing branch sees
   * `expiresSoon` and `remindedOn` on the transfer.
   */
  private async remindIn(paths: string[] | null): Promise<TransferRemindResult> {
    const today = this.today();
    const due = await this.repo.expiringUnreminded(today, addDays(today, TRANSFER_REMIND_DAYS), paths);
    let queued = 0;
    for (const t of due) {
      await transactionWithRetry(this.ds, async (em) => {
        if (!(await this.repo.markReminded(em, t.id, today))) return;
        queued += await this.notifications.queue(em, 'task', [
          {
            memberId: t.memberId,
            dedupeKey: `transfer:${t.id}:expiry`,
            page: 'sub/member-year/index',
            data: {
              thing1: { value: '组织关系转接介绍信' },
              thing2: { value: `请于${t.validUntil}前到${t.toOrgName}报到`.slice(0, 20) },
              date3: { value: t.validUntil! },
            },
          },
        ]);
      });
    }
    // Letters from outside the deployment: no member on the roster to message yet, so the
    // receiving org is shown them (here and as 即将到期 on the 外部转入 rows).
    const incoming = (await this.repo.incomingExpiring(today, addDays(today, TRANSFER_REMIND_DAYS), paths)).map((t) => ({
      id: t.id,
      name: t.name,
      fromOrgName: t.fromOrgName,
      toOrgId: t.toOrgId,
      toOrgName: t.toOrgName,
      validUntil: t.validUntil,
    }));
    return { due: due.length, queued, incoming };
  }

  async mine(p: Principal): Promise<MyTransfer[]> {
    const memberId = requireMember(p);
    const views = await this.present(p, await this.repo.ofMember(memberId));
    return views.map((v) => ({
      id: v.id,
      kind: v.kind,
      toOrgName: v.toOrgName,
      status: v.status,
      issuedOn: v.issuedOn,
      validUntil: v.validUntil,
      expired: v.expired,
      expiresSoon: v.expiresSoon,
    }));
  }

  /** Shapes transfers for `p`: the moves the state allows, and which of them `p` may make (`can*`, the same checks as the moves). */
  private async present(p: Principal, rows: MembershipTransfer[]): Promise<TransferView[]> {
    const names = await this.members.namesOf(rows.map((t) => t.memberId));
    const orgs = await this.orgs.byIds([...new Set(rows.flatMap((t) => (t.toOrgId ? [t.fromOrgId, t.toOrgId] : [t.fromOrgId])))]);
    const today = this.today();
    return rows.map((t) => {
      const issued = t.status === 'issued' && !!t.validUntil;
      const from = orgs.get(t.fromOrgId);
      const to = t.toOrgId ? (orgs.get(t.toOrgId) ?? null) : null;
      const state = (m: TransferMove) => (TRANSFER_MOVES[m] as readonly string[]).includes(t.status);
      const sender = !!from && covers(p, from.path, MANAGING_ROLES);
      return {
        id: t.id,
        memberId: t.memberId,
        memberName: names.get(t.memberId) ?? '',
        fromOrgId: t.fromOrgId,
        fromOrgName: orgs.get(t.fromOrgId)?.name ?? '',
        kind: t.kind,
        toOrgId: t.toOrgId,
        toOrgName: t.toOrgName,
        reason: t.reason,
        status: t.status,
        requestedOn: t.requestedOn,
        approvedOn: t.approvedOn,
        issuedOn: t.issuedOn,
        validUntil: t.validUntil,
        duesPaidThrough: t.duesPaidThrough,
        nationalSystemRef: t.nationalSystemRef,
        receivedOn: t.receivedOn,
        expired: issued && t.validUntil! < today,
        expiresSoon: issued && t.validUntil! >= today && t.validUntil! <= addDays(today, TRANSFER_REMIND_DAYS),
        remindedOn: t.remindedOn,
        allowedMoves: (Object.keys(TRANSFER_MOVES) as TransferMove[]).filter(state),
        canApprove: state('approve') && sender && this.isApprover(p, from!),
        canIssue: state('issue') && sender,
        canReceive: state('receive') && !!from && this.isReceiver(p, from, to),
        canCancel: state('cancel') && sender,
      };
    });
  }
}
