/** The auth module's door for other modules: which live roles a member holds. */
import { In, IsNull, type DataSource } from 'typeorm';
import type { Role } from '@djzy/shared';
import { RoleGrant } from './role-grant.entity';

export class RoleDirectory {
  constructor(private readonly ds: DataSource) {}

  /** The live grants (not ended) of a member among `roles`. */
  async liveGrants(memberId: string, roles: readonly Role[]): Promise<{ role: Role; orgId: string }[]> {
    const rows = await this.ds.getRepository(RoleGrant).find({ where: { memberId, endedAt: IsNull(), role: In([...roles]) }, select: ['id', 'role', 'orgId'] });
    return rows.map((g) => ({ role: g.role as Role, orgId: g.orgId }));
  }
}
