/**
 * Persistence of sign-in: the users, role_grants and bind_tickets tables, this module's alone.
 * AuthService, PrincipalLoader and RoleDirectory ask these named queries.
 */
import { Brackets, In, IsNull, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import type { MemberStatus, Role } from '@djzy/shared';
import { partyMemberSql, type MemberDirectory } from '../member';
import { joinOrg } from '../org';
import { BindTicket } from './bind-ticket.entity';
import { RoleGrant } from './role-grant.entity';
import { User } from './user.entity';

/** One row per live grant of a member (one row with null grant fields when they hold none). */
export interface MemberGrantRow {
  id: string;
  name: string;
  orgId: string;
  orgPath: string | null;
  status: MemberStatus;
  isMobile: boolean | number;
  transferSince: string | null;
  orgSince: string | null;
  role: Role | null;
  gOrgId: string | null;
  gOrgName: string | null;
  gOrgPath: string | null;
}

/** A live grant with its org's name and path. */
export interface GrantRow {
  role: Role;
  orgId: string;
  orgName: string;
  orgPath: string;
}

/** The members the demo sign-in screen offers: holding a live role, away (流动), or plain. */
export type DemoMemberKind = { role: Role } | 'mobile' | 'plain';

export class AuthRepository {
  constructor(private readonly ds: DataSource) {}

  // ── users ────────────────────────────────────────────────────────────────────────────────

  async userById(id: string): Promise<User | null> {
    return this.ds.getRepository(User).findOneBy({ id });
  }

  async userByUsername(username: string): Promise<User | null> {
    return this.ds.getRepository(User).findOneBy({ username });
  }

  /** The first console users by username. */
  async firstUsers(take: number): Promise<User[]> {
    return this.ds.getRepository(User).find({ order: { username: 'ASC' }, take });
  }

  // ── role grants ──────────────────────────────────────────────────────────────────────────

  /**
   * These members with their org and live grants, in ONE query (the batched principal load of a
   * check-in burst depends on it being one round trip). Unknown ids have no rows.
   */
  async membersWithLiveGrants(ids: string[]): Promise<MemberGrantRow[]> {
    return this.ds.query(
      `SELECT m.id AS id, m.name AS name, m.orgId AS orgId, o.path AS orgPath, m.status AS status, m.isMobile AS isMobile, m.transferSince AS transferSince, m.orgSince AS orgSince, g.role AS role, g.orgId AS gOrgId, go.name AS gOrgName, go.path AS gOrgPath
         FROM members m
         LEFT JOIN orgs o ON o.id = m.orgId
         LEFT JOIN role_grants g ON g.memberId = m.id AND g.endedAt IS NULL
         LEFT JOIN orgs go ON go.id = g.orgId
        WHERE m.id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
  }

  /** The live grants of a console user and of the member linked to them, with their orgs. */
  async liveGrantsOfUser(userId: string, memberId: string | null): Promise<GrantRow[]> {
    const qb = joinOrg(this.ds.getRepository(RoleGrant).createQueryBuilder('g'), 'o', 'o.id = g.orgId')
      .select(['g.role AS role', 'g.orgId AS orgId', 'o.name AS orgName', 'o.path AS orgPath'])
      .where({ endedAt: IsNull() })
      .andWhere(
        new Brackets((w) => {
          w.orWhere('g.userId = :uid', { uid: userId });
          if (memberId) w.orWhere('g.memberId = :mid', { mid: memberId });
        }),
      );
    return qb.getRawMany<GrantRow>();
  }

  /** The members holding a live grant of one of `roles` on the org itself. */
  async memberHoldersOn(orgId: string, roles: readonly Role[]): Promise<string[]> {
    const rows = await this.ds
      .getRepository(RoleGrant)
      .createQueryBuilder('g')
      .select('DISTINCT g.memberId', 'memberId')
      .where('g.orgId = :orgId AND g.endedAt IS NULL AND g.memberId IS NOT NULL', { orgId })
      .andWhere('g.role IN (:...roles)', { roles: [...roles] })
      .getRawMany<{ memberId: string }>();
    return rows.map((r) => r.memberId);
  }

  /** The live grants of a member among `roles`. */
  async liveGrantsOfMember(memberId: string, roles: readonly Role[]): Promise<Pick<RoleGrant, 'id' | 'role' | 'orgId'>[]> {
    return this.ds
      .getRepository(RoleGrant)
      .find({ where: { memberId, endedAt: IsNull(), role: In([...roles]) }, select: { id: true, role: true, orgId: true } });
  }

  /** The first member (in org path order) of this kind, with their org's name, for the demo sign-in list. */
  async firstDemoMember(
    members: MemberDirectory,
    kind: DemoMemberKind,
  ): Promise<{ id: string; name: string; orgName: string } | undefined> {
    const qb = members
      .query('m', 'o')
      .select(['m.id AS id', 'm.name AS name', 'o.name AS orgName'])
      .orderBy('o.path', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(1);
    if (kind === 'mobile') qb.andWhere('m.isMobile = :t', { t: true });
    else if (kind === 'plain')
      qb.andWhere('m.isMobile = :f', { f: false })
        .andWhere(...partyMemberSql('m'))
        .andWhere('NOT EXISTS (SELECT 1 FROM role_grants g WHERE g.memberId = m.id)');
    else
      qb.andWhere('EXISTS (SELECT 1 FROM role_grants g WHERE g.memberId = m.id AND g.role = :role AND g.endedAt IS NULL)', {
        role: kind.role,
      });
    return qb.getRawOne<{ id: string; name: string; orgName: string }>();
  }

  // ── bind tickets ─────────────────────────────────────────────────────────────────────────

  async insertBindTicket(t: BindTicket): Promise<void> {
    await this.ds.transaction((em) => em.insert(BindTicket, t));
  }

  /** A ticket not used and not expired at `now`, or null. */
  async liveBindTicket(id: string, now: Date): Promise<BindTicket | null> {
    return this.ds.getRepository(BindTicket).findOneBy({ id, usedAt: IsNull(), expiresAt: MoreThan(now) });
  }

  /** Counts one attempt on an unused ticket with attempts left (a conditional update); false when none was left. */
  async takeBindAttempt(id: string, max: number): Promise<boolean> {
    const taken = await this.ds.transaction((em) =>
      em
        .createQueryBuilder()
        .update(BindTicket)
        .set({ failedAttempts: () => 'failedAttempts + 1' })
        .where('id = :id AND failedAttempts < :max AND usedAt IS NULL', { id, max })
        .execute(),
    );
    return !!taken.affected;
  }

  /** Ends an unused ticket in the caller's transaction; false when it was already used. */
  async useBindTicket(em: EntityManager, id: string, at: Date): Promise<boolean> {
    const used = await em
      .createQueryBuilder()
      .update(BindTicket)
      .set({ usedAt: at })
      .where('id = :id AND usedAt IS NULL', { id })
      .execute();
    return !!used.affected;
  }
}
