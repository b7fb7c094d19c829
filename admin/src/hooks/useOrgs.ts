/** The caller's org tree (null while loading, empty when it failed) and the org picked in it. */
import type { OrgNode } from '@djzy/shared';
import { useState } from 'react';
import { useOrgTree } from '../api/orgs';

export function useOrgs(): OrgNode[] | null {
  const tree = useOrgTree();
  return tree.data ?? (tree.isError ? [] : null);
}

/**
 * The org tree and the org a screen works on: the top of the caller's scope (the whole county or
 * township) until the user picks another.
 */
export function useOrgChoice(initial: string | null = null) {
  const orgs = useOrgs();
  const [picked, setOrgId] = useState<string | null>(initial);
  const orgId = picked ?? orgs?.[0]?.id ?? null;
  return { orgs, orgId, setOrgId };
}
