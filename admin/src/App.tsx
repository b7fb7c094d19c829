/** Root of the console: server state (TanStack Query), zh_CN locale, antd's App context, the session and the routes. */
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, useCallback, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { queryClient } from './api/query';
import { SessionProvider, useSession } from './auth/session';
import { useReducedMotion } from './hooks/useReducedMotion';
import { ConsoleLayout } from './layout/ConsoleLayout';
import { HOME_PATH } from './layout/home';
import { LoginPage } from './pages/LoginPage';
import { RosterPage } from './pages/roster/RosterPage';

dayjs.locale('zh-cn');

// The points screens load on first visit: the ranking's exceljs and the chart's ECharts are big
// and most sessions are about the roster.
const RulesPage = lazy(() => import('./pages/points/RulesPage').then((m) => ({ default: m.RulesPage })));
const RankingPage = lazy(() => import('./pages/points/RankingPage').then((m) => ({ default: m.RankingPage })));
const DistributionPage = lazy(() => import('./pages/points/DistributionPage').then((m) => ({ default: m.DistributionPage })));
const NoticesPage = lazy(() => import('./pages/points/NoticesPage').then((m) => ({ default: m.NoticesPage })));
// 组织生活: the QR page brings the qrcode library, loaded only when a code is projected.
const ActivitiesPage = lazy(() => import('./pages/activities/ActivitiesPage').then((m) => ({ default: m.ActivitiesPage })));
const ActivityDetailPage = lazy(() => import('./pages/activities/ActivityDetailPage').then((m) => ({ default: m.ActivityDetailPage })));
const CheckinQrPage = lazy(() => import('./pages/activities/CheckinQrPage').then((m) => ({ default: m.CheckinQrPage })));
const RectificationsPage = lazy(() => import('./pages/activities/RectificationsPage').then((m) => ({ default: m.RectificationsPage })));
const OrgLifePage = lazy(() => import('./pages/activities/OrgLifePage').then((m) => ({ default: m.OrgLifePage })));
// 流动党员: the ledger's exceljs and the distribution's ECharts load with these screens only.
const MobileMembersPage = lazy(() => import('./pages/mobility/MobileMembersPage').then((m) => ({ default: m.MobileMembersPage })));
const CadresPage = lazy(() => import('./pages/mobility/CadresPage').then((m) => ({ default: m.CadresPage })));
const DestinationsPage = lazy(() => import('./pages/mobility/DestinationsPage').then((m) => ({ default: m.DestinationsPage })));
// 学习教育: 党员小书包, 学习计划, 学习心得审核 and 学习完成情况.
const MaterialsPage = lazy(() => import('./pages/study/MaterialsPage').then((m) => ({ default: m.MaterialsPage })));
const PlansPage = lazy(() => import('./pages/study/PlansPage').then((m) => ({ default: m.PlansPage })));
const NotesReviewPage = lazy(() => import('./pages/study/NotesReviewPage').then((m) => ({ default: m.NotesReviewPage })));
const CompletionPage = lazy(() => import('./pages/study/CompletionPage').then((m) => ({ default: m.CompletionPage })));
// 监督整改: 问题清单 (its drawer and moves) and the 投诉建议 inbox.
const ProblemsPage = lazy(() => import('./pages/problems/ProblemsPage').then((m) => ({ default: m.ProblemsPage })));
const FeedbackPage = lazy(() => import('./pages/problems/FeedbackPage').then((m) => ({ default: m.FeedbackPage })));
// 督查通报, 专项检查, 约谈 and 责任清单.
const InspectionNoticesPage = lazy(() => import('./pages/oversight/NoticesPage').then((m) => ({ default: m.NoticesPage })));
const InspectionsPage = lazy(() => import('./pages/oversight/InspectionsPage').then((m) => ({ default: m.InspectionsPage })));
const InterviewsPage = lazy(() => import('./pages/oversight/InterviewsPage').then((m) => ({ default: m.InterviewsPage })));
// 三务公开: the console's page, its 公开码 print page, and the villagers' public page (no sign-in).
const DisclosuresPage = lazy(() => import('./pages/disclosures/DisclosuresPage').then((m) => ({ default: m.DisclosuresPage })));
const DisclosureQrPage = lazy(() => import('./pages/disclosures/DisclosureQrPage').then((m) => ({ default: m.DisclosureQrPage })));
const PublicVillagePage = lazy(() => import('./pages/disclosures/PublicVillagePage').then((m) => ({ default: m.PublicVillagePage })));
const DeedsPage = lazy(() => import('./pages/service/DeedsPage').then((m) => ({ default: m.DeedsPage })));
const ServiceRequestsPage = lazy(() => import('./pages/service/ServiceRequestsPage').then((m) => ({ default: m.ServiceRequestsPage })));
const LiaisonsPage = lazy(() => import('./pages/service/LiaisonsPage').then((m) => ({ default: m.LiaisonsPage })));
const ResponsibilityPage = lazy(() => import('./pages/oversight/ResponsibilityPage').then((m) => ({ default: m.ResponsibilityPage })));
// 述职考核: the yearly 述职报告 and the 党建总览 dashboard (ECharts).
const AnnualReportPage = lazy(() => import('./pages/report/AnnualReportPage').then((m) => ({ default: m.AnnualReportPage })));
const OverviewPage = lazy(() => import('./pages/report/OverviewPage').then((m) => ({ default: m.OverviewPage })));
// 述职评议 (with its print page of QR 测评票) and 百分制考核.
const ReviewPage = lazy(() => import('./pages/report/ReviewPage').then((m) => ({ default: m.ReviewPage })));
const BallotSlipsPage = lazy(() => import('./pages/report/BallotSlipsPage').then((m) => ({ default: m.BallotSlipsPage })));
const AssessmentPage = lazy(() => import('./pages/report/AssessmentPage').then((m) => ({ default: m.AssessmentPage })));

const VisitsPage = lazy(() => import('./pages/records/VisitsPage').then((m) => ({ default: m.VisitsPage })));
const TalksPage = lazy(() => import('./pages/records/TalksPage').then((m) => ({ default: m.TalksPage })));
const SitesPage = lazy(() => import('./pages/records/SitesPage').then((m) => ({ default: m.SitesPage })));
const RatingsPage = lazy(() => import('./pages/records/RatingsPage').then((m) => ({ default: m.RatingsPage })));
const CommendationsPage = lazy(() => import('./pages/records/CommendationsPage').then((m) => ({ default: m.CommendationsPage })));
const DevelopmentPage = lazy(() => import('./pages/development/DevelopmentPage').then((m) => ({ default: m.DevelopmentPage })));
const ChecklistPrintPage = lazy(() => import('./pages/development/ChecklistPrintPage').then((m) => ({ default: m.ChecklistPrintPage })));
const PostsPage = lazy(() => import('./pages/records/PostsPage').then((m) => ({ default: m.PostsPage })));
const HardshipsPage = lazy(() => import('./pages/care/HardshipsPage').then((m) => ({ default: m.HardshipsPage })));
const CareVisitsPage = lazy(() => import('./pages/care/CareVisitsPage').then((m) => ({ default: m.CareVisitsPage })));
const DuesPage = lazy(() => import('./pages/care/DuesPage').then((m) => ({ default: m.DuesPage })));
const AppraisalPage = lazy(() => import('./pages/care/AppraisalPage').then((m) => ({ default: m.AppraisalPage })));
const TransfersPage = lazy(() => import('./pages/care/TransfersPage').then((m) => ({ default: m.TransfersPage })));
const MemberWarningsPage = lazy(() => import('./pages/care/MemberWarningsPage').then((m) => ({ default: m.MemberWarningsPage })));

/** The console application. */
export function App() {
  // A user who asked the system for less motion gets none: antd's dropdowns, drawers and dialogs
  // appear in place at once instead of sliding and zooming. (The browser tests ask for it too: a
  // dropdown whose opening animation has not ended is aligned again when it does — it jumps — and
  // a click landing in that moment presses on one element and releases on another.)
  const reducedMotion = useReducedMotion();
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#c8161d', motion: !reducedMotion } }}>
        <AntApp>
          <WithSession>
            <BrowserRouter basename="/console">
              <AppRoutes />
            </BrowserRouter>
          </WithSession>
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
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
      {/* The village's 三务公开 page for villagers: public, no sign-in, phone-sized. */}
      <Route path="/public/villages/:orgId" element={<Lazy page={<PublicVillagePage />} />} />
      <Route
        path="/disclosures/qr"
        element={
          <RequireUser>
            <Lazy page={<DisclosureQrPage />} />
          </RequireUser>
        }
      />
      {/* A case's 材料清单 to print: signed in, without the console's header and menu. */}
      <Route
        path="/development/cases/:id/print"
        element={
          <RequireUser>
            <Lazy page={<ChecklistPrintPage />} />
          </RequireUser>
        }
      />
      {/* A review session's ballot slips to print. */}
      <Route
        path="/report/review/:id/slips"
        element={
          <RequireUser>
            <Lazy page={<BallotSlipsPage />} />
          </RequireUser>
        }
      />
      {/* A 民主评议党员 round's 民主测评 slips to print. */}
      <Route
        path="/care/appraisal/:id/slips"
        element={
          <RequireUser>
            <Lazy page={<BallotSlipsPage kind="appraisal" />} />
          </RequireUser>
        }
      />
      {/* The projector page: signed in, but without the console's header and menu. */}
      <Route
        path="/activities/:id/qr"
        element={
          <RequireUser>
            <Lazy page={<CheckinQrPage />} />
          </RequireUser>
        }
      />
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
        <Route path="/activities" element={<Lazy page={<ActivitiesPage />} />} />
        <Route path="/activities/:id" element={<Lazy page={<ActivityDetailPage />} />} />
        <Route path="/rectifications" element={<Lazy page={<RectificationsPage />} />} />
        <Route path="/org-life" element={<Lazy page={<OrgLifePage />} />} />
        <Route path="/mobility/members" element={<Lazy page={<MobileMembersPage />} />} />
        <Route path="/mobility/cadres" element={<Lazy page={<CadresPage />} />} />
        <Route path="/mobility/destinations" element={<Lazy page={<DestinationsPage />} />} />
        <Route path="/study/materials" element={<Lazy page={<MaterialsPage />} />} />
        <Route path="/study/plans" element={<Lazy page={<PlansPage />} />} />
        <Route path="/study/notes" element={<Lazy page={<NotesReviewPage />} />} />
        <Route path="/study/completion" element={<Lazy page={<CompletionPage />} />} />
        <Route path="/problems" element={<Lazy page={<ProblemsPage />} />} />
        <Route path="/service/deeds" element={<Lazy page={<DeedsPage />} />} />
        <Route path="/service/requests" element={<Lazy page={<ServiceRequestsPage />} />} />
        <Route path="/service/liaisons" element={<Lazy page={<LiaisonsPage />} />} />
        <Route path="/feedback" element={<Lazy page={<FeedbackPage />} />} />
        <Route path="/oversight/notices" element={<Lazy page={<InspectionNoticesPage />} />} />
        <Route path="/oversight/inspections" element={<Lazy page={<InspectionsPage />} />} />
        <Route path="/oversight/interviews" element={<Lazy page={<InterviewsPage />} />} />
        <Route path="/oversight/responsibility" element={<Lazy page={<ResponsibilityPage />} />} />
        <Route path="/report/annual" element={<Lazy page={<AnnualReportPage />} />} />
        <Route path="/report/overview" element={<Lazy page={<OverviewPage />} />} />
        <Route path="/report/review" element={<Lazy page={<ReviewPage />} />} />
        <Route path="/report/assessment" element={<Lazy page={<AssessmentPage />} />} />
        <Route path="/records/visits" element={<Lazy page={<VisitsPage />} />} />
        <Route path="/records/talks" element={<Lazy page={<TalksPage />} />} />
        <Route path="/records/sites" element={<Lazy page={<SitesPage />} />} />
        <Route path="/records/ratings" element={<Lazy page={<RatingsPage />} />} />
        <Route path="/records/commendations" element={<Lazy page={<CommendationsPage />} />} />
        <Route path="/records/posts" element={<Lazy page={<PostsPage />} />} />
        <Route path="/development" element={<Lazy page={<DevelopmentPage />} />} />
        <Route path="/care/hardships" element={<Lazy page={<HardshipsPage />} />} />
        <Route path="/care/visits" element={<Lazy page={<CareVisitsPage />} />} />
        <Route path="/care/dues" element={<Lazy page={<DuesPage />} />} />
        <Route path="/care/appraisal" element={<Lazy page={<AppraisalPage />} />} />
        <Route path="/care/transfers" element={<Lazy page={<TransfersPage />} />} />
        <Route path="/care/warnings" element={<Lazy page={<MemberWarningsPage />} />} />
        <Route path="/disclosures" element={<Lazy page={<DisclosuresPage />} />} />
        <Route path="*" element={<Navigate to={HOME_PATH} replace />} />
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
