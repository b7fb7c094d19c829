/** Org tree calls. */
import type { OrgTreeResponse } from '@djzy/shared';
import { request } from './client';

/** `GET /orgs`: the org tree within the caller's scope, nested. */
export function fetchOrgTree(): Promise<OrgTreeResponse> {
  return request<OrgTreeResponse>('/orgs');
}
