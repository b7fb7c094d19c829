import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { ApiError, LIMITS } from '@djzy/shared';
import { ROUTES } from '../../routes';
import { bindMember } from '../../services/auth';
import { goAfterSignIn, setToken } from '../../services/session';
import { decodeParam } from '../../utils/params';
import TextBox, { Field } from '../../components/TextBox';

/** 身份证号后六位: five digits, then a digit or X (the server checks the same pattern). */
const LAST6 = /^\d{5}[\dX]$/;
const LAST6_LENGTH = 6;
/** Errors after which this ticket is useless: the member must sign in again. */
const RESTART_CODES = ['BIND_TICKET_INVALID', 'BIND_TOO_MANY_ATTEMPTS'];

/** First sign-in: ties this WeChat account to the member's roster entry. */
export default function BindPage() {
  const { params } = useRouter();
  const ticket = decodeParam(params.ticket);
  const [name, setName] = useState('');
  const [last6, setLast6] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(ticket ? null : '绑定凭证缺失，请返回重新登录');
  const [mustRestart, setMustRestart] = useState(!ticket);

  const onSubmit = async () => {
    if (busy) return;
    const n = name.trim();
    const id6 = last6.trim().toUpperCase();
    if (!n) return setError('请输入您的姓名');
    if (!LAST6.test(id6)) return setError('请输入身份证号的后六位（最后一位可能是 X）');
    setBusy(true);
    setError(null);
    try {
      const res = await bindMember({ bindTicket: ticket, name: n, idCardLast6: id6 }, { silent: true });
      setToken(res.token);
      goAfterSignIn();
    } catch (e) {
      const err = e as ApiError;
      setError(err.message);
      if (err instanceof ApiError && RESTART_CODES.includes(err.code)) setMustRestart(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page bind">
      <View className="card">
        <View className="card-title">核对党员身份</View>
        <Text className="muted">首次使用请填写姓名和身份证号后六位，与党员名册核对一致后即可登录。</Text>
      </View>

      <Field label="姓名">
        <TextBox id="bind-name" placeholder="请输入姓名" value={name} maxlength={LIMITS.personName} onChange={setName} />
      </Field>
      <Field label="身份证号后六位">
        <TextBox id="bind-last6" type="idcard" placeholder="例如 12345X" value={last6} maxlength={LAST6_LENGTH} onChange={setLast6} />
      </Field>

      {error && (
        <View id="bind-error" className="error-text">
          {error}
        </View>
      )}

      {mustRestart ? (
        <Button id="bind-restart" className="btn-primary" onClick={() => Taro.reLaunch({ url: ROUTES.login })}>
          重新登录
        </Button>
      ) : (
        <Button id="bind-submit" className="btn-primary" loading={busy} disabled={busy ? true : undefined} onClick={onSubmit}>
          确认绑定
        </Button>
      )}
      <View className="muted">信息不一致或名册中没有您，请联系所在支部书记。</View>
    </View>
  );
}
