import Taro from '@tarojs/taro';

/** One tap to call (the phone's own dialer asks to confirm). */
export function call(phone: string | null | undefined): void {
  if (!phone) {
    Taro.showToast({ title: '没有登记手机号', icon: 'none' }).catch(() => undefined);
    return;
  }
  Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined);
}
