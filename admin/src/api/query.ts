/**
 * The console's one TanStack Query client. Errors are shown by the request wrapper (once, as the
 * server's Chinese message), so queries do not retry; every screen loads fresh when it opens
 * (gcTime 0), as it did before, and a save invalidates what it changed.
 */
import { QueryClient } from '@tanstack/react-query';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false, gcTime: 0 },
    mutations: { retry: false },
  },
});
