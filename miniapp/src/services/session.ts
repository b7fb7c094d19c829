import Taro from '@tarojs/taro';

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
