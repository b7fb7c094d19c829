/** Root of the console: zh_CN locale, antd's App context, the session and the routes. */
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, useCallback, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { SessionProvider, useSession } from './auth/session';
import { ConsoleLayout } from './layout/ConsoleLayout';
import { LoginPage } from './pages/LoginPage';
import { RosterPage } from './pages/roster/RosterPage';

dayjs.locale('zh-cn');

// The points screens load on first visit: the ranking's exceljs and the chart's ECharts are big
// and most sessions are about the roster.
const RulesPage = lazy(() => import('./pages/points/RulesPage').then((m) => ({ default: m.RulesPage })));
const RankingPage = lazy(() => import('./pages/points/RankingPage').then((m) => ({ default: m.RankingPage })));
const DistributionPage = lazy(() => import('./pages/points/DistributionPage').then((m) => ({ default: m.DistributionPage })));
const NoticesPage = lazy(() => import('./pages/points/NoticesPage').then((m) => ({ default: m.NoticesPage })));

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
        <Route path="/points/rules" element={<Lazy page={<RulesPage />} />} />
        <Route path="/points/ranking" element={<Lazy page={<RankingPage />} />} />
        <Route path="/points/distribution" element={<Lazy page={<DistributionPage />} />} />
        <Route path="/points/notices" element={<Lazy page={<NoticesPage />} />} />
        <Route path="*" element={<Navigate to="/roster" replace />} />
      </Route>
    </Routes>
  );
}

function Lazy(props: { page: ReactNode }) {
  return <Suspense fallback={<Spin style={{ display: 'block', marginTop: 80 }} />}>{props.page}</Suspense>;
}

function RequireUser(props: { children: ReactNode }) {
  const { user, restoring } = useSession();
  const location = useLocation();
  if (restoring) return <Spin fullscreen description="正在加载…" />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <>{props.children}</>;
}
