/**
 * Query fragments over the orgs table for other modules' read models: scope a query to
 * subtrees, join the org of a row. The org module owns the table; others join it only through these.
 */
import { Brackets, type SelectQueryBuilder } from 'typeorm';
import { Org } from './org.entity';

/** Restricts a query on an org alias to the subtrees rooted at `paths` (none → nothing). */
export function whereInSubtrees<T extends object>(qb: SelectQueryBuilder<T>, orgAlias: string, paths: string[]): SelectQueryBuilder<T> {
  if (!paths.length) return qb.andWhere('1 = 0');
  return qb.andWhere(
    new Brackets((w) => {
      paths.forEach((p, i) => w.orWhere(`${orgAlias}.path LIKE :scope${i}`, { [`scope${i}`]: `${p}%` }));
    }),
  );
}

/**
 * The path of the township an org (by path) lies in — the tree is strictly layered, county →
 * township → …, so it is the path's first two ids; the county's own path for the county.
 */
export function townshipPathOf(orgPath: string): string {
  return `/${orgPath.split('/').filter(Boolean).slice(0, 2).join('/')}/`;
}

/**
 * Joins the orgs table under `alias` to a query of another module (the org module owns the
 * table; other modules join it only through this).
 */
export function joinOrg<T extends object>(qb: SelectQueryBuilder<T>, alias: string, on: string): SelectQueryBuilder<T> {
  return qb.innerJoin(Org, alias, on);
}
