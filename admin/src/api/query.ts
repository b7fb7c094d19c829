/**
 * The console's one TanStack Query client. Errors are shown by the request wrapper (once, as the
 * server's Chinese message), so queries do not retry; every screen loads fresh when it opens
 * (gcTime 0), as it did before, and a save invalidates what it changed.
 */
import type { Page } from '@djzy/shared';
import { keepPreviousData, QueryClient, useQuery, type QueryKey } from '@tanstack/react-query';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false, gcTime: 0 },
    mutations: { retry: false },
  },
});

/**
 * One page of a list for `query` (null: not asked yet); the last page stays on screen while the
 * next one loads, so paging and filtering do not blank the table.
 */
export function usePageQuery<Q, T>(key: (query: Q) => QueryKey, fetch: (query: Q) => Promise<Page<T>>, query: Q | null) {
  return useQuery({
    queryKey: query === null ? [...key({} as Q), 'off'] : key(query),
    queryFn: () => fetch(query as Q),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

/** What `fetch` answers for `arg` (null: nothing chosen yet, nothing fetched). */
export function useQueryFor<A, T>(key: (arg: A) => QueryKey, fetch: (arg: A) => Promise<T>, arg: A | null) {
  return useQuery({
    queryKey: arg === null ? ['off', ...key('' as A)] : key(arg),
    queryFn: () => fetch(arg as A),
    enabled: arg !== null,
  });
}
