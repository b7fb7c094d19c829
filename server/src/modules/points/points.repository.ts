/**
 * Persistence of points: the rules, the ledger (points_entries), the balances and the rule usage,
 * settings and notices — this module's tables alone, plus the read models of the rankings that
 * join the roster. Services and the ledger ask these named queries; nothing else touches them.
 *
 * The rankings' SQL and the ledger's statements are tuned (README, Performance): they are kept
 * here character for character, and the ledger still runs a fixed number of statements a batch.
 */
import { Brackets, In, type DataSource, type EntityManager } from 'typeorm';
import { forUpdate, insertEntities, upsertAdd } from '../../core/sql';
import type { MemberDirectory } from '../member';
import { joinOrg, whereInSubtrees } from '../org';
import { PointsEntry, PointsNotice, PointsRule, PointsSettings } from './points.entity';

/** A counter row to add to: its key columns and the amount. */
export interface CounterAdd {
  keys: string[];
  amount: number;
}

/** `(o.path LIKE ? OR …)` for the subtrees; a scope with no path matches nothing. */
function scopeSql(paths: string[]): { sql: string; params: string[] } {
  if (!paths.length) return { sql: '1 = 0', params: [] };
  return { sql: `(${paths.map(() => 'o.path LIKE ?').join(' OR ')})`, params: paths.map((p) => `${p}%`) };
}

/**
 * The ledger's write path (points.ledger.ts): every statement takes the caller's transaction.
 * No state: one instance serves every transaction.
 */
export class PointsLedgerRepository {
  async rule(em: EntityManager, code: string): Promise<PointsRule | null> {
    return em.getRepository(PointsRule).findOneBy({ code });
  }

  async entryByKey(em: EntityManager, key: string): Promise<PointsEntry | null> {
    return em.getRepository(PointsEntry).findOneBy({ idempotencyKey: key });
  }

  /** Entries already written under any of these idempotency keys (none asked: no statement). */
  async entriesByKeys(em: EntityManager, keys: string[]): Promise<PointsEntry[]> {
    return keys.length ? em.getRepository(PointsEntry).findBy({ idempotencyKey: In([...new Set(keys)]) }) : [];
  }

  /**
   * Adds to members' use of rules per period (`points_rule_usage`), creating the rows when
   * absent. Adding 0 takes the rows' exclusive locks (the ledger's first statement).
   */
  async addUsage(em: EntityManager, rows: CounterAdd[]): Promise<void> {
    await upsertAdd(em, 'points_rule_usage', ['memberId', 'ruleCode', 'periodKey'], 'used', rows);
  }

  /** The usage rows of these members, rules and period keys (every combination). */
  async usageOf(
    em: EntityManager,
    memberIds: string[],
    ruleCodes: string[],
    periodKeys: string[],
  ): Promise<{ memberId: string; ruleCode: string; periodKey: string; used: number | string }[]> {
    return em.query(
      `SELECT memberId, ruleCode, periodKey, used FROM points_rule_usage WHERE memberId IN (${memberIds.map(() => '?').join(', ')}) AND ruleCode IN (${ruleCodes.map(() => '?').join(', ')}) AND periodKey IN (${periodKeys.map(() => '?').join(', ')})`,
      [...memberIds, ...ruleCodes, ...periodKeys],
    );
  }

  /** Adds to balances per member and period, creating the rows when absent. */
  async addToBalances(em: EntityManager, rows: CounterAdd[]): Promise<void> {
    await upsertAdd(em, 'points_balances', ['memberId', 'period'], 'points', rows);
  }

  /** Inserts a batch of entries in one statement. */
  async insertEntries(em: EntityManager, entries: PointsEntry[]): Promise<void> {
    // No read-back of defaults (TypeORM would SELECT the rows again): every column is given.
    await insertEntities(em, PointsEntry, entries);
  }

  async insertEntry(em: EntityManager, entry: PointsEntry): Promise<void> {
    await em.insert(PointsEntry, entry);
  }

  /** Takes `amount` off a member's use of a rule in a day and a year, never below 0. */
  async releaseUsage(
    em: EntityManager,
    memberId: string,
    ruleCode: string,
    amount: number,
    dayKey: string,
    yearKey: string,
  ): Promise<void> {
    await em.query(
      `UPDATE points_rule_usage SET used = CASE WHEN used >= ? THEN used - ? ELSE 0 END WHERE memberId = ? AND ruleCode = ? AND periodKey IN (?, ?)`,
      [amount, amount, memberId, ruleCode, dayKey, yearKey],
    );
  }
}

export class PointsRepository {
  constructor(private readonly ds: DataSource) {}

  // ── rules ────────────────────────────────────────────────────────────────────────────────

  async rulesByCode(): Promise<PointsRule[]> {
    return this.ds.getRepository(PointsRule).find({ order: { code: 'ASC' } });
  }

  /** Rule names by code (to present entries); inside a transaction when `em` is given. */
  async ruleNames(em: EntityManager = this.ds.manager): Promise<Map<string, string>> {
    const rules = await em.getRepository(PointsRule).find();
    return new Map(rules.map((r) => [r.code, r.name]));
  }

  async rule(em: EntityManager, code: string): Promise<PointsRule | null> {
    return em.getRepository(PointsRule).findOneBy({ code });
  }

  async saveRule(em: EntityManager, rule: PointsRule): Promise<void> {
    await em.save(PointsRule, rule);
  }

  // ── entries and balances ─────────────────────────────────────────────────────────────────

  async entry(id: string): Promise<PointsEntry | null> {
    return this.ds.getRepository(PointsEntry).findOneBy({ id });
  }

  /** A member's entries effective between two days (inclusive), newest first. */
  async entriesBetween(memberId: string, start: string, end: string, limit: number): Promise<PointsEntry[]> {
    return this.ds
      .getRepository(PointsEntry)
      .createQueryBuilder('e')
      .where('e.memberId = :memberId', { memberId })
      .andWhere('e.effectiveDate >= :start AND e.effectiveDate <= :end', { start, end })
      .orderBy('e.createdAt', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  /** The reversal of each of these entries that has one: original id → reversal id. */
  async reversalsOf(ids: string[]): Promise<Map<string, string>> {
    const reversals = ids.length
      ? await this.ds.getRepository(PointsEntry).find({ where: { reversalOf: In(ids) }, select: { id: true, reversalOf: true } })
      : [];
    return new Map(reversals.map((r) => [r.reversalOf!, r.id]));
  }

  /** The id of the reversal of an entry, if any, locking it (MySQL) for the transaction. */
  async lockReversalOf(em: EntityManager, entryId: string): Promise<string | null> {
    const prior: { id: string }[] = await em.query(`SELECT id FROM points_entries WHERE reversalOf = ?${forUpdate(em)}`, [entryId]);
    return prior.length ? prior[0].id : null;
  }

  /** A member's balance for a period (0 without a row); inside a transaction when `em` is given. */
  async balance(memberId: string, period: string, em?: EntityManager): Promise<number> {
    const sql = 'SELECT points FROM points_balances WHERE memberId = ? AND period = ?';
    const rows: { points: number }[] = em ? await em.query(sql, [memberId, period]) : await this.ds.query(sql, [memberId, period]);
    return Number(rows[0]?.points ?? 0);
  }

  // ── verification ─────────────────────────────────────────────────────────────────────────

  /** The ledger summed by member and effective day. */
  async entrySumsByMemberAndDay(): Promise<{ memberId: string; d: string; total: number | string; n: number | string }[]> {
    return this.ds.query(
      'SELECT memberId, effectiveDate AS d, SUM(delta) AS total, COUNT(*) AS n FROM points_entries GROUP BY memberId, effectiveDate',
    );
  }

  async allBalances(): Promise<{ memberId: string; period: string; points: number | string }[]> {
    return this.ds.query('SELECT memberId, period, points FROM points_balances');
  }

  // ── rankings (SQL tuned in scripts/bench/points-bench.ts: keep it as it is) ─────────────

  /** Members in the subtrees (all members when `paths` is null). */
  async countMembers(paths: string[] | null): Promise<number> {
    const scope = paths ? scopeSql(paths) : { sql: '1 = 1', params: [] };
    const [row] = await this.ds.query(
      `SELECT COUNT(*) AS n FROM members m INNER JOIN orgs o ON o.id = m.orgId WHERE ${scope.sql}`,
      scope.params,
    );
    return Number(row.n);
  }

  /** Members of the subtrees with a balance row for the period above `points`. */
  async countBalancesAbove(period: string, paths: string[], points: number): Promise<number> {
    const scope = scopeSql(paths);
    const base = `FROM points_balances b INNER JOIN members m ON m.id = b.memberId INNER JOIN orgs o ON o.id = m.orgId WHERE b.period = ? AND ${scope.sql}`;
    const [row] = await this.ds.query(`SELECT COUNT(*) AS n ${base} AND b.points > ?`, [period, ...scope.params, points]);
    return Number(row.n);
  }

  /** Members of the subtrees with a balance row for the period at or below `points`. */
  async countBalancesAtMost(period: string, paths: string[], points: number): Promise<number> {
    const scope = scopeSql(paths);
    const base = `FROM points_balances b INNER JOIN members m ON m.id = b.memberId INNER JOIN orgs o ON o.id = m.orgId WHERE b.period = ? AND ${scope.sql}`;
    const [row] = await this.ds.query(`SELECT COUNT(*) AS n ${base} AND b.points <= ?`, [period, ...scope.params, points]);
    return Number(row.n);
  }

  /**
   * Balances first (MySQL only): walks the `(period, points)` index from the top and keeps the
   * members of the scope; positive balances only, ties by member id descending.
   */
  async topByBalanceIndex(period: string, paths: string[], limit: number, offset: number): Promise<{ memberId: string; points: number }[]> {
    const scope = scopeSql(paths);
    const found: { memberId: string; points: number | string }[] = await this.ds.query(
      `SELECT b.memberId AS memberId, b.points AS points
           FROM points_balances b FORCE INDEX (idx_points_balances_period)
           STRAIGHT_JOIN members m ON m.id = b.memberId
           STRAIGHT_JOIN orgs o ON o.id = m.orgId
           WHERE b.period = ? AND b.points > 0 AND ${scope.sql}
           ORDER BY b.points DESC, b.memberId DESC
           LIMIT ? OFFSET ?`,
      [period, ...scope.params, limit, offset],
    );
    return found.map((r) => ({ memberId: r.memberId, points: Number(r.points) }));
  }

  /**
   * Members first, with each row's rank in the whole scope (ties share it: 1 + how many have
   * more points) from the same scan — a deep page of a township reads the scope once instead of
   * once for the page and once more to count who is above its first row (issue #19).
   */
  async rankByMembersRanked(
    period: string,
    paths: string[],
    order: 'desc' | 'asc',
    limit: number,
    offset: number,
  ): Promise<{ memberId: string; points: number; rank: number }[]> {
    const scope = scopeSql(paths);
    const dir = order === 'desc' ? 'DESC' : 'ASC';
    const found: { memberId: string; points: number | string; rk: number | string }[] = await this.ds.query(
      `SELECT t.memberId AS memberId, t.points AS points, t.rk AS rk FROM (
         SELECT m.id AS memberId, COALESCE(b.points, 0) AS points, RANK() OVER (ORDER BY COALESCE(b.points, 0) DESC) AS rk
           FROM members m INNER JOIN orgs o ON o.id = m.orgId
           LEFT JOIN points_balances b ON b.memberId = m.id AND b.period = ?
           WHERE ${scope.sql}) t
         ORDER BY t.points ${dir}, t.memberId ${dir}
         LIMIT ? OFFSET ?`,
      [period, ...scope.params, limit, offset],
    );
    return found.map((r) => ({ memberId: r.memberId, points: Number(r.points), rank: Number(r.rk) }));
  }

  /** Names and org names of a ranking page's members. */
  async namesOf(memberIds: string[]): Promise<{ id: string; name: string; orgName: string }[]> {
    return memberIds.length
      ? this.ds.query(
          `SELECT m.id AS id, m.name AS name, o.name AS orgName FROM members m INNER JOIN orgs o ON o.id = m.orgId WHERE m.id IN (${memberIds.map(() => '?').join(', ')})`,
          memberIds,
        )
      : [];
  }

  /** Members, sum, max and min of points per org of the subtrees (zero points included). */
  async pointsPerOrg(
    members: MemberDirectory,
    paths: string[],
    period: string,
  ): Promise<{ orgId: string; kind: string; parentId: string; n: string; total: string; mx: string; mn: string }[]> {
    const qb = members
      .query('m', 'org')
      .leftJoin('points_balances', 'b', 'b.memberId = m.id AND b.period = :period', { period })
      .select([
        'org.id AS orgId',
        'org.kind AS kind',
        'org.parentId AS parentId',
        'COUNT(m.id) AS n',
        'SUM(COALESCE(b.points, 0)) AS total',
      ])
      .addSelect('MAX(COALESCE(b.points, 0))', 'mx')
      .addSelect('MIN(COALESCE(b.points, 0))', 'mn')
      .groupBy('org.id')
      .addGroupBy('org.kind')
      .addGroupBy('org.parentId');
    whereInSubtrees(qb, 'org', paths);
    return qb.getRawMany<{ orgId: string; kind: string; parentId: string; n: string; total: string; mx: string; mn: string }>();
  }

  // ── settings ─────────────────────────────────────────────────────────────────────────────

  async settings(orgId: string): Promise<PointsSettings | null> {
    return this.ds.getRepository(PointsSettings).findOneBy({ orgId });
  }

  async saveSettings(em: EntityManager, s: PointsSettings): Promise<void> {
    await em.getRepository(PointsSettings).save(s);
  }

  // ── notices ──────────────────────────────────────────────────────────────────────────────

  async notice(id: string): Promise<PointsNotice | null> {
    return this.ds.getRepository(PointsNotice).findOneBy({ id });
  }

  async insertNotice(em: EntityManager, notice: PointsNotice): Promise<void> {
    await em.insert(PointsNotice, notice);
  }

  /** Changes a draft; false when it was no longer a draft. */
  async updateDraft(em: EntityManager, id: string, patch: { title: string; body: string }): Promise<boolean> {
    const res = await em.update(PointsNotice, { id, status: 'draft' }, patch);
    return !!res.affected;
  }

  /** Publishes a draft; false when it was no longer a draft. */
  async publishDraft(em: EntityManager, id: string, at: Date | null): Promise<boolean> {
    const res = await em.update(PointsNotice, { id, status: 'draft' }, { status: 'published', publishedAt: at });
    return !!res.affected;
  }

  /**
   * A page of notices, newest first, with their org's name: the published notices of the orgs
   * `publishedOf`, and every notice (drafts too) of the orgs under `allUnder`.
   */
  async noticesPage(
    publishedOf: string[],
    allUnder: string[],
    page: number,
    pageSize: number,
  ): Promise<{ items: { notice: PointsNotice; orgName: string }[]; total: number }> {
    const qb = joinOrg(this.ds.getRepository(PointsNotice).createQueryBuilder('n'), 'org', 'org.id = n.orgId').addSelect(
      'org.name',
      'orgName',
    );
    qb.andWhere(
      new Brackets((w) => {
        if (publishedOf.length) w.orWhere("(n.orgId IN (:...ancestors) AND n.status = 'published')", { ancestors: publishedOf });
        allUnder.forEach((path, i) => w.orWhere(`org.path LIKE :m${i}`, { [`m${i}`]: `${path}%` }));
      }),
    );
    const total = await qb.getCount();
    const { entities, raw } = await qb
      .orderBy('n.createdAt', 'DESC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getRawAndEntities();
    return { items: entities.map((notice, i) => ({ notice, orgName: (raw[i] as { orgName: string }).orgName })), total };
  }
}
