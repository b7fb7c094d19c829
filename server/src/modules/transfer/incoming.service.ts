/**
 * 组织关系转入 from an org outside the deployment (the member is not on the roster yet), the rules
 * in one place:
 *
 *  - A manager (admin, 支部书记, 支部委员) of the receiving branch or above registers the letter as
 *    received: sending org, letter number, issue day (not in the future), `validUntil` ≤ issue + 3
 *    calendar months, the member's details (ID number stored encrypted with a blind index, as the
 *    roster does; gender and birth date from it unless given), standing (正式/预备), 入党日期 and
 *    转正日期 (正式党员 only, not before 入党), 党费交至. An ID number already on the roster of the
 *    deployment → 409 TRANSFER_MEMBER_EXISTS (a member of this deployment moves through
 *    `/transfers`); one open letter per ID number (409 TRANSFER_OPEN, a unique index under races).
 *  - 接收 (`receive { on, note? }`, not before issue, not in the future; past `validUntil` the note
 *    — the branch's 证明 — is required): the member is put on the branch's roster in the same
 *    transaction, counting there from `on`; the letter keeps where they came from (`memberId`
 *    links it). `cancel { on, note }` while registered. Moves from fixed states (409 STATE_CONFLICT).
 *  - Reads: managers of the receiving org's subtree; another township 404. Every write audited.
 */
import type { DataSource } from 'typeorm';
import {
  MANAGING_ROLES,
  TRANSFER_MAX_MONTHS,
  TRANSFER_REMIND_DAYS,
  addDays,
  addMonths,
  maskIdCard,
  normalizeIdCard,
  toLocalDate,
  type CreateIncomingTransferRequest,
  type IncomingTransferView,
  type TransferStepRequest,
} from '@djzy/shared';
import { systemClock, type Clock } from '../../core/clock';
import type { FieldCipher } from '../../core/crypto';
import { AppError, fieldError } from '../../core/errors';
import { isDuplicateKey } from '../../core/http';
import { isIdLike, newId } from '../../core/ids';
import { covers, scopePaths, type Principal } from '../../core/principal';
import { writeAudit, type AuditContext } from '../audit';
import type { MemberService } from '../member';
import type { Org, OrgService } from '../org';
import type { IncomingTransfer } from './transfer.entity';
import { TransferRepository } from './transfer.repository';

export class IncomingTransferService {
  private readonly repo: TransferRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
    private readonly members: MemberService,
    private readonly cipher: FieldCipher,
    private readonly opts: { now?: Clock } = {},
  ) {
    this.repo = new TransferRepository(ds);
  }

  private now(): Date {
    return (this.opts.now ?? systemClock)();
  }
  private today(): string {
    return toLocalDate(this.now());
  }

  async list(p: Principal, q: { orgId?: string; status?: string }): Promise<IncomingTransferView[]> {
    const paths = scopePaths(p, MANAGING_ROLES);
    if (!paths.length) throw new AppError('FORBIDDEN');
    let scope = paths;
    if (q.orgId) {
      const org = await this.orgs.find(q.orgId);
      if (!org || !covers(p, org.path, MANAGING_ROLES)) throw new AppError('NOT_FOUND');
      scope = [org.path];
    }
    return this.present(await this.repo.listIncoming(scope, q.status));
  }

  private async visible(p: Principal, id: string): Promise<{ t: IncomingTransfer; org: Org }> {
    const t = isIdLike(id) ? await this.repo.findIncoming(id) : null;
    const org = t ? await this.orgs.find(t.toOrgId) : null;
    if (!t || !org || !covers(p, org.path, MANAGING_ROLES)) throw new AppError('NOT_FOUND');
    return { t, org };
  }

  async get(p: Principal, id: string): Promise<IncomingTransferView> {
    return (await this.present([(await this.visible(p, id)).t]))[0];
  }

  async register(p: Principal, input: CreateIncomingTransferRequest, audit: AuditContext): Promise<IncomingTransferView> {
    if (!scopePaths(p, MANAGING_ROLES).length) throw new AppError('FORBIDDEN');
    const org = await this.orgs.find(input.toOrgId);
    if (!org || !covers(p, org.path, MANAGING_ROLES)) throw new AppError('NOT_FOUND');
    if (org.kind !== 'branch' && org.kind !== 'group') throw fieldError('toOrgId', '请选择接收的党支部');
    const today = this.today();
    if (input.issuedOn > today) throw fieldError('issuedOn', '日期不能晚于今天');
    if (input.validUntil < input.issuedOn) throw fieldError('validUntil', '有效期不能早于开具日期');
    if (input.validUntil > addMonths(input.issuedOn, TRANSFER_MAX_MONTHS))
      throw fieldError('validUntil', `介绍信有效期最长 ${TRANSFER_MAX_MONTHS} 个月`);
    if (input.joinedOn > today) throw fieldError('joinedOn', '入党日期不能晚于今天');
    if (input.status === 'probationary' && input.fullOn) throw fieldError('fullOn', '预备党员没有转正日期');
    if (input.fullOn && (input.fullOn < input.joinedOn || input.fullOn > today))
      throw fieldError('fullOn', '转正日期应在入党日期之后、今天之前');
    const idCard = normalizeIdCard(input.idCard)!;
    const hash = this.cipher.blindIndex(idCard)!;
    const now = this.now();
    const t: IncomingTransfer = {
      id: newId(),
      toOrgId: org.id,
      kind: input.kind,
      fromOrgName: input.fromOrgName,
      letterNo: input.letterNo,
      issuedOn: input.issuedOn,
      validUntil: input.validUntil,
      name: input.name,
      idCardEnc: this.cipher.encrypt(idCard)!,
      idCardHash: hash,
      gender: input.gender ?? null,
      birthDate: input.birthDate ?? null,
      memberStatus: input.status,
      joinedOn: input.joinedOn,
      fullOn: input.fullOn ?? null,
      duesPaidThrough: input.duesPaidThrough,
      nationalSystemRef: input.nationalSystemRef || null,
      note: input.note || null,
      status: 'registered',
      registeredOn: today,
      receivedOn: null,
      memberId: null,
      openIdCardHash: hash,
      createdBy: p.id,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.ds.transaction(async (em) => {
        if (await this.members.idCardTaken(em, idCard)) throw new AppError('TRANSFER_MEMBER_EXISTS');
        await this.repo.insertIncoming(em, t);
        await writeAudit(
          em,
          p,
          'transfer.incoming.register',
          { type: 'incoming_transfer', id: t.id },
          { toOrgId: t.toOrgId, fromOrgName: t.fromOrgName, letterNo: t.letterNo },
          audit,
        );
      });
    } catch (e) {
      if (isDuplicateKey(e)) throw new AppError('TRANSFER_OPEN');
      throw e;
    }
    return (await this.present([t]))[0];
  }

  async receive(p: Principal, id: string, input: TransferStepRequest, audit: AuditContext): Promise<IncomingTransferView> {
    const { t } = await this.visible(p, id);
    if (t.status !== 'registered') throw new AppError('STATE_CONFLICT', { from: t.status, allowed: ['registered'] });
    if (input.on > this.today()) throw fieldError('on', '日期不能晚于今天');
    if (input.on < t.issuedOn) throw fieldError('on', '接收日期不能早于开具日期');
    if (input.on > t.validUntil && !input.note) throw fieldError('note', '介绍信已过有效期，请注明党组织出具的证明');
    const now = this.now();
    const next: IncomingTransfer = {
      ...t,
      status: 'received',
      receivedOn: input.on,
      openIdCardHash: null,
      note: input.note || t.note,
      updatedAt: now,
    };
    await this.ds.transaction(async (em) => {
      if (
        !(await this.repo.moveIncoming(em, t.id, 'registered', {
          status: 'received',
          receivedOn: input.on,
          openIdCardHash: null,
          note: next.note,
          updatedAt: now,
        }))
      )
        throw new AppError('STATE_CONFLICT', { from: (await this.repo.findIncoming(t.id))?.status ?? t.status, allowed: ['registered'] });
      next.memberId = await this.members.enrolTransferredIn(em, {
        name: t.name,
        orgId: t.toOrgId,
        idCard: this.cipher.decrypt(t.idCardEnc)!,
        gender: t.gender,
        birthDate: t.birthDate,
        status: t.memberStatus,
        joinedAt: t.joinedOn,
        on: input.on,
      });
      await this.repo.moveIncoming(em, t.id, 'received', { memberId: next.memberId });
      await writeAudit(
        em,
        p,
        'transfer.incoming.receive',
        { type: 'incoming_transfer', id: t.id },
        { memberId: next.memberId, fromOrgName: t.fromOrgName },
        audit,
      );
    });
    return (await this.present([next]))[0];
  }

  async cancel(p: Principal, id: string, input: TransferStepRequest, audit: AuditContext): Promise<IncomingTransferView> {
    const { t } = await this.visible(p, id);
    if (t.status !== 'registered') throw new AppError('STATE_CONFLICT', { from: t.status, allowed: ['registered'] });
    if (!input.note) throw fieldError('note', '请填写撤销原因');
    const now = this.now();
    const next: IncomingTransfer = { ...t, status: 'cancelled', openIdCardHash: null, note: input.note, updatedAt: now };
    await this.ds.transaction(async (em) => {
      if (
        !(await this.repo.moveIncoming(em, t.id, 'registered', {
          status: 'cancelled',
          openIdCardHash: null,
          note: input.note,
          updatedAt: now,
        }))
      )
        throw new AppError('STATE_CONFLICT', { from: (await this.repo.findIncoming(t.id))?.status ?? t.status, allowed: ['registered'] });
      await writeAudit(em, p, 'transfer.incoming.cancel', { type: 'incoming_transfer', id: t.id }, null, audit);
    });
    return (await this.present([next]))[0];
  }

  private async present(rows: IncomingTransfer[]): Promise<IncomingTransferView[]> {
    const orgs = await this.orgs.byIds([...new Set(rows.map((t) => t.toOrgId))]);
    const today = this.today();
    return rows.map((t) => {
      const open = t.status === 'registered';
      return {
        id: t.id,
        toOrgId: t.toOrgId,
        toOrgName: orgs.get(t.toOrgId)?.name ?? '',
        kind: t.kind,
        fromOrgName: t.fromOrgName,
        letterNo: t.letterNo,
        issuedOn: t.issuedOn,
        validUntil: t.validUntil,
        name: t.name,
        idCardMasked: maskIdCard(this.cipher.decrypt(t.idCardEnc)) ?? '',
        gender: t.gender,
        birthDate: t.birthDate,
        memberStatus: t.memberStatus,
        joinedOn: t.joinedOn,
        fullOn: t.fullOn,
        duesPaidThrough: t.duesPaidThrough,
        nationalSystemRef: t.nationalSystemRef,
        note: t.note,
        status: t.status,
        registeredOn: t.registeredOn,
        receivedOn: t.receivedOn,
        memberId: t.memberId,
        expired: open && t.validUntil < today,
        expiresSoon: open && t.validUntil >= today && t.validUntil <= addDays(today, TRANSFER_REMIND_DAYS),
        allowedMoves: open ? ['receive', 'cancel'] : [],
      };
    });
  }
}
