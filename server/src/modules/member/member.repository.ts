/**
 * Persistence of the roster: the members and wechat_bindings tables, this module's alone.
 * MemberService, RosterService and MemberDirectory ask these named queries; other modules reach
 * the roster only through MemberDirectory.
 */
import { In, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { FindOptionsSelect } from 'typeorm';
import type { MemberStatus } from '@djzy/shared';
import { newId } from '../../core/ids';
import { joinOrg, whereInSubtrees } from '../org';
import { Member } from './member.entity';
import { partyMemberSql } from './member.standing';
import { WechatBinding } from './wechat-binding.entity';

/** Conditions of a roster page; the caller has already decided the scope and the search key. */
export interface RosterFilter {
  /** Subtrees the page is limited to (none → nothing). */
  paths: string[];
  isMobile?: boolean;
  status?: MemberStatus;
  idCardHash?: string | null;
  phoneHash?: string | null;
  /** A fragment of the name (LIKE wildcards in it are matched literally). */
  nameContains?: string;
}

/** Escapes LIKE wildcards with `!` (a backslash means different things in MySQL and SQLite). */
function escapeLike(s: string): string {
  return s.replace(/[!%_]/g, (c) => `!${c}`);
}

/** TypeORM 1.x takes `select` as an object of flags, not a list of names. */
function selectOf<K extends keyof Member>(fields: K[]): FindOptionsSelect<Member> {
  return Object.fromEntries(fields.map((f) => [f, true])) as FindOptionsSelect<Member>;
}

export class MemberRepository {
  constructor(private readonly ds: DataSource) {}

  // ── members ──────────────────────────────────────────────────────────────────────────────

  async find(id: string): Promise<Member | null> {
    return this.ds.getRepository(Member).findOneBy({ id });
  }

  /** A member's row inside a transaction; it must exist. */
  async get(em: EntityManager, id: string): Promise<Member> {
    return em.getRepository(Member).findOneByOrFail({ id });
  }

  /** Only these fields of one member. */
  async fields<K extends keyof Member>(id: string, select: K[]): Promise<Pick<Member, K> | null> {
    return this.ds.getRepository(Member).findOne({ where: { id }, select: selectOf(select) });
  }

  /** Only these fields of the members with these ids (unknown ids are left out). */
  async fieldsOf<K extends keyof Member>(ids: string[], select: K[]): Promise<Pick<Member, K>[]> {
    return this.ds.getRepository(Member).find({ where: { id: In(ids) }, select: selectOf(select) });
  }

  /** The members with this exact name, with their encrypted ID numbers. */
  async byName(name: string): Promise<Pick<Member, 'id' | 'idCardEnc'>[]> {
    return this.ds.getRepository(Member).find({ where: { name }, select: { id: true, idCardEnc: true } });
  }

  /** The member with this ID-number blind index, inside a transaction. */
  async byIdCardHash(em: EntityManager, idCardHash: string): Promise<Member | null> {
    return em.getRepository(Member).findOneBy({ idCardHash });
  }

  /** The members with these ID-number blind indexes, by blind index (asked 500 at a time). */
  async byIdCardHashes(em: EntityManager, hashes: string[]): Promise<Map<string, Member>> {
    const found = new Map<string, Member>();
    for (let i = 0; i < hashes.length; i += 500) {
      const chunk = hashes.slice(i, i + 500);
      if (!chunk.length) continue;
      const rows = await em.getRepository(Member).createQueryBuilder('m').where('m.idCardHash IN (:...h)', { h: chunk }).getMany();
      for (const m of rows) found.set(m.idCardHash, m);
    }
    return found;
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
      .andWhere(...partyMemberSql('m', { partyOnly: false }))
      .groupBy('m.orgId')
      .getRawMany<{ orgId: string; n: string | number }>();
    return new Map(counts.map((c) => [c.orgId, Number(c.n)]));
  }

  /** One page of the roster within subtrees, in org path and name order, with the total. */
  async page(f: RosterFilter, offset: number, limit: number): Promise<[Member[], number]> {
    const qb = this.rosterQuery('m', 'org');
    whereInSubtrees(qb, 'org', f.paths);
    if (f.isMobile !== undefined) qb.andWhere('m.isMobile = :mobile', { mobile: f.isMobile });
    if (f.status) qb.andWhere('m.status = :status', { status: f.status });
    if (f.idCardHash !== undefined) qb.andWhere('m.idCardHash = :h', { h: f.idCardHash });
    else if (f.phoneHash !== undefined) qb.andWhere('m.phoneHash = :h', { h: f.phoneHash });
    else if (f.nameContains !== undefined) qb.andWhere("m.name LIKE :name ESCAPE '!'", { name: `%${escapeLike(f.nameContains)}%` });
    return (
      qb
        .orderBy('org.path', 'ASC')
        .addOrderBy('m.name', 'ASC')
        .addOrderBy('m.id', 'ASC')
        // offset/limit, not skip/take: there is no to-many join to de-duplicate, and TypeORM's
        // skip/take cannot order by a joined column that is not selected.
        .offset(offset)
        .limit(limit)
        .getManyAndCount()
    );
  }

  /** The whole roster within subtrees, in org path and name order (the Excel export). */
  async inSubtrees(paths: string[]): Promise<Member[]> {
    const qb = this.rosterQuery('m', 'org');
    whereInSubtrees(qb, 'org', paths);
    return qb.orderBy('org.path', 'ASC').addOrderBy('m.name', 'ASC').getMany();
  }

  /** The roster as `alias` joined with each member's org as `orgAlias`, for a read model. */
  rosterQuery(alias: string, orgAlias: string, em?: EntityManager): SelectQueryBuilder<Member> {
    return joinOrg((em ?? this.ds.manager).getRepository(Member).createQueryBuilder(alias), orgAlias, `${orgAlias}.id = ${alias}.orgId`);
  }

  /** A new, unsaved member row. */
  build(fields: Partial<Member>): Member {
    return this.ds.manager.create(Member, fields);
  }

  async insert(em: EntityManager, m: Member): Promise<void> {
    await em.insert(Member, m);
  }

  /** Inserts new rows, 200 to a statement; `done` hears how many are in after each statement. */
  async insertMany(em: EntityManager, rows: Member[], done?: (n: number) => void): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) {
      await em.insert(Member, rows.slice(i, i + 200));
      done?.(Math.min(i + 200, rows.length));
    }
  }

  /**
   * Writes back members loaded and changed in this transaction, 200 to a statement: an insert
   * that meets its own id and updates the roster fields instead (one statement, not one a row).
   */
  async updateMany(em: EntityManager, rows: Member[], done?: (n: number) => void): Promise<void> {
    const fields = ['name', 'gender', 'orgId', 'status', 'phoneEnc', 'phoneHash', 'joinedAt', 'education', 'isMobile', 'updatedAt'];
    for (let i = 0; i < rows.length; i += 200) {
      await em
        .createQueryBuilder()
        .insert()
        .into(Member)
        .values(rows.slice(i, i + 200).map((r) => ({ ...r })))
        .orUpdate(fields, ['id'])
        .updateEntity(false)
        .execute();
      done?.(Math.min(i + 200, rows.length));
    }
  }

  /** Saves a changed member loaded in this transaction. */
  async save(em: EntityManager, m: Member): Promise<void> {
    await em.save(Member, m);
  }

  async setTransfer(
    em: EntityManager,
    memberId: string,
    patch: Partial<Pick<Member, 'transferState' | 'transferSince' | 'orgSince'>>,
    at: Date,
  ): Promise<void> {
    await em.update(Member, { id: memberId }, { ...patch, updatedAt: at });
  }

  async setMobile(em: EntityManager, memberId: string, isMobile: boolean, at: Date): Promise<void> {
    await em.update(Member, { id: memberId }, { isMobile, updatedAt: at });
  }

  async moveToOrg(em: EntityManager, memberId: string, orgId: string, at: Date): Promise<void> {
    await em.update(Member, { id: memberId }, { orgId, updatedAt: at });
  }

  // ── WeChat bindings ──────────────────────────────────────────────────────────────────────

  async bindingByOpenid(openid: string): Promise<WechatBinding | null> {
    return this.ds.getRepository(WechatBinding).findOneBy({ openid });
  }

  async bindingOf(memberId: string): Promise<WechatBinding | null> {
    return this.ds.getRepository(WechatBinding).findOneBy({ memberId });
  }

  async countBindings(memberId: string, em?: EntityManager): Promise<number> {
    return (em ?? this.ds.manager).getRepository(WechatBinding).countBy({ memberId });
  }

  /** Openids by member id (members without a binding are left out). */
  async openIdsOf(memberIds: string[]): Promise<Map<string, string>> {
    const rows = await this.ds
      .getRepository(WechatBinding)
      .find({ where: { memberId: In(memberIds) }, select: { memberId: true, openid: true } });
    return new Map(rows.map((b) => [b.memberId, b.openid]));
  }

  async updateBinding(id: string, patch: Pick<WechatBinding, 'sessionKeyEnc' | 'lastLoginAt' | 'unionid'>): Promise<void> {
    await this.ds.transaction((em) => em.update(WechatBinding, { id }, patch));
  }

  async insertBinding(em: EntityManager, b: Omit<WechatBinding, 'id'>): Promise<void> {
    await em.insert(WechatBinding, { id: newId(), ...b });
  }
}
