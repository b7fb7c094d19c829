/**
 * The roster: who may see and change which members. Every query is limited to the caller's
 * managed subtrees here, so no route can forget it. Personal data is encrypted on the way in
 * and masked on the way out; revealing it is an admin act written to the audit log.
 */
import type { DataSource, EntityManager } from 'typeorm';
import {
  DEFAULT_PAGE_SIZE,
  normalizeIdCard,
  type CreateMemberRequest,
  type MemberDetail,
  type MemberListQuery,
  type MemberStatus,
  type MemberSummary,
  type OrgNode,
  type Page,
  type UpdateMemberRequest,
} from '@djzy/shared';
import { auditNow, writeAudit, type AuditContext } from '../audit';
import { systemClock, type Clock } from '../../core/clock';
import type { FieldCipher } from '../../core/crypto';
import { AppError, fieldError } from '../../core/errors';
import { isDuplicateKey } from '../../core/http';
import { isIdLike, newId } from '../../core/ids';
import { covers, isManager, requireManages, type Principal } from '../../core/principal';
import type { Org, OrgService } from '../org';
import type { Member } from './member.entity';
import { presentMember, presentMemberDetail } from './member.presenter';
import { MemberDirectory } from './member.directory';
import { MemberRepository, type RosterFilter } from './member.repository';

/** Birth date from an 18-digit ID number. */
export function birthDateFromIdCard(idCard: string): string {
  return `${idCard.slice(6, 10)}-${idCard.slice(10, 12)}-${idCard.slice(12, 14)}`;
}

/** Gender from an 18-digit ID number (17th digit: odd = male). */
export function genderFromIdCard(idCard: string): 'male' | 'female' {
  return Number(idCard[16]) % 2 === 1 ? 'male' : 'female';
}

export class MemberService {
  private readonly repo: MemberRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
    private readonly cipher: FieldCipher,
    private readonly now: Clock = systemClock,
  ) {
    this.repo = new MemberRepository(ds);
  }

  /** Other modules' door to the roster (see member.directory.ts). */
  readonly directory = new MemberDirectory(this.ds, this.orgs);

  private requireManager(p: Principal) {
    if (!isManager(p)) throw new AppError('FORBIDDEN');
  }

  /** Only admins may see personal data unmasked, and only within their own subtrees. */
  private assertMayReveal(p: Principal, orgPaths: string[]) {
    if (!orgPaths.every((path) => covers(p, path, ['admin']))) throw new AppError('REVEAL_NOT_ALLOWED');
  }

  /** An org the caller manages, suitable for members (a branch or a group), or an error. */
  private async memberOrgInScope(p: Principal, orgId: string, field = 'orgId'): Promise<Org> {
    const org = await this.orgs.find(orgId);
    if (!org) throw fieldError(field, '所在组织不存在');
    requireManages(p, org.path);
    if (org.kind !== 'branch' && org.kind !== 'group') throw fieldError(field, '党员只能编入党支部或党小组');
    return org;
  }

  /** `GET /orgs`: the org tree within the caller's scope, with direct member counts. */
  async orgTree(p: Principal): Promise<OrgNode[]> {
    return this.orgs.tree(p, (ids) => this.directory.countByOrg(ids));
  }

  /** `GET /members`. */
  async list(p: Principal, q: MemberListQuery, audit: AuditContext): Promise<Page<MemberSummary>> {
    this.requireManager(p);
    const paths = await this.orgs.scopeOf(p, q.orgId);
    if (q.reveal) this.assertMayReveal(p, paths);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? DEFAULT_PAGE_SIZE;
    const filter: RosterFilter = { paths, isMobile: q.mobile, status: q.status };
    if (q.q) {
      // The search text is an ID number, a mobile number (both by blind index) or part of a name.
      const text = q.q;
      const id = normalizeIdCard(text);
      if (id) filter.idCardHash = this.cipher.blindIndex(id);
      else if (/^1\d{10}$/.test(text)) filter.phoneHash = this.cipher.blindIndex(text);
      else filter.nameContains = text;
    }
    const [rows, total] = await this.repo.page(filter, (page - 1) * pageSize, pageSize);
    const orgs = await this.orgs.withAncestors(rows.map((r) => r.orgId));
    if (q.reveal && rows.length)
      await auditNow(this.ds, p, 'member.reveal', { type: 'member', id: null }, { memberIds: rows.map((r) => r.id) }, audit);
    return { items: rows.map((m) => presentMember(m, orgs, this.cipher, !!q.reveal)), total };
  }

  /**
   * A member the caller may see: themself, or one in a managed subtree. Anyone else is 404,
   * so ids outside the scope do not even confirm that the member exists.
   */
  private async findVisible(p: Principal, id: string): Promise<{ member: Member; org: Org }> {
    const member = isIdLike(id) ? await this.repo.find(id) : null;
    if (!member) throw new AppError('NOT_FOUND');
    const org = (await this.orgs.find(member.orgId))!;
    if (member.id !== p.memberId && !covers(p, org.path)) throw new AppError('NOT_FOUND');
    return { member, org };
  }

  /** `GET /members/:id`. */
  async get(p: Principal, id: string, reveal: boolean, audit: AuditContext): Promise<MemberDetail> {
    const { member, org } = await this.findVisible(p, id);
    if (reveal) {
      this.assertMayReveal(p, [org.path]);
      await auditNow(this.ds, p, 'member.reveal', { type: 'member', id: member.id }, null, audit);
    }
    return this.detail(member, reveal);
  }

  private async detail(member: Member, reveal: boolean): Promise<MemberDetail> {
    const orgs = await this.orgs.withAncestors([member.orgId]);
    const bound = await this.directory.isBound(member.id);
    return presentMemberDetail(member, orgs, this.cipher, reveal, bound);
  }

  /** `POST /members`. */
  async create(p: Principal, input: CreateMemberRequest, audit: AuditContext): Promise<MemberDetail> {
    this.requireManager(p);
    await this.memberOrgInScope(p, input.orgId);
    const idCard = normalizeIdCard(input.idCard)!;
    const now = this.now();
    const member = await this.ds
      .transaction(async (em) => {
      await this.assertIdCardFree(em, idCard, null);
      const m = this.repo.build({
        id: newId(),
        name: input.name,
        gender: input.gender ?? genderFromIdCard(idCard),
        orgId: input.orgId,
        status: input.status,
        idCardEnc: this.cipher.encrypt(idCard)!,
        idCardHash: this.cipher.blindIndex(idCard)!,
        phoneEnc: this.cipher.encrypt(input.phone ?? null),
        phoneHash: this.cipher.blindIndex(input.phone ?? null),
        birthDate: birthDateFromIdCard(idCard),
        joinedAt: input.joinedAt ?? null,
        education: input.education ?? null,
        isMobile: input.isMobile ?? false,
        createdAt: now,
        updatedAt: now,
      });
      await this.repo.insert(em, m);
      await writeAudit(em, p, 'member.create', { type: 'member', id: m.id }, { orgId: m.orgId }, audit);
      return m;
    })
      .catch((e) => {
        // Two requests with the same ID number can both pass the check; the unique index decides.
        if (isDuplicateKey(e)) throw new AppError('DUPLICATE_ID_CARD', [{ field: 'idCard', message: '该身份证号已在名册中' }]);
        throw e;
      });
    return this.detail(member, false);
  }

  /** `PATCH /members/:id`. */
  async update(p: Principal, id: string, input: UpdateMemberRequest, audit: AuditContext): Promise<MemberDetail> {
    this.requireManager(p);
    const { member, org } = await this.findVisible(p, id);
    requireManages(p, org.path);
    if (input.orgId && input.orgId !== member.orgId) await this.memberOrgInScope(p, input.orgId);
    const changed: string[] = [];
    const updated = await this.ds.transaction(async (em) => {
      const m = await this.repo.get(em, member.id);
      const plain = ['name', 'gender', 'orgId', 'status', 'joinedAt', 'education'] as const;
      for (const key of plain) {
        const value = input[key];
        if (value !== undefined && value !== m[key]) {
          Object.assign(m, { [key]: value });
          changed.push(key);
        }
      }
      if (input.isMobile !== undefined && input.isMobile !== !!m.isMobile) {
        m.isMobile = input.isMobile;
        changed.push('isMobile');
      }
      if (input.idCard !== undefined) {
        const idCard = normalizeIdCard(input.idCard)!;
        const hash = this.cipher.blindIndex(idCard)!;
        if (hash !== m.idCardHash) {
          await this.assertIdCardFree(em, idCard, m.id);
          m.idCardEnc = this.cipher.encrypt(idCard)!;
          m.idCardHash = hash;
          m.birthDate = birthDateFromIdCard(idCard);
          changed.push('idCard');
        }
      }
      if (input.phone !== undefined) {
        const phone = input.phone || null;
        const hash = this.cipher.blindIndex(phone);
        if (hash !== m.phoneHash) {
          m.phoneEnc = this.cipher.encrypt(phone);
          m.phoneHash = hash;
          changed.push('phone');
        }
      }
      if (changed.length) {
        m.updatedAt = this.now();
        await this.repo.save(em, m);
        await writeAudit(em, p, 'member.update', { type: 'member', id: m.id }, { fields: changed }, audit);
      }
      return m;
    });
    return this.detail(updated, false);
  }

  // ── 发展党员 (the development module's door to the roster) ─────────────────────────────────

  /**
   * The roster entry of an applicant, in the caller's transaction: the member with this ID number
   * when there is one, else a new entry of the branch with `status`. The caller audits.
   */
  async enrolApplicant(em: EntityManager, input: { name: string; orgId: string; idCard: string; status: MemberStatus }): Promise<{ id: string; status: MemberStatus; orgId: string; created: boolean }> {
    const idCard = normalizeIdCard(input.idCard)!;
    const existing = await this.repo.byIdCardHash(em, this.cipher.blindIndex(idCard)!);
    if (existing) return { id: existing.id, status: existing.status, orgId: existing.orgId, created: false };
    const at = this.now();
    const m = this.repo.build({
      id: newId(),
      name: input.name,
      gender: genderFromIdCard(idCard),
      orgId: input.orgId,
      status: input.status,
      idCardEnc: this.cipher.encrypt(idCard)!,
      idCardHash: this.cipher.blindIndex(idCard)!,
      phoneEnc: null,
      phoneHash: null,
      birthDate: birthDateFromIdCard(idCard),
      joinedAt: null,
      education: null,
      isMobile: false,
      createdAt: at,
      updatedAt: at,
    });
    await this.repo.insert(em, m);
    return { id: m.id, status: m.status, orgId: m.orgId, created: true };
  }

  /** Sets a member's standing (积极分子, 发展对象, 预备党员, 正式党员 with 党龄 from `joinedAt`), in the caller's transaction. */
  async setStanding(em: EntityManager, memberId: string, status: MemberStatus, joinedAt?: string | null): Promise<void> {
    const m = await this.repo.get(em, memberId);
    m.status = status;
    if (joinedAt !== undefined) m.joinedAt = joinedAt;
    m.updatedAt = this.now();
    await this.repo.save(em, m);
  }

  private async assertIdCardFree(em: EntityManager, idCard: string, exceptId: string | null) {
    const existing = await this.repo.byIdCardHash(em, this.cipher.blindIndex(idCard)!);
    if (existing && existing.id !== exceptId) throw new AppError('DUPLICATE_ID_CARD', [{ field: 'idCard', message: '该身份证号已在名册中' }]);
  }
}
