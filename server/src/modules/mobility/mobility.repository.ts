/**
 * Persistence of mobile members: the member_mobility, contact_logs, mobility_events and
 * mobility_settings tables, this module's alone. Services ask these named queries; nothing else
 * touches the tables.
 */
import { Brackets, In, type DataSource, type EntityManager } from 'typeorm';
import { joinMember, partyMemberSql } from '../member';
import { joinOrg } from '../org';
import { ContactLog, MemberMobility, MobilityEvent, MobilitySettings } from './mobility.entity';

/**
 * Which records a list shows: those of members in these subtrees (and, with `orCadreId`, a
 * cadre's own assignees wherever they are), or only a cadre's own assignees.
 */
export type MobilityListScope = { kind: 'subtrees'; paths: string[]; orCadreId: string | null } | { kind: 'cadre'; cadreId: string };

export class MobilityRepository {
  constructor(private readonly ds: DataSource) {}

  // ── township settings ────────────────────────────────────────────────────────────────────

  /** The townships' own settings (those that set any). */
  async settingsOf(orgIds: string[]): Promise<MobilitySettings[]> {
    if (!orgIds.length) return [];
    return this.ds.getRepository(MobilitySettings).findBy({ orgId: In(orgIds) });
  }

  /** Writes a township's settings (creating or replacing them). */
  async saveSettings(em: EntityManager, s: MobilitySettings): Promise<void> {
    await em.getRepository(MobilitySettings).save(s);
  }

  // ── records ──────────────────────────────────────────────────────────────────────────────

  async record(memberId: string): Promise<MemberMobility | null> {
    return this.ds.getRepository(MemberMobility).findOneBy({ memberId });
  }

  /** The records in a scope, optionally only those of one cadre's assignees. */
  async records(scope: MobilityListScope, cadreId?: string): Promise<MemberMobility[]> {
    const qb = joinOrg(
      joinMember(this.ds.getRepository(MemberMobility).createQueryBuilder('r'), 'm', 'm.id = r.memberId'),
      'org',
      'org.id = m.orgId',
    );
    // 已出党, 已转出 and 在途 members are no org's mobile members any more (not listed, counted or reminded of).
    qb.andWhere(...partyMemberSql('m', { partyOnly: false }));
    if (scope.kind === 'subtrees') {
      const { paths, orCadreId } = scope;
      qb.andWhere(
        new Brackets((w) => {
          paths.forEach((path, i) => w.orWhere(`org.path LIKE :s${i}`, { [`s${i}`]: `${path}%` }));
          if (orCadreId) w.orWhere('r.contactCadreId = :me', { me: orCadreId });
        }),
      );
    } else {
      qb.andWhere('r.contactCadreId = :me', { me: scope.cadreId });
    }
    if (cadreId) qb.andWhere('r.contactCadreId = :cadre', { cadre: cadreId });
    return qb.getMany();
  }

  /** Members away with a contact cadre assigned. */
  async awayWithCadre(): Promise<MemberMobility[]> {
    return joinMember(this.ds.getRepository(MemberMobility).createQueryBuilder('r'), 'm', 'm.id = r.memberId')
      .where("r.status = 'away' AND r.contactCadreId IS NOT NULL")
      .andWhere(...partyMemberSql('m', { partyOnly: false }))
      .getMany();
  }

  /** Writes a record (creating or replacing it). */
  async saveRecord(em: EntityManager, r: MemberMobility): Promise<void> {
    await em.getRepository(MemberMobility).save(r);
  }

  async updateRecord(em: EntityManager, memberId: string, patch: Partial<MemberMobility>): Promise<void> {
    await em.update(MemberMobility, { memberId }, patch);
  }

  /** Moves the record's last contact forward to `at` (never back: an older contact logged late leaves it). */
  async advanceLastContact(em: EntityManager, memberId: string, at: Date): Promise<void> {
    await em
      .createQueryBuilder()
      .update(MemberMobility)
      .set({ lastContactAt: at })
      .where('memberId = :memberId AND (lastContactAt IS NULL OR lastContactAt < :at)', { memberId, at })
      .execute();
  }

  async insertEvent(em: EntityManager, e: MobilityEvent): Promise<void> {
    await em.insert(MobilityEvent, e);
  }

  // ── contacts ─────────────────────────────────────────────────────────────────────────────

  /** The contact logged with this (caller-scoped) idempotency key, if any. */
  async contactByClientKey(em: EntityManager, clientKey: string): Promise<ContactLog | null> {
    return em.getRepository(ContactLog).findOneBy({ clientKey });
  }

  async insertContact(em: EntityManager, log: ContactLog): Promise<void> {
    await em.insert(ContactLog, log);
  }

  /** Contacts by id (evidence links of other modules). */
  async contactsByIds(ids: string[]): Promise<Pick<ContactLog, 'id' | 'memberId' | 'contactedAt'>[]> {
    if (!ids.length) return [];
    return this.ds.getRepository(ContactLog).find({ where: { id: In(ids) }, select: { id: true, memberId: true, contactedAt: true } });
  }

  /** A member's latest contacts, newest first. */
  async contactsOf(memberId: string, take: number): Promise<ContactLog[]> {
    return this.ds.getRepository(ContactLog).find({ where: { memberId }, order: { contactedAt: 'DESC', id: 'DESC' }, take });
  }

  /** Each member's latest own report (报告近况), for those who made one. */
  async latestSelfReports(memberIds: string[]): Promise<Map<string, Pick<ContactLog, 'memberId' | 'contactedAt' | 'summary'>>> {
    if (!memberIds.length) return new Map();
    const rows = await this.ds
      .getRepository(ContactLog)
      .createQueryBuilder('l')
      .select(['l.memberId', 'l.contactedAt', 'l.summary', 'l.id'])
      .where('l.memberId IN (:...ids)', { ids: [...new Set(memberIds)] })
      .andWhere("l.method = 'self_report'")
      .andWhere(
        "l.contactedAt = (SELECT MAX(x.contactedAt) FROM contact_logs x WHERE x.memberId = l.memberId AND x.method = 'self_report')",
      )
      .orderBy('l.id', 'ASC')
      .getMany();
    return new Map(rows.map((r) => [r.memberId, r]));
  }

  /** Contacts per cadre in [from, to), members' own reports not counted. */
  async contactCountsByCadre(cadreIds: string[], from: Date, to: Date): Promise<Map<string, number>> {
    const counts: { cadreId: string; n: string | number }[] = await this.ds
      .getRepository(ContactLog)
      .createQueryBuilder('l')
      .select('l.cadreId', 'cadreId')
      .addSelect('COUNT(*)', 'n')
      .where('l.cadreId IN (:...ids)', { ids: cadreIds })
      .andWhere("l.method <> 'self_report'")
      .andWhere('l.contactedAt >= :from AND l.contactedAt < :to', { from, to })
      .groupBy('l.cadreId')
      .getRawMany();
    return new Map(counts.map((c) => [c.cadreId, Number(c.n)]));
  }
}
