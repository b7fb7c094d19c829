/** The org tree and the caller's place in it. Scope is enforced here, in the queries. */
import { Brackets, type DataSource, type SelectQueryBuilder } from 'typeorm';
import type { OrgNode } from '@djzy/shared';
import { AppError } from '../../core/errors';
import { isIdLike } from '../../core/ids';
import { scopePaths, type Principal } from '../../core/principal';
import { Member } from '../member/member.entity';
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

export class OrgService {
  constructor(private readonly ds: DataSource) {}

  /** The subtree roots the caller may see: managed subtrees, else the member's own branch. */
  async visibleRoots(p: Principal): Promise<string[]> {
    const managed = scopePaths(p);
    if (managed.length) return managed;
    if (!p.orgPath) return [];
    const branch = await this.branchPathOf(p.orgPath);
    return [branch ?? p.orgPath];
  }

  /** The path of the branch an org belongs to (the org itself if a branch, its parent if a group). */
  async branchPathOf(orgPath: string): Promise<string | null> {
    const ids = orgPath.split('/').filter(Boolean);
    const orgs = await this.ds.getRepository(Org).createQueryBuilder('o').where('o.id IN (:...ids)', { ids }).getMany();
    const branch = orgs.find((o) => o.kind === 'branch');
    return branch?.path ?? null;
  }

  /** `GET /orgs`: the tree within the caller's scope, with direct member counts. */
  async tree(p: Principal): Promise<OrgNode[]> {
    const roots = await this.visibleRoots(p);
    const qb = this.ds.getRepository(Org).createQueryBuilder('org');
    whereInSubtrees(qb, 'org', roots);
    const orgs = await qb.orderBy('org.sortOrder', 'ASC').addOrderBy('org.name', 'ASC').getMany();
    if (!orgs.length) return [];
    const counts = await this.ds
      .getRepository(Member)
      .createQueryBuilder('m')
      .select('m.orgId', 'orgId')
      .addSelect('COUNT(*)', 'n')
      .where('m.orgId IN (:...ids)', { ids: orgs.map((o) => o.id) })
      .groupBy('m.orgId')
      .getRawMany<{ orgId: string; n: string | number }>();
    const countOf = new Map(counts.map((c) => [c.orgId, Number(c.n)]));
    const nodes = new Map<string, OrgNode>();
    for (const o of orgs)
      nodes.set(o.id, { id: o.id, name: o.name, kind: o.kind, parentId: o.parentId, memberCount: countOf.get(o.id) ?? 0, children: [] });
    const top: OrgNode[] = [];
    for (const o of orgs) {
      const node = nodes.get(o.id)!;
      const parent = o.parentId ? nodes.get(o.parentId) : undefined;
      if (parent) parent.children.push(node);
      else top.push(node);
    }
    return top;
  }

  /** An org by id, or 404 NOT_FOUND. */
  async get(id: string): Promise<Org> {
    const org = isIdLike(id) ? await this.ds.getRepository(Org).findOneBy({ id }) : null;
    if (!org) throw new AppError('NOT_FOUND');
    return org;
  }

  /** Every org on the way from the root to these orgs (for names of branches and townships). */
  async withAncestors(orgIds: string[]): Promise<Map<string, Org>> {
    const repo = this.ds.getRepository(Org);
    if (!orgIds.length) return new Map();
    const orgs = await repo.createQueryBuilder('o').where('o.id IN (:...ids)', { ids: [...new Set(orgIds)] }).getMany();
    const ancestorIds = new Set<string>();
    for (const o of orgs) for (const id of o.path.split('/').filter(Boolean)) ancestorIds.add(id);
    const all = await repo.createQueryBuilder('o').where('o.id IN (:...ids)', { ids: [...ancestorIds] }).getMany();
    return new Map(all.map((o) => [o.id, o]));
  }
}

/** The branch an org belongs to, from a map holding its ancestors. */
export function branchOf(org: Org | undefined, orgs: Map<string, Org>): Org | null {
  if (!org) return null;
  if (org.kind === 'branch') return org;
  if (org.kind === 'group' && org.parentId) return orgs.get(org.parentId) ?? null;
  return null;
}
