/**
 * The signed-in console user, kept in React context. The token itself lives in localStorage
 * (through api/client) so a reload keeps the session; the user is fetched again with GET /me.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AdminLoginResponse, MeResponse, Role } from '@djzy/shared';
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
  const [user, setUser] = useState<MeResponse | null>(null);
  const [restoring, setRestoring] = useState(() => !!getToken());

  const signOut = useCallback(() => {
    setToken(null);
    setUser(null);
  }, []);

  // Dropping the user is enough: the route guard sends a signed-out visitor to the login screen.
  useEffect(() => configureClient({ showError, unauthorized: signOut }), [showError, signOut]);

  useEffect(() => {
    if (!getToken()) return;
    let live = true;
    fetchMe()
      .then((me) => live && setUser(me))
      .catch(() => live && signOut())
      .finally(() => live && setRestoring(false));
    return () => {
      live = false;
    };
  }, [signOut]);

  const signIn = useCallback((res: AdminLoginResponse) => {
    setToken(res.token);
    setUser(res.user);
    setRestoring(false);
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
