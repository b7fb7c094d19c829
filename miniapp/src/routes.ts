/** Every page's route, in one place (absolute, as navigation APIs take them). */
export const ROUTES = {
  home: '/pages/index/index',
  activities: '/pages/activities/index',
  study: '/pages/study/index',
  mine: '/pages/mine/index',
  login: '/pages/login/index',
  bind: '/pages/bind/index',
  privacy: '/pages/privacy/index',
  points: '/pages/points/index',
  pointsRanking: '/pages/points/ranking',
  notices: '/pages/notices/index',
  noticeDetail: '/pages/notices/detail',
  activityDetail: '/pages/activity-detail/index',
  checkinCode: '/pages/checkin-code/index',
  /** What a 小程序码 opens (`CHECKIN_SCENE_PAGE` in @djzy/shared): `?scene=`. */
  checkinScan: '/pages/checkin-scan/index',
  rosterCheckin: '/pages/roster-checkin/index',
  rectifications: '/pages/rectifications/index',
  rectificationDetail: '/pages/rectifications/detail',
  studyReader: '/pages/study-reader/index',
  myStudy: '/pages/study/mine',
  studyPlan: '/pages/study-plan/index',
  myMobility: '/pages/mobile/index',
  mobileCadre: '/pages/mobile/cadre',
  mobileContact: '/pages/mobile/contact',
  feedback: '/pages/feedback/index',
  myFeedback: '/pages/feedback/mine',
  problems: '/pages/problems/index',
  problemDetail: '/pages/problems/detail',
  liaison: '/sub/liaison/index',
  liaisonContact: '/sub/liaison/contact',
  myDeeds: '/sub/deeds/index',
  development: '/sub/development/index',
  myDues: '/sub/dues/index',
  myMemberYear: '/sub/member-year/index',
  /** 述职评议测评: what a ballot slip's QR opens (`?t=<token>`, or `?scene=<token>` from a 小程序码); no sign-in. */
  ballot: '/pages/ballot/index',
  /** 民主评议党员 · 民主测评: what an appraisal slip's QR opens (`?t=<token>`); no sign-in. */
  appraisalBallot: '/pages/appraisal-ballot/index',
  /** 我的述职报告 (a branch secretary's, for the 述职评议). */
  dutyReport: '/sub/duty-report/index',
  /** 我的百分制考核 (自评, the result, 申诉). */
  myAssessment: '/sub/assessment/index',
  /** 我的组织生活: my own attendance at past meetings. */
  myOrgLife: '/sub/org-life/index',
} as const;

/** Pages reachable without signing in. */
export const PUBLIC_ROUTES: readonly string[] = [ROUTES.login, ROUTES.bind, ROUTES.privacy, ROUTES.ballot, ROUTES.appraisalBallot];
