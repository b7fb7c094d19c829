/**
 * The signed-in console user, kept in React context. The token itself lives in localStorage
 * (through api/client) so a reload keeps the session; the user is fetched again with GET /me
 * (a query: the request wrapper shows its error and handles a 401).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AdminLoginResponse, MeResponse, Role } from '@djzy/shared';
import { useQuery } from '@tanstack/react-query';
import { fetchMe } from '../api/auth';
import { configureClient, getToken, setToken } from '../api/client';

interface SessionValue {
  user: MeResponse | null;
  /** True while a stored token is being checked with GET /me. */
  restoring: boolean;
  signIn(res: AdminLoginResponse): void;
  signOut(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Provides the session and connects the request wrapper's error toast and 401 handling. */
export function SessionProvider(props: { showError: (text: string) => void; children: ReactNode }) {
  const { showError } = props;
  // A token stored by an earlier visit is checked once with GET /me; a failure ends that session.
  const [storedToken] = useState(() => !!getToken());
  const me = useQuery({
    queryKey: ['me'] as const,
    queryFn: () =>
      fetchMe().catch((e: unknown) => {
        setToken(null);
        throw e;
      }),
    enabled: storedToken,
    staleTime: Infinity,
    gcTime: Infinity,
  });
  // Set by signing in or out here; until then the user is the one the stored token stands for.
  const [signed, setSigned] = useState<{ user: MeResponse | null } | null>(null);
  const user = signed ? signed.user : (me.data ?? null);
  const restoring = !signed && storedToken && me.isPending;

  const signOut = useCallback(() => {
    setToken(null);
    setSigned({ user: null });
  }, []);

  // Dropping the user is enough: the route guard sends a signed-out visitor to the login screen.
  useEffect(() => configureClient({ showError, unauthorized: signOut }), [showError, signOut]);

  const signIn = useCallback((res: AdminLoginResponse) => {
    setToken(res.token);
    setSigned({ user: res.user });
  }, []);

  const value = useMemo(() => ({ user, restoring, signIn, signOut }), [user, restoring, signIn, signOut]);
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}

/** The current session; only valid under SessionProvider. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** True when the user holds the role on any org. */
export function hasRole(user: MeResponse | null, role: Role): boolean {
  return !!user?.roles.some((r) => r.role === role);
}
