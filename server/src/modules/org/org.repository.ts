/**
 * Persistence of the org tree: the orgs table, this module's alone. OrgService asks these named
 * queries; other modules get orgs from OrgService and join the table only via org.query.ts.
 */
import { In, type DataSource } from 'typeorm';
import { Org } from './org.entity';
import { whereInSubtrees } from './org.query';

export class OrgRepository {
  constructor(private readonly ds: DataSource) {}

  /** An org by id, or null. */
  async find(id: string): Promise<Org | null> {
    return this.ds.getRepository(Org).findOneBy({ id });
  }

  /** The orgs with these ids (none asked → none). */
  async byIds(ids: string[]): Promise<Org[]> {
    if (!ids.length) return [];
    return this.ds.getRepository(Org).findBy({ id: In(ids) });
  }

  /** The orgs with these ids, for a non-empty list (a path's segments, a batch's org ids). */
  async withIds(ids: string[]): Promise<Org[]> {
    return this.ds.getRepository(Org).createQueryBuilder('o').where('o.id IN (:...ids)', { ids }).getMany();
  }

  /** Every org within these subtrees, unordered. */
  async inSubtrees(paths: string[]): Promise<Org[]> {
    const qb = this.ds.getRepository(Org).createQueryBuilder('org');
    whereInSubtrees(qb, 'org', paths);
    return qb.getMany();
  }

  /** Every org within these subtrees in display order (sort order, then name). */
  async inSubtreesOrdered(paths: string[]): Promise<Org[]> {
    const qb = this.ds.getRepository(Org).createQueryBuilder('org');
    whereInSubtrees(qb, 'org', paths);
    return qb.orderBy('org.sortOrder', 'ASC').addOrderBy('org.name', 'ASC').getMany();
  }

  /** The branches within these subtrees, in display order. */
  async branchesIn(paths: string[]): Promise<Org[]> {
    const qb = this.ds.getRepository(Org).createQueryBuilder('org').where("org.kind = 'branch'");
    whereInSubtrees(qb, 'org', paths);
    return qb.orderBy('org.sortOrder', 'ASC').addOrderBy('org.name', 'ASC').getMany();
  }
}
