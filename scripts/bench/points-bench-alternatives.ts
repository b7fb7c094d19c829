/**
 * Part of points-bench.ts: why the rankings query is slow, and what would make it fast.
 * Every alternative here is bench-only (temporary indexes are dropped at the end); the results
 * are compared with the service's so a faster variant is known to give the same ranking.
 */
import { performance } from 'node:perf_hooks';
import type mysql from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../server/src/core/principal';
import type { PointsService } from '../../server/src/modules/points';

interface Figure {
  label: string;
  p50: number;
  p95: number;
  max: number;
  n: number;
}
interface Ctx {
  ds: DataSource;
  conn: mysql.Connection;
  svc: PointsService;
  principal: Principal;
  county: { id: string; path: string };
  town: { id: string; path: string };
  period: string;
  measure: (label: string, fn: () => Promise<unknown>, runs?: number, budgetS?: number, minRuns?: number) => Promise<Figure>;
  captureSql: (ds: DataSource, fn: () => Promise<unknown>) => Promise<{ sql: string; params: unknown[] }[]>;
  explain: (conn: mysql.Connection, sql: string, params: unknown[]) => Promise<void>;
  log: (s: string) => void;
  cases: { label: string; q: { orgId?: string; period: string; page: number } }[];
  service: Figure[];
  missed: boolean;
}

interface Item {
  rank: number;
  memberId: string;
  name: string;
  orgName: string;
  points: number;
}
const PAGE_SIZE = 20;

type Q = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

const scope = (paths: string[]) => ({ sql: `(${paths.map(() => 'o.path LIKE ?').join(' OR ')})`, params: paths.map((p) => `${p}%`) });

/** Members in the subtrees: COUNT(*) (the join is n:1, so no DISTINCT is needed). */
async function countMembers(q: Q, paths: string[]): Promise<number> {
  const s = scope(paths);
  const [r] = await q(`SELECT COUNT(*) AS n FROM members m INNER JOIN orgs o ON o.id = m.orgId WHERE ${s.sql}`, s.params);
  return Number(r.n);
}

/**
 * Members in the subtrees with more than `points`. For points ≥ 0 only members with a balance row
 * can be above, so an inner join is enough; below 0 every member without a row (0 points) is
 * above too, so count the complement. `driver` says which side the join starts from: the
 * balances index range (cheap when the page is near the top of a large scope) or the members of
 * the scope (cheap for a small scope).
 */
async function countAbove(
  q: Q,
  driver: 'balances' | 'members',
  paths: string[],
  period: string,
  points: number,
  total: number,
): Promise<number> {
  const s = scope(paths);
  const join =
    driver === 'balances'
      ? `FROM points_balances b FORCE INDEX (idx_points_balances_period) STRAIGHT_JOIN members m ON m.id = b.memberId STRAIGHT_JOIN orgs o ON o.id = m.orgId`
      : `FROM members m INNER JOIN orgs o ON o.id = m.orgId INNER JOIN points_balances b ON b.memberId = m.id AND b.period = ?`;
  const pre = driver === 'balances' ? [] : [period];
  const where = driver === 'balances' ? 'b.period = ? AND ' : '';
  const wp = driver === 'balances' ? [period] : [];
  if (points >= 0) {
    const [r] = await q(`SELECT COUNT(*) AS n ${join} WHERE ${where}b.points > ? AND ${s.sql}`, [...pre, ...wp, points, ...s.params]);
    return Number(r.n);
  }
  const [r] = await q(`SELECT COUNT(*) AS n ${join} WHERE ${where}b.points <= ? AND ${s.sql}`, [...pre, ...wp, points, ...s.params]);
  return total - Number(r.n);
}

/** The service's current page query (members first), for the fallback. */
async function pageMembersFirst(q: Q, paths: string[], period: string, offset: number, limit: number, deferred = false) {
  const s = scope(paths);
  // Deferred join: sort only (id, points), so the temporary table stays narrow (in memory), and
  // fetch the names for the page's rows only.
  if (deferred)
    return q(
      `SELECT x.memberId AS memberId, m.name AS name, o.name AS orgName, x.points AS points FROM (SELECT m.id AS memberId, COALESCE(b.points, 0) AS points FROM members m INNER JOIN orgs o ON o.id = m.orgId LEFT JOIN points_balances b ON b.memberId = m.id AND b.period = ? WHERE ${s.sql} ORDER BY points DESC, m.id ASC LIMIT ? OFFSET ?) x INNER JOIN members m ON m.id = x.memberId INNER JOIN orgs o ON o.id = m.orgId ORDER BY x.points DESC, x.memberId ASC`,
      [period, ...s.params, limit, offset],
    );
  return q(
    `SELECT m.id AS memberId, m.name AS name, o.name AS orgName, COALESCE(b.points, 0) AS points FROM members m INNER JOIN orgs o ON o.id = m.orgId LEFT JOIN points_balances b ON b.memberId = m.id AND b.period = ? WHERE ${s.sql} ORDER BY points DESC, m.id ASC LIMIT ? OFFSET ?`,
    [period, ...s.params, limit, offset],
  );
}

/**
 * Balances first: walk the (period, points) index from the top, keep the rows whose member is in
 * the subtrees, stop after the page. Only rows with points > 0 are taken this way (members
 * without a balance row have 0 and are not in the index); a page that reaches into the zeros
 * falls back to the members-first query.
 * `index` names the index to walk; with `idx_points_balances_period` (period, points[, memberId])
 * ties come out memberId DESC, with a (period, points DESC, memberId) index memberId ASC like today.
 */
async function pageBalancesFirst(q: Q, paths: string[], period: string, offset: number, limit: number, index: string, tie: 'ASC' | 'DESC') {
  const s = scope(paths);
  const rows = await q(
    `SELECT m.id AS memberId, m.name AS name, o.name AS orgName, b.points AS points FROM points_balances b FORCE INDEX (${index}) STRAIGHT_JOIN members m ON m.id = b.memberId STRAIGHT_JOIN orgs o ON o.id = m.orgId WHERE b.period = ? AND b.points > 0 AND ${s.sql} ORDER BY b.points DESC, b.memberId ${tie} LIMIT ? OFFSET ?`,
    [period, ...s.params, limit, offset],
  );
  if (rows.length === limit) return rows;
  return pageMembersFirst(q, paths, period, offset, limit);
}

let allMembersCache: { n: number; at: number } | null = null;
/** Members in the whole database, cached for a minute (only used to estimate a scope's share). */
async function allMembers(q: Q): Promise<number> {
  if (!allMembersCache || Date.now() - allMembersCache.at > 60_000)
    allMembersCache = { n: Number((await q('SELECT COUNT(*) AS n FROM members', []))[0].n), at: Date.now() };
  return allMembersCache.n;
}

type Variant = {
  label: string;
  /**
   * When to walk the balances first: 'always', 'never', or 'cost' — only when the rows it would
   * walk, about (offset + page size) × all members / members in scope, are fewer than the
   * members in scope (what the members-first query reads). A county or a township's first pages
   * go balances first; a branch, or a deep page of a small scope, members first.
   */
  balancesFirst: 'always' | 'never' | 'cost';
  index: string;
  tie: 'ASC' | 'DESC';
  countDistinct?: boolean;
  /** Members-first page with a deferred join (narrow sort, names fetched for the page only). */
  deferred?: boolean;
  /** Remember the scope's member count for a minute instead of counting on every page. */
  cacheTotal?: boolean;
  /** Time the service itself (for an index-only change). */
  service?: boolean;
};

const totalCache = new Map<string, { n: number; at: number }>();
/** The scope's member count, remembered for a minute (it only sizes the pager). */
async function cachedCount(q: Q, paths: string[]): Promise<number> {
  const key = paths.join('|');
  const hit = totalCache.get(key);
  if (hit && Date.now() - hit.at < 60_000) return hit.n;
  const n = await countMembers(q, paths);
  totalCache.set(key, { n, at: Date.now() });
  return n;
}

async function rankAlt(q: Q, v: Variant, paths: string[], period: string, page: number): Promise<{ items: Item[]; total: number }> {
  const s = scope(paths);
  const total = v.countDistinct
    ? Number((await q(`SELECT COUNT(DISTINCT m.id) AS n FROM members m INNER JOIN orgs o ON o.id = m.orgId WHERE ${s.sql}`, s.params))[0].n)
    : v.cacheTotal
      ? await cachedCount(q, paths)
      : await countMembers(q, paths);
  const offset = (page - 1) * PAGE_SIZE;
  const balancesFirst =
    v.balancesFirst === 'always' ||
    (v.balancesFirst === 'cost' && ((offset + PAGE_SIZE) * (await allMembers(q))) / Math.max(1, total) < total);
  const rows = balancesFirst
    ? await pageBalancesFirst(q, paths, period, offset, PAGE_SIZE, v.index, v.tie)
    : await pageMembersFirst(q, paths, period, offset, PAGE_SIZE, v.deferred);
  const items: Item[] = [];
  for (let i = 0; i < rows.length; i++) {
    const points = Number(rows[i].points);
    let rank: number;
    if (i > 0 && points === items[i - 1].points) rank = items[i - 1].rank;
    else if (i === 0 && page > 1) rank = (await countAbove(q, balancesFirst ? 'balances' : 'members', paths, period, points, total)) + 1;
    else rank = offset + i + 1;
    items.push({ rank, memberId: String(rows[i].memberId), name: String(rows[i].name), orgName: String(rows[i].orgName), points });
  }
  return { items, total };
}

const sameRanking = (a: { items: Item[]; total: number }, b: { items: Item[]; total: number }, strictOrder: boolean) =>
  a.total === b.total &&
  a.items.length === b.items.length &&
  a.items.every(
    (x, i) => x.rank === b.items[i].rank && x.points === b.items[i].points && (!strictOrder || x.memberId === b.items[i].memberId),
  );

export async function runAlternatives(c: Ctx): Promise<void> {
  const { ds, conn, log, measure } = c;
  const q: Q = async (sql, params) => (await ds.query(sql, params)) as Record<string, unknown>[];
  const countyPaths = [c.county.path];
  const townPaths = [c.town.path];
  const [branch] = (await q("SELECT o.id, o.path FROM orgs o WHERE o.kind = 'branch' AND o.parentId = ? ORDER BY o.sortOrder LIMIT 1", [
    c.town.id,
  ])) as { id: string; path: string }[];
  const branchPaths = [branch.path];
  const scopes: { label: string; paths: string[]; orgId?: string; page: number }[] = [
    { label: 'county p1', paths: countyPaths, page: 1 },
    { label: 'township p1', paths: townPaths, orgId: c.town.id, page: 1 },
    { label: 'county p50', paths: countyPaths, page: 50 },
    { label: 'township p50', paths: townPaths, orgId: c.town.id, page: 50 },
    { label: 'branch p1', paths: branchPaths, orgId: branch.id, page: 1 },
  ];

  // 1. What the service runs, and how the database runs it.
  log('\nThe SQL rankings() runs for county p50 (captured from TypeORM) and its EXPLAIN:');
  const captured = await c.captureSql(ds, () => c.svc.rankings(c.principal, { period: c.period, page: 50 }));
  for (const s of captured.filter((x) => /^\s*SELECT/i.test(x.sql) && /members/.test(x.sql))) await c.explain(conn, s.sql, s.params);

  log('\nWhere the time goes (each statement of rankings() on its own, raw SQL through the same pool):');
  for (const s of captured.filter((x) => /^\s*SELECT/i.test(x.sql) && /members/.test(x.sql))) {
    const kind = /COUNT\(DISTINCT/i.test(s.sql)
      ? /COALESCE\(`?b`?\.`?points/i.test(s.sql) && /> \?/.test(s.sql)
        ? 'countAbove (COUNT DISTINCT + LEFT JOIN)'
        : 'total (COUNT DISTINCT)'
      : 'page (ORDER BY … LIMIT)';
    await measure(`  county p50 stmt: ${kind}`, () => ds.query(s.sql, s.params), 30, 15);
  }
  const cs = scope(countyPaths);
  await measure(
    '  county total as COUNT(*) instead of COUNT(DISTINCT)',
    () => q(`SELECT COUNT(*) AS n FROM members m INNER JOIN orgs o ON o.id = m.orgId WHERE ${cs.sql}`, cs.params),
    30,
    15,
  );

  // 2. The service's figures for the two extra scopes, as a reference for the alternatives.
  log('\nService reference for the extra scopes:');
  const serviceExtra: Record<string, Figure> = {};
  for (const s of scopes.filter((x) => !c.cases.some((k) => k.label === `rankings ${x.label}`)))
    serviceExtra[s.label] = await measure(
      `rankings ${s.label} (service)`,
      () => c.svc.rankings(c.principal, { orgId: s.orgId, period: c.period, page: s.page }),
      30,
      20,
    );

  // 3. Alternatives. The service's answer for each scope (what every variant must reproduce),
  // computed once: no variant changes data, only indexes.
  const expectedCache = new Map<string, { items: Item[]; total: number }>();
  const expectedOf = async (s: { label: string; orgId?: string; page: number }) => {
    if (!expectedCache.has(s.label))
      expectedCache.set(
        s.label,
        (await c.svc.rankings(c.principal, { orgId: s.orgId, period: c.period, page: s.page })) as { items: Item[]; total: number },
      );
    return expectedCache.get(s.label)!;
  };
  const variants: { v: Variant; ddl?: string[]; undo?: string[] }[] = [
    {
      v: {
        label: 'A: service as is + index (period, points, memberId)',
        balancesFirst: 'never',
        index: 'idx_bench_period_points_member',
        tie: 'ASC',
        service: true,
      },
      ddl: ['CREATE INDEX idx_bench_period_points_member ON points_balances (period, points, memberId)'],
      undo: ['DROP INDEX idx_bench_period_points_member ON points_balances'],
    },
    {
      v: {
        label: 'B: members first, COUNT(*) total, countAbove with an inner join',
        balancesFirst: 'never',
        index: 'idx_points_balances_period',
        tie: 'ASC',
      },
    },
    {
      v: {
        label: 'F: B with a deferred join (sort ids and points only, then fetch names)',
        balancesFirst: 'never',
        index: 'idx_points_balances_period',
        tie: 'ASC',
        deferred: true,
      },
    },
    {
      v: {
        label: 'C: balances first (existing index, ties memberId DESC)',
        balancesFirst: 'always',
        index: 'idx_points_balances_period',
        tie: 'DESC',
      },
    },
    {
      v: {
        label: 'D: balances first + index (period, points DESC, memberId)',
        balancesFirst: 'always',
        index: 'idx_bench_rank',
        tie: 'ASC',
      },
      ddl: ['CREATE INDEX idx_bench_rank ON points_balances (period, points DESC, memberId)'],
      undo: ['DROP INDEX idx_bench_rank ON points_balances'],
    },
    {
      v: { label: 'E: D when cheaper by the cost rule, else B', balancesFirst: 'cost', index: 'idx_bench_rank', tie: 'ASC' },
      ddl: ['CREATE INDEX idx_bench_rank ON points_balances (period, points DESC, memberId)'],
      undo: ['DROP INDEX idx_bench_rank ON points_balances'],
    },
    {
      v: { label: 'G: E with the total cached for 60 s', balancesFirst: 'cost', index: 'idx_bench_rank', tie: 'ASC', cacheTotal: true },
      ddl: ['CREATE INDEX idx_bench_rank ON points_balances (period, points DESC, memberId)'],
      undo: ['DROP INDEX idx_bench_rank ON points_balances'],
    },
  ];
  for (const { v, ddl, undo } of variants) {
    log(`\n${v.label}`);
    for (const d of ddl ?? []) {
      const t = performance.now();
      await q(d, []);
      log(`  ${d}: ${(performance.now() - t).toFixed(0)} ms`);
    }
    try {
      for (const s of scopes) {
        const expected = await expectedOf(s);
        const run = () =>
          v.service
            ? c.svc.rankings(c.principal, { orgId: s.orgId, period: c.period, page: s.page })
            : rankAlt(q, v, s.paths, c.period, s.page);
        const got = (await run()) as { items: Item[]; total: number };
        const same = sameRanking(got, expected, v.tie === 'ASC');
        const fig = await measure(
          `${v.label.slice(0, 2)} ${s.label}`,
          run,
          v.service ? 30 : undefined,
          v.service ? 20 : undefined,
          v.service ? 5 : undefined,
        );
        if (!same)
          log(`    ✗ differs from the service: ${JSON.stringify(got.items.slice(0, 3))} vs ${JSON.stringify(expected.items.slice(0, 3))}`);
        else
          log(
            `    ✓ same ranks and points as the service${v.tie === 'ASC' ? ' (and same members in the same order)' : ' (tie order differs by design)'}`,
          );
        void fig;
      }
      if (v.balancesFirst === 'always' && v.index === 'idx_bench_rank') {
        const s = scope(countyPaths);
        log('  EXPLAIN of the balances-first page query (county p50):');
        await c.explain(
          conn,
          `SELECT m.id AS memberId, m.name AS name, o.name AS orgName, b.points AS points FROM points_balances b FORCE INDEX (idx_bench_rank) STRAIGHT_JOIN members m ON m.id = b.memberId STRAIGHT_JOIN orgs o ON o.id = m.orgId WHERE b.period = ? AND b.points > 0 AND ${s.sql} ORDER BY b.points DESC, b.memberId ASC LIMIT ? OFFSET ?`,
          [c.period, ...s.params, PAGE_SIZE, 49 * PAGE_SIZE],
        );
      }
    } finally {
      for (const d of undo ?? []) await q(d, []);
    }
  }
  void serviceExtra;
}
