import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import type { MeResponse } from '@djzy/shared';
import { getMe } from '../services/me';
import { ensureSignedIn } from '../services/session';

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
  const [me, setMe] = useState<MeResponse | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = () => {
    if (!ensureSignedIn()) return;
    setLoading(true);
    getMe()
      .then((m) => {
        setMe(m);
        setError(null);
      })
      .catch((e: Error) => setError(e.message))
      .finally(() => setLoading(false));
  };

  useDidShow(load);
  return { me, loading, error, reload: load };
}
