import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import type { AuthOptionsResponse } from '@djzy/shared';
import { ROUTES } from '../../routes';
import { devLogin, getAuthOptions, wechatLogin } from '../../services/auth';
import { goAfterSignIn, setToken } from '../../services/session';
import './index.scss';

type DemoAccount = NonNullable<AuthOptionsResponse['demoAccounts']>[number];

const IS_H5 = process.env.TARO_ENV === 'h5';

/** Sign-in: WeChat login in the mini-program, and demo sign-in in the browser or in demo mode. */
export default function LoginPage() {
  const [options, setOptions] = useState<AuthOptionsResponse | null>(null);
  const [busy, setBusy] = useState(false);

  useLoad(() => {
    getAuthOptions({ silent: true })
      .then(setOptions)
      .catch(() => setOptions({ demoMode: false }));
  });

  const signedIn = (token: string) => {
    setToken(token);
    goAfterSignIn();
  };

  const onWechatLogin = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const { code } = await Taro.login();
      const res = await wechatLogin(code);
      if ('token' in res) {
        signedIn(res.token);
      } else {
        Taro.navigateTo({ url: `${ROUTES.bind}?ticket=${encodeURIComponent(res.bindTicket)}` });
      }
    } catch {
      // the request wrapper has shown the message; Taro.login failures are rare and retried by tapping again
    } finally {
      setBusy(false);
    }
  };

  const onDemoLogin = async (account: DemoAccount) => {
    if (busy) return;
    setBusy(true);
    try {
      const res = await devLogin({ memberId: account.memberId });
      signedIn(res.token);
    } catch {
      // shown by the request wrapper
    } finally {
      setBusy(false);
    }
  };

  const showDemo = IS_H5 || options?.demoMode === true;
  // The mini-program is the members' app: console accounts (username only) sign in on the console.
  const accounts = (options?.demoAccounts ?? []).filter((a) => a.memberId);

  return (
    <View className="page login">
      <View className="login-head">
        <Text className="login-title">党建智慧云</Text>
        <Text className="login-sub">党员活动、学习、联系，一个小程序就够了</Text>
      </View>

      {!IS_H5 && (
        <Button id="wechat-login" className="btn-primary" loading={busy} disabled={busy ? true : undefined} onClick={onWechatLogin}>
          微信一键登录
        </Button>
      )}
      {IS_H5 && <View className="muted login-note">正式使用请在微信中打开“党建智慧云”小程序。</View>}

      {showDemo && (
        <View className="card demo" id="demo-login">
          <View className="card-title">演示登录</View>
          {options === null && <View className="muted">正在加载演示账号…</View>}
          {options !== null && accounts.length === 0 && (
            <View className="muted" id="demo-unavailable">
              演示登录未开启
            </View>
          )}
          {accounts.map((a, i) => (
            <Button
              key={a.memberId}
              id={`demo-${i}`}
              className="btn-secondary demo-account"
              disabled={busy ? true : undefined}
              onClick={() => onDemoLogin(a)}
            >
              {a.label}
            </Button>
          ))}
        </View>
      )}

      <View className="muted login-foot">登录即表示您同意本小程序按《隐私保护指引》处理必要的个人信息。</View>
    </View>
  );
}
