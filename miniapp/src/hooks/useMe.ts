import type { MeResponse } from '@djzy/shared';
import { getMe } from '../services/me';
import { usePageData } from './usePageData';

export interface MeState {
  me: MeResponse | null;
  loading: boolean;
  /** The Chinese message of the last failure, if any. */
  error: string | null;
  reload: () => void;
}

/**
 * The signed-in member for a page: sends a signed-out visitor to the sign-in page, and fetches
 * `GET /me` each time the page shows (a 401 is handled by the request wrapper).
 */
export function useMe(): MeState {
  const { data: me, loading, error, reload } = usePageData(getMe);
  return { me, loading, error, reload };
}
