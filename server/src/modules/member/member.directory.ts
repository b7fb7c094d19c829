/**
 * The member module's door for other modules: who a member is, their org, their WeChat binding,
 * and query builders rooted at the roster for read models (attendance sheets, rankings,
 * completion lists). The members and wechat_bindings tables are this module's alone.
 */
import { In, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { isIdLike, newId } from '../../core/ids';
import type { Org, OrgService } from '../org';
import { joinOrg } from '../org';
import { Member } from './member.entity';
import { WechatBinding } from './wechat-binding.entity';

/** The few fields other modules read of a member. */
export interface MemberBasics {
  id: string;
  name: string;
  orgId: string;
  status: Member['status'];
  isMobile: boolean;
}

const BASIC_FIELDS: (keyof Member)[] = ['id', 'name', 'orgId', 'status', 'isMobile'];

export class MemberDirectory {
  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
  ) {}

  /** A member's basic fields, or null (also for a malformed id). */
  async find(id: string | null | undefined): Promise<MemberBasics | null> {
    if (!id || !isIdLike(id)) return null;
    return this.ds.getRepository(Member).findOne({ where: { id }, select: BASIC_FIELDS });
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
    return this.ds.getRepository(Member).find({ where: { id: In(unique) }, select: BASIC_FIELDS });
  }

  /** Names by id. */
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    return new Map((await this.basicsOf(ids)).map((m) => [m.id, m.name]));
  }

  /** The members with this exact name, with their encrypted ID numbers (WeChat binding checks them). */
  async byNameForBinding(name: string): Promise<{ id: string; idCardEnc: string }[]> {
    return this.ds.getRepository(Member).find({ where: { name }, select: ['id', 'idCardEnc'] });
  }

  /** A member's encrypted phone (for `GET /me`). */
  async phoneEnc(id: string): Promise<string | null> {
    return (await this.ds.getRepository(Member).findOne({ where: { id }, select: ['id', 'phoneEnc'] }))?.phoneEnc ?? null;
  }

  /** Encrypted phones by member id (contact cadres call their assignees). */
  async phonesEncOf(ids: string[]): Promise<Map<string, string | null>> {
    if (!ids.length) return new Map();
    const rows = await this.ds.getRepository(Member).find({ where: { id: In([...new Set(ids)]) }, select: ['id', 'phoneEnc'] });
    return new Map(rows.map((m) => [m.id, m.phoneEnc]));
  }

  /** Direct member counts by org id. */
  async countByOrg(orgIds: string[]): Promise<Map<string, number>> {
    if (!orgIds.length) return new Map();
    const counts = await this.ds
      .getRepository(Member)
      .createQueryBuilder('m')
      .select('m.orgId', 'orgId')
      .addSelect('COUNT(*)', 'n')
      .where('m.orgId IN (:...ids)', { ids: orgIds })
      .groupBy('m.orgId')
      .getRawMany<{ orgId: string; n: string | number }>();
    return new Map(counts.map((c) => [c.orgId, Number(c.n)]));
  }

  /**
   * A query over the roster as `alias` joined with each member's org as `orgAlias`, for another
   * module's read model (select what it needs, add its own conditions).
   */
  query(alias = 'm', orgAlias = 'org', em?: EntityManager): SelectQueryBuilder<Member> {
    return joinOrg((em ?? this.ds.manager).getRepository(Member).createQueryBuilder(alias), orgAlias, `${orgAlias}.id = ${alias}.orgId`);
  }

  /** Marks a member as away (流动党员) or back, in the caller's transaction. */
  async setMobile(em: EntityManager, memberId: string, isMobile: boolean, at: Date): Promise<void> {
    await em.update(Member, { id: memberId }, { isMobile, updatedAt: at });
  }

  // ── WeChat bindings ───────────────────────────────────────────────────────────────────────

  async bindingByOpenid(openid: string): Promise<WechatBinding | null> {
    return this.ds.getRepository(WechatBinding).findOneBy({ openid });
  }

  async isBound(memberId: string, em?: EntityManager): Promise<boolean> {
    return (await (em ?? this.ds.manager).getRepository(WechatBinding).countBy({ memberId })) > 0;
  }

  /** A member's openid, or null when not bound. */
  async openIdOf(memberId: string): Promise<string | null> {
    return (await this.ds.getRepository(WechatBinding).findOneBy({ memberId }))?.openid ?? null;
  }

  /** Openids by member id (members without a binding are left out). */
  async openIdsOf(memberIds: string[]): Promise<Map<string, string>> {
    if (!memberIds.length) return new Map();
    const rows = await this.ds.getRepository(WechatBinding).find({ where: { memberId: In([...new Set(memberIds)]) }, select: ['memberId', 'openid'] });
    return new Map(rows.map((b) => [b.memberId, b.openid]));
  }

  async touchBinding(id: string, patch: Pick<WechatBinding, 'sessionKeyEnc' | 'lastLoginAt' | 'unionid'>): Promise<void> {
    await this.ds.transaction((em) => em.update(WechatBinding, { id }, patch));
  }

  async insertBinding(em: EntityManager, b: Omit<WechatBinding, 'id'>): Promise<void> {
    await em.insert(WechatBinding, { id: newId(), ...b });
  }
}

/** Joins the members table under `alias` to another module's query (read models only). */
export function joinMember<T extends object>(qb: SelectQueryBuilder<T>, alias: string, on: string): SelectQueryBuilder<T> {
  return qb.innerJoin(Member, alias, on);
}
