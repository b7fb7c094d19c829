/** Root of the console: zh_CN locale, antd's App context, the session and the routes. */
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useCallback, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { SessionProvider, useSession } from './auth/session';
import { ConsoleLayout } from './layout/ConsoleLayout';
import { LoginPage } from './pages/LoginPage';
import { RosterPage } from './pages/roster/RosterPage';

dayjs.locale('zh-cn');

/** The console application. */
export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#c8161d' } }}>
      <AntApp>
        <WithSession>
          <BrowserRouter basename="/console">
            <AppRoutes />
          </BrowserRouter>
        </WithSession>
      </AntApp>
    </ConfigProvider>
  );
}

// antd's message API must come from App.useApp() to follow the theme and locale, so the session
// (which wires the request wrapper) sits inside <AntApp>.
function WithSession(props: { children: ReactNode }) {
  const { message } = AntApp.useApp();
  const showError = useCallback((text: string) => void message.error(text), [message]);
  return <SessionProvider showError={showError}>{props.children}</SessionProvider>;
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireUser>
            <ConsoleLayout />
          </RequireUser>
        }
      >
        <Route path="/roster" element={<RosterPage />} />
        <Route path="*" element={<Navigate to="/roster" replace />} />
      </Route>
    </Routes>
  );
}

function RequireUser(props: { children: ReactNode }) {
  const { user, restoring } = useSession();
  const location = useLocation();
  if (restoring) return <Spin fullscreen description="正在加载…" />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <>{props.children}</>;
}
