/** Org tree calls. */
import type { OrgTreeResponse } from '@djzy/shared';
import { useQuery } from '@tanstack/react-query';
import { request } from './client';

/** `GET /orgs`: the org tree within the caller's scope, nested. */
export function fetchOrgTree(): Promise<OrgTreeResponse> {
  return request<OrgTreeResponse>('/orgs');
}

/** Query keys of the org tree. */
export const orgKeys = { tree: ['orgs', 'tree'] as const };

/** The caller's org tree (shared by every picker on the screen). */
export function useOrgTree() {
  return useQuery({ queryKey: orgKeys.tree, queryFn: fetchOrgTree });
}
