import { ROUTES } from './routes';

/** Strips the leading slash: app.json lists pages without it. */
const page = (route: string) => route.replace(/^\//, '');

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
    page(ROUTES.liaison),
    page(ROUTES.liaisonContact),
    page(ROUTES.myDeeds),
    page(ROUTES.development),
    page(ROUTES.myDues),
    page(ROUTES.myMemberYear),
    // main package (the config has no subpackages): a ballot slip's QR opens it directly
    page(ROUTES.ballot),
    page(ROUTES.appraisalBallot),
    page(ROUTES.dutyReport),
    page(ROUTES.myAssessment),
    page(ROUTES.myOrgLife),
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
