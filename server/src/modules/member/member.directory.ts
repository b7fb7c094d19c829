/**
 * The member module's door for other modules: who a member is, their org, their WeChat binding,
 * and query builders rooted at the roster for read models (attendance sheets, rankings,
 * completion lists). The members and wechat_bindings tables are this module's alone.
 */
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { isIdLike } from '../../core/ids';
import type { Org, OrgService } from '../org';
import { Member } from './member.entity';
import { MemberRepository } from './member.repository';
import type { WechatBinding } from './wechat-binding.entity';

/** The few fields other modules read of a member. */
export interface MemberBasics {
  id: string;
  name: string;
  orgId: string;
  status: Member['status'];
  isMobile: boolean;
  /** 组织关系转接 (see Member): in transit, transferred out, or null. */
  transferState: Member['transferState'];
  /** 组织关系转接 (see Member): the day of issue while in transit or once transferred out, else null. */
  transferSince: string | null;
  /** Received into the current org by a transfer on this day (null: always). */
  orgSince: string | null;
}

const BASIC_FIELDS: (keyof Member)[] = ['id', 'name', 'orgId', 'status', 'isMobile', 'transferState', 'transferSince', 'orgSince'];

export class MemberDirectory {
  private readonly repo: MemberRepository;

  constructor(
    ds: DataSource,
    private readonly orgs: OrgService,
  ) {
    this.repo = new MemberRepository(ds);
  }

  /** A member's basic fields, or null (also for a malformed id). */
  async find(id: string | null | undefined): Promise<MemberBasics | null> {
    if (!id || !isIdLike(id)) return null;
    return this.repo.fields(id, BASIC_FIELDS);
  }

  /** A member and their org, or null. */
  async findWithOrg(id: string | null | undefined): Promise<{ member: MemberBasics; org: Org } | null> {
    const member = await this.find(id);
    const org = member ? await this.orgs.find(member.orgId) : null;
    return member && org ? { member, org } : null;
  }

  /** Basic fields of these members (unknown ids are left out). */
  async basicsOf(ids: string[]): Promise<MemberBasics[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    return this.repo.fieldsOf(unique, BASIC_FIELDS);
  }

  /** Names by id. */
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    return new Map((await this.basicsOf(ids)).map((m) => [m.id, m.name]));
  }

  /** The members with this exact name, with their encrypted ID numbers (WeChat binding checks them). */
  async byNameForBinding(name: string): Promise<{ id: string; idCardEnc: string }[]> {
    return this.repo.byName(name);
  }

  /** A member's encrypted phone (for `GET /me`). */
  async phoneEnc(id: string): Promise<string | null> {
    return (await this.repo.fields(id, ['id', 'phoneEnc']))?.phoneEnc ?? null;
  }

  /** Encrypted phones by member id (contact cadres call their assignees). */
  async phonesEncOf(ids: string[]): Promise<Map<string, string | null>> {
    if (!ids.length) return new Map();
    const rows = await this.repo.fieldsOf([...new Set(ids)], ['id', 'phoneEnc']);
    return new Map(rows.map((m) => [m.id, m.phoneEnc]));
  }

  /** Direct member counts by org id. */
  async countByOrg(orgIds: string[]): Promise<Map<string, number>> {
    return this.repo.countByOrg(orgIds);
  }

  /**
   * A query over the roster as `alias` joined with each member's org as `orgAlias`, for another
   * module's read model (select what it needs, add its own conditions).
   */
  query(alias = 'm', orgAlias = 'org', em?: EntityManager): SelectQueryBuilder<Member> {
    return this.repo.rosterQuery(alias, orgAlias, em);
  }

  /** Marks a member as away (流动党员) or back, in the caller's transaction. */
  async setMobile(em: EntityManager, memberId: string, isMobile: boolean, at: Date): Promise<void> {
    await this.repo.setMobile(em, memberId, isMobile, at);
  }

  /** Ends a membership (劝退/除名 took effect), in the caller's transaction; the entry stays on the roster as the record. */
  async endMembership(em: EntityManager, memberId: string, at: Date): Promise<void> {
    const m = await this.repo.get(em, memberId);
    m.status = 'disqualified';
    m.updatedAt = at;
    await this.repo.save(em, m);
  }

  /**
   * Moves a member to another org (组织关系转接 received on `on`), in the caller's transaction; past
   * records stay with the old org, and the member counts in the new one from `on` (`orgSince`).
   * Clears the 在途 state.
   */
  async moveToOrg(em: EntityManager, memberId: string, orgId: string, on: string, at: Date): Promise<void> {
    await this.repo.moveToOrg(em, memberId, orgId, at);
    await this.repo.setTransfer(em, memberId, { transferState: null, transferSince: null, orgSince: on }, at);
  }

  /**
   * 组织关系转接: marks a member 在途 from `since` (a letter issued), transferred out (received by an
   * org outside the deployment), or neither (cancelled), in the caller's transaction.
   */
  async setTransferState(
    em: EntityManager,
    memberId: string,
    state: 'in_transit' | 'transferred_out' | null,
    since: string | null,
    at: Date,
  ): Promise<void> {
    await this.repo.setTransfer(em, memberId, { transferState: state, transferSince: state ? since : null }, at);
  }

  // ── WeChat bindings ───────────────────────────────────────────────────────────────────────

  async bindingByOpenid(openid: string): Promise<WechatBinding | null> {
    return this.repo.bindingByOpenid(openid);
  }

  async isBound(memberId: string, em?: EntityManager): Promise<boolean> {
    return (await this.repo.countBindings(memberId, em)) > 0;
  }

  /** A member's openid, or null when not bound. */
  async openIdOf(memberId: string): Promise<string | null> {
    return (await this.repo.bindingOf(memberId))?.openid ?? null;
  }

  /** Openids by member id (members without a binding are left out). */
  async openIdsOf(memberIds: string[]): Promise<Map<string, string>> {
    if (!memberIds.length) return new Map();
    return this.repo.openIdsOf([...new Set(memberIds)]);
  }

  async touchBinding(id: string, patch: Pick<WechatBinding, 'sessionKeyEnc' | 'lastLoginAt' | 'unionid'>): Promise<void> {
    await this.repo.updateBinding(id, patch);
  }

  async insertBinding(em: EntityManager, b: Omit<WechatBinding, 'id'>): Promise<void> {
    await this.repo.insertBinding(em, b);
  }
}

/** Joins the members table under `alias` to another module's query (read models only). */
export function joinMember<T extends object>(qb: SelectQueryBuilder<T>, alias: string, on: string): SelectQueryBuilder<T> {
  return qb.innerJoin(Member, alias, on);
}
