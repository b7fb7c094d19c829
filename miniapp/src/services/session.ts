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

/** True when signed in; otherwise off to the sign-in page (what a page checks first on load). */
export function ensureSignedIn(): boolean {
  if (isSignedIn()) return true;
  Taro.reLaunch({ url: ROUTES.login }).catch(() => undefined);
  return false;
}
