/**
 * The org tree and the caller's place in it. Scope is decided here and applied in every query
 * (org.repository.ts holds them; org.query.ts the fragments other modules join with).
 */
import type { DataSource } from 'typeorm';
import type { OrgNode, Role } from '@djzy/shared';
import { AppError } from '../../core/errors';
import { isIdLike } from '../../core/ids';
import { requireManages, scopePaths, type Principal } from '../../core/principal';
import type { Org } from './org.entity';
import { OrgRepository } from './org.repository';

export class OrgService {
  private readonly repo: OrgRepository;

  constructor(ds: DataSource) {
    this.repo = new OrgRepository(ds);
  }

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
    const orgs = await this.repo.withIds(ids);
    const branch = orgs.find((o) => o.kind === 'branch');
    return branch?.path ?? null;
  }

  /**
   * The tree within the caller's scope; `countMembers` gives each org's direct member count (the
   * member module owns that figure: `GET /orgs` is served by MemberService.orgTree).
   */
  async tree(p: Principal, countMembers: (orgIds: string[]) => Promise<Map<string, number>>): Promise<OrgNode[]> {
    const roots = await this.visibleRoots(p);
    const orgs = await this.repo.inSubtreesOrdered(roots);
    if (!orgs.length) return [];
    const countOf = await countMembers(orgs.map((o) => o.id));
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
    const org = await this.find(id);
    if (!org) throw new AppError('NOT_FOUND');
    return org;
  }

  /** An org by id, or null (also for a malformed id). */
  async find(id: string | null | undefined): Promise<Org | null> {
    return id && isIdLike(id) ? this.repo.find(id) : null;
  }

  /** An org the caller manages (with `roles`), or 404 when unknown and 403 when out of scope. */
  async getManaged(p: Principal, id: string, roles?: readonly Role[]): Promise<Org> {
    const org = await this.get(id);
    requireManages(p, org.path, roles);
    return org;
  }

  /** The orgs with these ids, by id. */
  async byIds(ids: string[]): Promise<Map<string, Org>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    return new Map((await this.repo.byIds(unique)).map((o) => [o.id, o]));
  }

  /** Every org within these subtrees. */
  async inSubtrees(paths: string[]): Promise<Org[]> {
    return this.repo.inSubtrees(paths);
  }

  /**
   * The one org-scope rule of a manager's list or figure: every subtree they manage, or — when
   * they name an org — that org's subtree, 403 FORBIDDEN when it is not theirs (or unknown, so
   * an id out of scope confirms nothing).
   */
  async scopeOf(p: Principal, orgId?: string, roles?: readonly Role[]): Promise<string[]> {
    if (!orgId) return scopePaths(p, roles);
    const org = await this.find(orgId);
    if (!org) throw new AppError('FORBIDDEN');
    requireManages(p, org.path, roles);
    return [org.path];
  }

  /** The branches within these subtrees, in display order. */
  async branchesIn(paths: string[]): Promise<Org[]> {
    return this.repo.branchesIn(paths);
  }

  /** Every org on the way from the root to these orgs (for names of branches and townships). */
  async withAncestors(orgIds: string[]): Promise<Map<string, Org>> {
    if (!orgIds.length) return new Map();
    const orgs = await this.repo.withIds([...new Set(orgIds)]);
    const ancestorIds = new Set<string>();
    for (const o of orgs) for (const id of o.path.split('/').filter(Boolean)) ancestorIds.add(id);
    const all = await this.repo.withIds([...ancestorIds]);
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
