/**
 * The org tree (materialised paths). Other modules reach orgs through OrgService and these
 * helpers; the table is this module's.
 */
export { OrgService, branchOf } from './org.service';
export { joinOrg, townshipPathOf, whereInSubtrees } from './org.query';
export type { Org } from './org.entity';
