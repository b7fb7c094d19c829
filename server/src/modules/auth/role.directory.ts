/** The auth module's door for other modules: which live roles a member holds. */
import type { DataSource } from 'typeorm';
import type { Role } from '@djzy/shared';
import { AuthRepository } from './auth.repository';

export class RoleDirectory {
  private readonly repo: AuthRepository;

  constructor(ds: DataSource) {
    this.repo = new AuthRepository(ds);
  }

  /** The members holding a live grant of one of `roles` on the org itself (not above it). */
  async holdersOn(orgId: string, roles: readonly Role[]): Promise<string[]> {
    return this.repo.memberHoldersOn(orgId, roles);
  }

  /** The live grants (not ended) of a member among `roles`. */
  async liveGrants(memberId: string, roles: readonly Role[]): Promise<{ role: Role; orgId: string }[]> {
    const rows = await this.repo.liveGrantsOfMember(memberId, roles);
    return rows.map((g) => ({ role: g.role as Role, orgId: g.orgId }));
  }
}
