/**
 * WeChat's privacy guide: when a privacy-relevant API (location) is first called, WeChat asks the
 * app to show its own dialog; we open the privacy page, which resolves the pending request.
 */
import Taro from '@tarojs/taro';
import { ROUTES } from '../routes';

type PrivacyResolve = (result: Taro.onNeedPrivacyAuthorization.ResolveOption) => void;

let pending: PrivacyResolve | null = null;

/** Registers the privacy listener (mini-program only; a no-op on H5 and on old base libraries). */
export function installPrivacyHandler(): void {
  if (process.env.TARO_ENV !== 'weapp') return;
  // Taro proxies what the base library has: an old one has no privacy API (and needs none).
  if (typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    pending = resolve;
    Taro.navigateTo({ url: ROUTES.privacy }).catch(() => {
      // Could not show our page: let WeChat decline rather than hang the call.
      answerPrivacy('disagree');
    });
  });
}

/** Answers the pending privacy request (from the privacy page's buttons). */
export function answerPrivacy(event: 'agree' | 'disagree', buttonId?: string): void {
  const resolve = pending;
  pending = null;
  resolve?.(event === 'agree' ? { event, buttonId } : { event });
}

export function hasPendingPrivacyRequest(): boolean {
  return pending !== null;
}
