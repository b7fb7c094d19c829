/**
 * `createApp` builds the Koa application without listening, so tests, the CLI and `main.ts`
 * share one wiring: middleware order, services and routes.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import cors from '@koa/cors';
import send from 'koa-send';
import type { DataSource } from 'typeorm';
import { API_BASE_PATH, ERRORS } from '@djzy/shared';
import type { Config } from './config';
import { FieldCipher } from './core/crypto';
import { AppError } from './core/errors';
import { errorMiddleware, type AppContext, type AppState } from './core/http';
import type { Logger } from './core/logger';
import { MemoryBus, type Bus } from './core/bus';
import { MemoryRateLimiter, type RateLimiter } from './core/rate-limit';
import { LocalDiskStorage, type Storage } from './core/storage';
import { TokenService } from './core/tokens';
import { ActivityAccess, ActivityRecordService, ActivityService, activityRecordRoutes, activityRoutes } from './modules/activity';
import {
  AuthService,
  PrincipalLoader,
  RoleDirectory,
  RoleGrantService,
  authRoutes,
  roleGrantRoutes,
  type WechatSessionApi,
} from './modules/auth';
import { AttendanceService, CheckinService, CheckinTokens, checkinRoutes, type QrCodeDrawer } from './modules/checkin';
import { DisclosureScheduleService, DisclosureService, disclosureRoutes } from './modules/disclosure';
import { FollowUpService, followUpRoutes } from './modules/followup';
import { healthRoutes } from './modules/health';
import { MemberService, RosterService, memberRoutes } from './modules/member';
import { MobilityService, mobilityRoutes } from './modules/mobility';
import { NotificationService, type SubscribeSender } from './modules/notification';
import { OrgService } from './modules/org';
import { PointsService, forgetRule, pointsRoutes } from './modules/points';
import { RecordsImport, RecordsService, recordsRoutes } from './modules/records';
import { CareService, careRoutes } from './modules/care';
import { AppraisalService, MemberRecordsService, appraisalRoutes } from './modules/appraisal';
import { DuesService, duesRoutes } from './modules/dues';
import { IncomingTransferService, TransferService, transferRoutes } from './modules/transfer';
import { FeedbackService, OversightService, ProblemService, ResponsibilityService, problemRoutes } from './modules/problem';
import { ReportService, reportRoutes } from './modules/report';
import { DevelopmentImport, DevelopmentService, developmentRoutes } from './modules/development';
import { AssessmentService, ReviewService, reviewRoutes } from './modules/review';
import { DeedService, LiaisonService, ServiceRequestService, serviceRoutes } from './modules/service';
import { StudyFileService, StudyPlanService, StudyProgress, StudyService, studyRoutes, type ContentChecker } from './modules/study';

export interface AppDeps {
  config: Config;
  dataSource: DataSource;
  logger: Logger;
  wechat: WechatSessionApi & SubscribeSender & ContentChecker & QrCodeDrawer;
  /** Rate limits and lockouts: in memory by default, Redis-backed with several API processes. */
  limiter?: RateLimiter;
  /** Cache invalidation between API processes (in memory by default). */
  bus?: Bus;
  storage?: Storage;
  now?: () => Date;
}

/** The services, built once per app; exposed for tests and scripts that need them directly. */
export function createServices(deps: AppDeps) {
  const { config, dataSource: ds } = deps;
  const cipher = new FieldCipher(config.dataKey);
  const tokens = new TokenService(config.jwtSecret, config.tokenTtlSeconds);
  const limiter = deps.limiter ?? new MemoryRateLimiter();
  const now = deps.now;
  // Lower modules first: org ← member ← auth; points, notifications and study below activities;
  // check-in and attendance on top (see server/README.md for the walls between them).
  const orgs = new OrgService(ds);
  const members = new MemberService(ds, orgs, cipher, now);
  const directory = members.directory;
  const roster = new RosterService(ds, orgs, cipher, now);
  const loader = new PrincipalLoader(ds, directory, config.principalCacheMs);
  const auth = new AuthService(ds, cipher, tokens, deps.wechat, loader, orgs, directory, limiter, { demoMode: config.demoMode, now });
  const bus = deps.bus ?? new MemoryBus();
  const points = new PointsService(ds, orgs, directory, now, bus);
  const notifications = new NotificationService(
    ds,
    directory,
    deps.wechat,
    { activity: config.wechat.templateActivity, contact: config.wechat.templateContact, task: config.wechat.templateTask },
    now,
  );
  const storage = deps.storage ?? new LocalDiskStorage(config.uploadDir);
  const studyFiles = new StudyFileService(ds, storage, config.jwtSecret, API_BASE_PATH, now);
  const studyPlans = new StudyPlanService(ds, orgs, directory, now);
  const study = new StudyService(ds, orgs, directory, deps.wechat, studyFiles, studyPlans, now);
  const progress = new StudyProgress(ds);
  const roles = new RoleDirectory(ds);
  const access = new ActivityAccess(ds, orgs, directory, roles);
  const followUp = new FollowUpService(ds, orgs, directory, access, now);
  const checkins = new CheckinService(
    ds,
    access,
    directory,
    progress,
    study,
    new CheckinTokens(config.jwtSecret),
    config.jwtSecret,
    limiter,
    deps.wechat,
    now,
  );
  const attendance = new AttendanceService(ds, access, directory, checkins, followUp, { absenceThreshold: config.absenceThreshold, now });
  const activities = new ActivityService(ds, orgs, access, directory, progress, study, attendance, notifications, now);
  // A published or cancelled activity, a changed points rule: every process drops its cached copy.
  activities.onChange((id) => bus.publish('activity', id));
  bus.subscribe('activity', (id) => checkins.forget(id));
  bus.subscribe('points-rule', (code) => forgetRule(code));
  // A post granted or ended: every process drops the holder's cached roles.
  bus.subscribe('principal', (id) => loader.forget(id));
  const roleGrants = new RoleGrantService(ds, orgs, directory, bus, now);
  const reportRecords = new RecordsService(ds, orgs, directory, { now });
  const recordImports = new RecordsImport(ds, reportRecords);
  const records = new ActivityRecordService(ds, access, storage, config.jwtSecret, API_BASE_PATH, now);
  const mobility = new MobilityService(ds, orgs, directory, roles, cipher, notifications, { ...config.mobility, now });
  const problems = new ProblemService(ds, orgs, directory, access, mobility, notifications, { now });
  const feedback = new FeedbackService(ds, orgs, directory, problems, cipher, limiter, { replyDays: config.feedbackReplyDays, now });
  const oversight = new OversightService(ds, orgs, directory, problems, followUp, mobility, {
    interviewOverdueDays: config.interviewOverdueDays,
    now,
  });
  const responsibility = new ResponsibilityService(ds, orgs, directory, now);
  const reports = new ReportService(ds, orgs, followUp, mobility, now);
  const disclosureSchedules = new DisclosureScheduleService(ds, orgs, problems, { now });
  const disclosures = new DisclosureService(ds, orgs, disclosureSchedules, feedback, deps.wechat, limiter, storage, {
    now,
    publicFeedbackPerHour: config.publicFeedbackPerHour,
    publicCheckOpenid: config.publicCheckOpenid,
  });
  // 为群众办实事, 便民服务, 联村联片联户 (a feedback becomes a deed through FeedbackService).
  const deeds = new DeedService(ds, orgs, directory, now);
  const serviceRequests = new ServiceRequestService(ds, orgs, directory, deeds, feedback, cipher, now);
  const liaisons = new LiaisonService(ds, orgs, directory, deeds, serviceRequests, now);
  // 发展党员: the roster follows each case (MemberService.enrolApplicant / setStanding).
  const development = new DevelopmentService(ds, orgs, members, directory, cipher, now);
  const developmentImports = new DevelopmentImport(ds, development);
  // The members' year: 慰问困难党员.
  const care = new CareService(ds, orgs, directory, { now });
  const dues = new DuesService(ds, orgs, directory, { now });
  const memberRecords = new MemberRecordsService(orgs, directory, attendance, dues, mobility, { now });
  const appraisal = new AppraisalService(ds, orgs, directory, access, {
    now,
    limiter,
    ballotsPerHour: config.ballotsPerHour,
    records: memberRecords,
  });
  const transfers = new TransferService(ds, orgs, directory, bus, notifications, { now });
  const incomingTransfers = new IncomingTransferService(ds, orgs, members, cipher, { now });
  // 述职评议 and 百分制考核: on top of the report engine, problems, follow-up, mobility and disclosures.
  const review = new ReviewService(ds, orgs, directory, access, roles, reports, problems, limiter, {
    now,
    ballotsPerHour: config.ballotsPerHour,
  });
  const assessments = new AssessmentService(ds, orgs, directory, roles, followUp, mobility, problems, disclosureSchedules, now);
  return {
    review,
    assessments,
    transfers,
    incomingTransfers,
    dues,
    care,
    appraisal,
    memberRecords,
    development,
    developmentImports,
    deeds,
    serviceRequests,
    liaisons,
    disclosures,
    disclosureSchedules,
    reports,
    roleGrants,
    reportRecords,
    recordImports,
    responsibility,
    problems,
    feedback,
    oversight,
    cipher,
    tokens,
    limiter,
    bus,
    loader,
    orgs,
    members,
    roster,
    auth,
    points,
    activities,
    checkins,
    attendance,
    records,
    followUp,
    notifications,
    mobility,
    study,
    studyFiles,
    studyPlans,
  };
}
export type Services = ReturnType<typeof createServices>;

/** Serves a built single-page app under a prefix, falling back to its index.html. */
function spa(prefix: string, dir: string) {
  return async (ctx: AppContext, next: Koa.Next) => {
    if (!ctx.path.startsWith(prefix) && ctx.path !== prefix.slice(0, -1)) return next();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path === prefix.slice(0, -1)) return ctx.redirect(prefix);
    if (!existsSync(path.join(dir, 'index.html'))) {
      ctx.status = 503;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = `尚未构建：${dir}（请先运行 npm start 或 npm run build）`;
      return;
    }
    const rel = decodeURIComponent(ctx.path.slice(prefix.length));
    const file = rel && existsSync(path.join(dir, rel)) && !rel.includes('..') ? rel : 'index.html';
    await send(ctx, file, { root: dir, maxage: file === 'index.html' ? 0 : 3600_000 });
  };
}

export function createApp(deps: AppDeps): { app: Koa<AppState>; services: Services; router: Router<AppState> } {
  const { config, logger } = deps;
  const services = createServices(deps);
  const app = new Koa<AppState>();
  app.proxy = config.trustProxy;

  // Request id and one structured log line per request: method, path, status, time — no query
  // string (it may hold a phone being searched) and no headers (they hold tokens).
  app.use(async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    ctx.state.requestId = /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    ctx.state.log = logger.child({ requestId: ctx.state.requestId });
    ctx.set('X-Request-Id', ctx.state.requestId);
    const start = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      ctx.state.log.info({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10 }, 'request');
    }
  });
  app.use(errorMiddleware);
  // CORS only concerns browsers asking across origins; the mini-program sends no Origin.
  const corsMiddleware = cors({
    origin: (ctx) => {
      const origin = ctx.get('Origin');
      if (config.corsOrigins === '*') return origin || '*';
      return config.corsOrigins.includes(origin) ? origin : '';
    },
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
    exposeHeaders: ['Retry-After', 'X-Request-Id', 'Content-Disposition'],
    maxAge: 600,
  });
  app.use((ctx, next) => {
    if (ctx.get('Origin')) return corsMiddleware(ctx, next);
    ctx.vary('Origin');
    return next();
  });
  app.use(spa('/console/', config.consoleDir));
  app.use(spa('/h5/', config.h5Dir));
  app.use(async (ctx, next) => {
    if (ctx.path === '/' && ctx.method === 'GET') return ctx.redirect('/console/');
    return next();
  });
  app.use(
    bodyParser({
      enableTypes: ['json'],
      jsonLimit: '1mb',
      encoding: 'utf-8',
    }),
  );

  // Authentication: a bearer token, when present, must be valid; routes that need a caller ask
  // for it with principalOf(), so public routes (health, sign-in) simply don't.
  app.use(async (ctx, next) => {
    const header = ctx.get('authorization');
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) throw new AppError('UNAUTHORIZED');
      ctx.state.principal = await services.loader.load(services.tokens.verify(m[1]));
    }
    await next();
  });

  const router = new Router<AppState>({ prefix: API_BASE_PATH });
  healthRoutes(router, deps.dataSource);
  authRoutes(router, services.auth, services.limiter, { perMinute: config.authRateLimitPerMinute, demoMode: config.demoMode });
  memberRoutes(router, services.members, services.roster);
  pointsRoutes(router, services.points);
  activityRoutes(router, services.activities);
  checkinRoutes(router, services.checkins, services.attendance);
  activityRecordRoutes(router, services.records);
  followUpRoutes(router, services.followUp);
  mobilityRoutes(router, services.mobility);
  studyRoutes(router, services.study, services.studyFiles, services.studyPlans);
  problemRoutes(router, services);
  reportRoutes(router, services.reports);
  roleGrantRoutes(router, services.roleGrants);
  recordsRoutes(router, services.reportRecords, services.recordImports);
  disclosureRoutes(router, services);
  developmentRoutes(router, services.development, services.developmentImports);
  serviceRoutes(router, { deeds: services.deeds, requests: services.serviceRequests, liaisons: services.liaisons });
  careRoutes(router, services.care);
  appraisalRoutes(router, services.appraisal, services.memberRecords);
  duesRoutes(router, services.dues);
  transferRoutes(router, services.transfers, services.incomingTransfers);
  reviewRoutes(router, { review: services.review, assessments: services.assessments });
  app.use(router.routes());
  app.use(async (ctx, next) => {
    await next();
    if (ctx.status === 404 && ctx.body == null) {
      ctx.status = 404;
      ctx.body = { error: { code: 'ROUTE_NOT_FOUND', message: ERRORS.ROUTE_NOT_FOUND.message } };
    }
  });
  app.use(
    router.allowedMethods({
      throw: true,
      methodNotAllowed: () => new AppError('METHOD_NOT_ALLOWED'),
      notImplemented: () => new AppError('METHOD_NOT_ALLOWED'),
    }),
  );
  return { app, services, router };
}
