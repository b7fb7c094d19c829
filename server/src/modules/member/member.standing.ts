/**
 * "Still in the org's count" in SQL: the twin of `memberExit` / `isCurrentPartyMember` in
 * shared/src/enums.ts, for read models over the members table (this module's and the report's).
 * One place: dues ledgers, appraisal rounds, warnings, mobility lists, study completion and the
 * yearly report all call it instead of writing `status IN ('full', 'probationary')`.
 */
import type { ObjectLiteral } from 'typeorm';

/**
 * The condition on members as `alias`: not 已出党 (劝退/除名), not transferred out, not 在途 — with
 * `on` (a day), as of that day: someone whose letter was issued after it still counts. With
 * `partyOnly` (default) only full and probationary members; without it applicants, activists and
 * 发展对象 too (the roster's non-members, e.g. a study plan's readers). Returns the SQL and its
 * parameters for `andWhere` (parameter names derive from the alias, so two aliases can coexist).
 */
export function partyMemberSql(
  alias: string,
  opts: {
    on?: string;
    partyOnly?: boolean;
    /**
     * With `on`: an SQL expression for the day a 已出党 member's membership ended (the roster keeps
     * none; the report, which may read the disposals, passes one) — they count as of days before it.
     */
    exitDaySql?: string;
  } = {},
): [string, ObjectLiteral] {
  const status = opts.partyOnly === false ? `${alias}.status <> 'disqualified'` : `${alias}.status IN ('full', 'probationary')`;
  if (!opts.on) return [`(${status} AND ${alias}.transferState IS NULL)`, {}];
  const param = `${alias.replace(/\W/g, '_')}_countedOn`;
  const current = `(${status} AND (${alias}.transferState IS NULL OR ${alias}.transferSince > :${param}))`;
  if (!opts.exitDaySql) return [current, { [param]: opts.on }];
  return [`(${current} OR (${alias}.status = 'disqualified' AND ${opts.exitDaySql} > :${param}))`, { [param]: opts.on }];
}
