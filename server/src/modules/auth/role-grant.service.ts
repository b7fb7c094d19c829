/**
 * The village posts (村级岗位): 支部书记, 支部委员, 团支部书记, 妇联主席 granted on a branch and
 * ended with a reason (never deleted — the yearly report counts secretaries `replaced`).
 *
 *  - Read by managers of the org or above; another township's org is 404.
 *  - Granted and ended by admins of an ancestor org (township or county), not of the branch itself.
 *  - The member belongs to the branch's subtree; one live 支部书记 / 团支部书记 / 妇联主席 per org
 *    (a second is 409 POST_ALREADY_FILLED until the first is ended, also when two arrive at once).
 *  - Ending: reason replaced | resigned | other; an ended grant is 409 GRANT_ALREADY_ENDED.
 *  - Every change drops the holder's cached principal in every process (bus topic `principal`).
 */
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import {
  MANAGING_ROLES,
  POST_ROLES,
  ROLE_LABELS,
  SINGLE_HOLDER_ROLES,
  toIsoLocal,
  type CreateRoleGrantRequest,
  type EndRoleGrantRequest,
  type GrantEndReason,
  type PostRole,
  type PostGrantView,
} from '@djzy/shared';
import type { Bus } from '../../core/bus';
import { systemClock, type Clock } from '../../core/clock';
import { AppError, fieldError } from '../../core/errors';
import { isIdLike, newId } from '../../core/ids';
import { covers, type Principal } from '../../core/principal';
import { forUpdate, transactionWithRetry } from '../../core/sql';
import { writeAudit, type AuditContext } from '../audit';
import type { MemberDirectory } from '../member';
import { joinOrg, whereInSubtrees, type Org, type OrgService } from '../org';
import { RoleGrant } from './role-grant.entity';

export class RoleGrantService {
  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
    private readonly members: MemberDirectory,
    private readonly bus: Bus,
    private readonly now: Clock = systemClock,
  ) {}

  private async visibleOrg(p: Principal, orgId: string | null | undefined): Promise<Org> {
    const org = await this.orgs.find(orgId);
    if (!org || !covers(p, org.path, MANAGING_ROLES)) throw new AppError('NOT_FOUND');
    return org;
  }

  /** Posts are managed by the admins of an org above (township, county). */
  private requireAdminAbove(p: Principal, org: Org): void {
    if (!p.grants.some((g) => g.role === 'admin' && org.path.startsWith(g.orgPath) && g.orgPath !== org.path))
      throw new AppError('ADMIN_REQUIRED', undefined, '村级岗位由乡镇党委（或上级）管理员任免');
  }

  /** `GET /role-grants?orgId=&includeEnded=`: the posts in the org's subtree. */
  async list(p: Principal, q: { orgId: string; includeEnded?: boolean }): Promise<PostGrantView[]> {
    const org = await this.visibleOrg(p, q.orgId);
    const qb = joinOrg(this.ds.getRepository(RoleGrant).createQueryBuilder('g'), 'org', 'org.id = g.orgId').where({
      role: In([...POST_ROLES]),
    });
    whereInSubtrees(qb, 'org', [org.path]);
    if (!q.includeEnded) qb.andWhere('g.endedAt IS NULL');
    const grants = await qb
      .orderBy('org.sortOrder', 'ASC')
      .addOrderBy('g.grantedAt', 'ASC')
      .addOrderBy('g.id', 'ASC')
      .limit(3000)
      .getMany();
    return this.present(grants);
  }

  private async present(grants: RoleGrant[]): Promise<PostGrantView[]> {
    const orgs = await this.orgs.byIds(grants.map((g) => g.orgId));
    const names = await this.members.namesOf(grants.map((g) => g.memberId).filter((x): x is string => !!x));
    return grants.map((g) => ({
      id: g.id,
      orgId: g.orgId,
      orgName: orgs.get(g.orgId)?.name ?? '',
      role: g.role,
      memberId: g.memberId,
      memberName: g.memberId ? (names.get(g.memberId) ?? null) : null,
      grantedAt: toIsoLocal(g.grantedAt),
      endedAt: g.endedAt ? toIsoLocal(g.endedAt) : null,
      endReason: (g.endReason as GrantEndReason | null) ?? null,
      endNote: g.endNote ?? null,
    }));
  }

  private liveHolders(em: EntityManager, orgId: string, role: PostRole, lock = false): Promise<{ id: string; memberId: string | null }[]> {
    return em.query(
      `SELECT id, memberId FROM role_grants WHERE orgId = ? AND role = ? AND endedAt IS NULL ORDER BY id${lock ? forUpdate(em) : ''}`,
      [orgId, role],
    );
  }

  /** `POST /role-grants`. */
  async grant(p: Principal, input: CreateRoleGrantRequest, audit: AuditContext): Promise<PostGrantView> {
    const org = await this.visibleOrg(p, input.orgId);
    if (org.kind !== 'branch') throw fieldError('orgId', '村级岗位只能设在党支部');
    this.requireAdminAbove(p, org);
    const found = await this.members.findWithOrg(input.memberId);
    if (!found || !found.org.path.startsWith(org.path)) throw fieldError('memberId', '该党员不在这个支部');
    const role = input.role;
    const g: RoleGrant = {
      id: newId(),
      memberId: found.member.id,
      userId: null,
      role,
      orgId: org.id,
      grantedAt: this.now(),
      endedAt: null,
      endReason: null,
      endNote: null,
    };
    const filled = async (em: EntityManager, holders: { id: string; memberId: string | null }[]) => {
      const other = holders.find((h) => h.id !== g.id);
      if (!other) return;
      const name = (await this.members.namesOf(other.memberId ? [other.memberId] : [])).get(other.memberId ?? '') ?? '';
      void em;
      throw new AppError(
        'POST_ALREADY_FILLED',
        { grantId: other.id, memberId: other.memberId, memberName: name },
        `${org.name}已有在任的${ROLE_LABELS[role]}${name ? `（${name}）` : ''}，请先为其办理离任，再任命新的人选`,
      );
    };
    await transactionWithRetry(this.ds, async (em) => {
      const before = await this.liveHolders(em, org.id, role);
      if (before.some((h) => h.memberId === g.memberId))
        throw new AppError('ALREADY_HOLDS_POST', undefined, `${found.member.name}已在${org.name}担任${ROLE_LABELS[role]}`);
      const single = SINGLE_HOLDER_ROLES.includes(role);
      if (single) await filled(em, before);
      await em.insert(RoleGrant, g);
      // Two grants at once: the locking read waits for the other's uncommitted row (one of the
      // two is then a deadlock victim and retried), so only one live holder can remain.
      if (single) await filled(em, await this.liveHolders(em, org.id, role, true));
      await writeAudit(em, p, 'role_grant.create', { type: 'role_grant', id: g.id }, { orgId: org.id, role, memberId: g.memberId }, audit);
    });
    this.bus.publish('principal', g.memberId!);
    return (await this.present([g]))[0];
  }

  /** `POST /role-grants/:id/end`. */
  async end(p: Principal, id: string, input: EndRoleGrantRequest, audit: AuditContext): Promise<PostGrantView> {
    const g = isIdLike(id) ? await this.ds.getRepository(RoleGrant).findOneBy({ id }) : null;
    if (!g || !(POST_ROLES as readonly string[]).includes(g.role)) throw new AppError('NOT_FOUND');
    const org = await this.visibleOrg(p, g.orgId);
    this.requireAdminAbove(p, org);
    if (g.endedAt) throw new AppError('GRANT_ALREADY_ENDED', { from: 'ended', allowed: ['live'] });
    const patch = { endedAt: this.now(), endReason: input.reason, endNote: input.note || null };
    await this.ds.transaction(async (em) => {
      const done = await em.update(RoleGrant, { id: g.id, endedAt: IsNull() }, patch);
      if (!done.affected) throw new AppError('GRANT_ALREADY_ENDED', { from: 'ended', allowed: ['live'] });
      await writeAudit(
        em,
        p,
        'role_grant.end',
        { type: 'role_grant', id: g.id },
        { orgId: g.orgId, role: g.role, reason: input.reason },
        audit,
      );
    });
    if (g.memberId) this.bus.publish('principal', g.memberId);
    if (g.userId) this.bus.publish('principal', g.userId);
    return (await this.present([{ ...g, ...patch }]))[0];
  }
}
