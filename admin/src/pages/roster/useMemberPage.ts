/** Loads one page of the roster for an org subtree and its filters, newest request wins. */
import type { MemberStatus, MemberSummary, Page } from '@djzy/shared';
import { useCallback, useEffect, useState } from 'react';
import { listMembers } from '../../api/members';

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

/** The page for `orgId` and `filters`; `reload()` fetches it again (after an edit or import). */
export function useMemberPage(orgId: string | null, filters: MemberFilters) {
  const [data, setData] = useState<Page<MemberSummary>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    if (!orgId) return;
    // An answer to an older query (typing fast, switching orgs) must not overwrite a newer one.
    let live = true;
    setLoading(true);
    listMembers({
      orgId,
      q: filters.q.trim() || undefined,
      status: filters.status,
      mobile: filters.mobile || undefined,
      reveal: filters.reveal || undefined,
      page: filters.page,
      pageSize: filters.pageSize,
    })
      .then((page) => live && setData(page))
      .catch(() => undefined) // the wrapper has shown the message; keep the last page on screen
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [orgId, filters, tick]);

  return { data, loading, reload };
}
