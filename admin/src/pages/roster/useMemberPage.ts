/** Loads one page of the roster for an org subtree and its filters, newest request wins. */
import type { MemberStatus } from '@djzy/shared';
import { EMPTY_PAGE } from '../../api/client';
import { useMembers } from '../../api/members';

/** The list filters a user sets on the roster screen. */
export interface MemberFilters {
  q: string;
  status?: MemberStatus;
  mobile: boolean;
  /** Full phone and ID number (admins only; the server audits each such query). */
  reveal: boolean;
  page: number;
  pageSize: number;
}

export const INITIAL_FILTERS: MemberFilters = { q: '', mobile: false, reveal: false, page: 1, pageSize: 20 };

/** The page for `orgId` and `filters` (the last page stays on screen while the next loads). */
export function useMemberPage(orgId: string | null, filters: MemberFilters) {
  const page = useMembers(
    orgId
      ? {
          orgId,
          q: filters.q.trim() || undefined,
          status: filters.status,
          mobile: filters.mobile || undefined,
          reveal: filters.reveal || undefined,
          page: filters.page,
          pageSize: filters.pageSize,
        }
      : null,
  );
  return { data: page.data ?? EMPTY_PAGE, loading: page.isFetching };
}
