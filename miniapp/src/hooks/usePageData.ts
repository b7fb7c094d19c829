import { useState } from 'react';
import { useDidShow, useLoad } from '@tarojs/taro';
import { ensureSignedIn } from '../services/session';

export interface PageData<T> {
  /** The last answer (kept while a new request is under way or after it fails). */
  data: T | null;
  /** The Chinese message of the last failure; null after a success. */
  error: string | null;
  /** True from the first request until it settles, and again during each reload. */
  loading: boolean;
  /** Asks again (after the sign-in guard), as when the page shows. */
  reload: () => void;
}

/**
 * What a page shows from the API: sends a signed-out visitor to the sign-in page, otherwise calls
 * `fetch` each time the page shows (`when = 'show'`: coming back shows what moved meanwhile) or once
 * when it opens (`'load'`). `fetch` may return null when there is nothing to ask for (a missing id).
 */
export function usePageData<T>(fetch: () => Promise<T> | null, when: 'show' | 'load' = 'show'): PageData<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const reload = () => {
    if (!ensureSignedIn()) return;
    const pending = fetch();
    if (!pending) return;
    setLoading(true);
    pending
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e: Error) => setError(e.message))
      .finally(() => setLoading(false));
  };

  useLoad(() => {
    if (when === 'load') reload();
  });
  useDidShow(() => {
    if (when === 'show') reload();
  });
  return { data, error, loading, reload };
}
