import type { OrgKind } from './enums.js';

/** A node of `GET /orgs`, nested. */
export interface OrgNode {
  id: string;
  name: string;
  kind: OrgKind;
  parentId: string | null;
  /** Members directly in this org (not its subtree). */
  memberCount: number;
  children: OrgNode[];
}
export type OrgTreeResponse = OrgNode[];
