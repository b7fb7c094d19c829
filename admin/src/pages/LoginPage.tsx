/** 登录: username and password against POST /auth/admin, with the demo hint in demo mode. */
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError, type AuthOptionsResponse, LIMITS } from '@djzy/shared';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { adminLogin, useAuthOptions } from '../api/auth';
import { useSession } from '../auth/session';
import { HOME_PATH } from '../layout/home';

interface LoginForm {
  username: string;
  password: string;
}

/** The sign-in screen. */
export function LoginPage() {
  const { user, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const login = useMutation({ mutationFn: adminLogin });
  // The hint is a convenience: without it the form still works, so failures stay quiet.
  const options = useAuthOptions().data ?? null;

  if (user) return <Navigate to={HOME_PATH} replace />;

  const onFinish = async (values: LoginForm) => {
    setError(null);
    try {
      const res = await login.mutateAsync({
        username: values.username.trim(),
        password: values.password,
      });
      signIn(res);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/login' ? from : HOME_PATH, { replace: true });
    } catch (err) {
      // BAD_CREDENTIALS, RATE_LIMITED and the rest all carry the server's Chinese message.
      setError(err instanceof ApiError ? err.message : '登录失败，请稍后再试');
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#f5f5f5',
      }}
    >
      <Card style={{ width: 380 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', color: '#c8161d' }}>
          党建智慧云
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          管理后台登录
        </Typography.Paragraph>
        {options?.demoMode && <DemoHint options={options} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" placeholder="用户名" id="login-username" maxLength={LIMITS.username} />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              placeholder="密码"
              id="login-password"
              maxLength={LIMITS.password}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}

function DemoHint(props: { options: AuthOptionsResponse }) {
  // Other console accounts of the demo county (branch secretaries, township admins).
  const users = (props.options.demoAccounts ?? []).filter((a) => a.username && a.username !== 'admin');
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title="演示模式"
      description={
        <>
          演示管理员账号为 <b>admin</b>，密码见 <code>npm start</code> 启动时的输出。
          {users.length > 0 && (
            <div>
              其他演示账号：
              {users.map((a) => (a.label.includes(a.username!) ? a.label : `${a.label}（${a.username}）`)).join('、')}
            </div>
          )}
        </>
      }
    />
  );
}
