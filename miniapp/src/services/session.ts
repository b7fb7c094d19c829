import Taro from '@tarojs/taro';
import { ROUTES } from '../routes';

const TOKEN_KEY = 'djzy.token';

/** The bearer token of the signed-in member, or '' when signed out. */
export function getToken(): string {
  try {
    return (Taro.getStorageSync(TOKEN_KEY) as string) || '';
  } catch {
    return '';
  }
}

export function setToken(token: string): void {
  Taro.setStorageSync(TOKEN_KEY, token);
}

export function clearToken(): void {
  try {
    Taro.removeStorageSync(TOKEN_KEY);
  } catch {
    /* storage unavailable: nothing to clear */
  }
}

export function isSignedIn(): boolean {
  return getToken() !== '';
}

const RETURN_KEY = 'djzy.returnTo';
/** How long a page asked to be come back to stays wanted (a sign-in takes a minute or two at most). */
const RETURN_TTL_MS = 10 * 60_000;

/** Remembers the page (route with its query) to open once the member has signed in. */
export function rememberReturn(url: string): void {
  try {
    Taro.setStorageSync(RETURN_KEY, { url, at: Date.now() });
  } catch {
    /* storage unavailable: the member lands on 首页 instead */
  }
}

/** The page to open after signing in (and forgets it), or '' for 首页. */
export function takeReturn(): string {
  try {
    const saved = Taro.getStorageSync(RETURN_KEY) as { url?: string; at?: number } | '';
    Taro.removeStorageSync(RETURN_KEY);
    if (saved && typeof saved.url === 'string' && Date.now() - (saved.at ?? 0) < RETURN_TTL_MS) return saved.url;
  } catch {
    /* nothing saved */
  }
  return '';
}

/** After sign-in: back to the page that asked for it (`ensureSignedIn(returnTo)`), else 首页. */
export function goAfterSignIn(): void {
  const url = takeReturn();
  if (url) Taro.reLaunch({ url }).catch(() => Taro.switchTab({ url: ROUTES.home }));
  else Taro.switchTab({ url: ROUTES.home });
}

/**
 * True when signed in; otherwise off to the sign-in page (what a page checks first on load).
 * `returnTo` (a route with its query) is opened again once the member has signed in.
 */
export function ensureSignedIn(returnTo?: string): boolean {
  if (isSignedIn()) return true;
  if (returnTo) rememberReturn(returnTo);
  Taro.reLaunch({ url: ROUTES.login }).catch(() => undefined);
  return false;
}
