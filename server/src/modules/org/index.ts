/**
 * The org tree (materialised paths). Other modules reach orgs through OrgService and these
 * helpers; the table is this module's.
 */
export { OrgService, branchOf, joinOrg, whereInSubtrees } from './org.service';
export type { Org } from './org.entity';
