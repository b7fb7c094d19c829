import { ROUTES } from './routes';

/** Strips the leading slash: app.json lists pages without it. */
const page = (route: string) => route.replace(/^\//, '');
/** A page of the `sub` subpackage, relative to its root. */
const subPage = (route: string) => route.replace(/^\/sub\//, '');

export default defineAppConfig({
  pages: [
    page(ROUTES.home),
    page(ROUTES.activities),
    page(ROUTES.study),
    page(ROUTES.mine),
    page(ROUTES.login),
    page(ROUTES.bind),
    page(ROUTES.privacy),
    page(ROUTES.points),
    page(ROUTES.pointsRanking),
    page(ROUTES.notices),
    page(ROUTES.noticeDetail),
    page(ROUTES.activityDetail),
    page(ROUTES.checkinCode),
    // main package: WeChat opens it straight from a scanned 小程序码
    page(ROUTES.checkinScan),
    page(ROUTES.rosterCheckin),
    page(ROUTES.rectifications),
    page(ROUTES.rectificationDetail),
    page(ROUTES.studyReader),
    page(ROUTES.myStudy),
    page(ROUTES.studyPlan),
    page(ROUTES.myMobility),
    page(ROUTES.mobileCadre),
    page(ROUTES.mobileContact),
    page(ROUTES.feedback),
    page(ROUTES.myFeedback),
    page(ROUTES.problems),
    page(ROUTES.problemDetail),
    // main package: a ballot slip's QR opens it directly
    page(ROUTES.ballot),
    page(ROUTES.appraisalBallot),
  ],
  // The member's year and the township's own work, opened from 我的 a few times a month: loaded on
  // first use, outside the main package (WeChat's 2 MB cap; the main package keeps the tabs and
  // every page a scanned code opens).
  subPackages: [
    {
      root: 'sub',
      pages: [
        subPage(ROUTES.liaison),
        subPage(ROUTES.liaisonContact),
        subPage(ROUTES.myDeeds),
        subPage(ROUTES.development),
        subPage(ROUTES.myDues),
        subPage(ROUTES.myMemberYear),
        subPage(ROUTES.dutyReport),
        subPage(ROUTES.myAssessment),
        subPage(ROUTES.myOrgLife),
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '党建智慧云',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f6f6',
  },
  tabBar: {
    color: '#555555',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    // Line icons, plain and selected (81×81 PNGs drawn by scripts/tab-icons.mjs; WeChat wants local files).
    list: [
      { pagePath: page(ROUTES.home), text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      {
        pagePath: page(ROUTES.activities),
        text: '活动',
        iconPath: 'assets/tab/activities.png',
        selectedIconPath: 'assets/tab/activities-active.png',
      },
      { pagePath: page(ROUTES.study), text: '学习', iconPath: 'assets/tab/study.png', selectedIconPath: 'assets/tab/study-active.png' },
      { pagePath: page(ROUTES.mine), text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' },
    ],
  },
  // WeChat's privacy rules: declare from the start what personal information is ever asked for.
  __usePrivacyCheck__: true,
  requiredPrivateInfos: ['getLocation'],
  permission: {
    'scope.userLocation': { desc: '仅在活动开启定位签到时用于核验是否在活动地点附近' },
  },
});
