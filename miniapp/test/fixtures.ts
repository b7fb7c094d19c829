/** Test data shaped by the shared types, so a contract change breaks the tests at compile time. */
import type {
  ContactLogView,
  FeedbackView,
  ProblemEventView,
  ProblemView,
  MobileMemberView,
  MyMobilityResponse,
  MyStudyResponse,
  StudyMaterialView,
  StudyNoteView,
  ActivityView,
  AttendanceResponse,
  AttendanceRow,
  AuthOptionsResponse,
  CheckInView,
  MeResponse,
  MyPointsResponse,
  Page,
  PointsEntryView,
  PointsNoticeView,
  RankingItem,
  RectificationNoticeView,
  SignedIn,
} from '@djzy/shared';

export const ME: MeResponse = {
  id: '101',
  kind: 'member',
  name: '王秀兰',
  memberId: '101',
  roles: [
    { role: 'branch_secretary', orgId: '11', orgName: '红旗村党支部' },
    { role: 'contact_cadre', orgId: '11', orgName: '红旗村党支部' },
  ],
  orgId: '111',
  orgName: '第一党小组',
  branchId: '11',
  branchName: '红旗村党支部',
  isMobile: false,
  phone: '138****5678',
  demo: false,
};

export const SIGNED_IN: SignedIn = { token: 'tok-abc', expiresIn: 7200, member: ME };

export const OPTIONS_DEMO: AuthOptionsResponse = {
  demoMode: true,
  demoAccounts: [
    { username: 'admin', label: '管理员（控制台账号 admin）' },
    { memberId: '101', label: '王秀兰（红旗村党支部）' },
    { memberId: '102', label: '李建国（红旗村党支部，流动党员）' },
  ],
};
export const OPTIONS_OFF: AuthOptionsResponse = { demoMode: false };

// ---------------------------------------------------------------- points (积分)

const entry = (over: Partial<PointsEntryView> & Pick<PointsEntryView, 'id' | 'delta' | 'reason'>): PointsEntryView => ({
  memberId: '101',
  ruleCode: 'checkin',
  ruleName: '参加活动签到',
  sourceType: 'checkin',
  sourceId: '501',
  reversalOf: null,
  reversedBy: null,
  effectiveDate: '2026-11-20',
  createdAt: '2026-11-20T10:00:00+08:00',
  ...over,
});

/** This year's points of ME: an award, an adjustment that was reversed, and its reversal. */
export const MY_POINTS: MyPointsResponse = {
  balance: 23,
  period: '2026',
  rank: null,
  rankingVisible: false,
  entries: [
    entry({
      id: '9003',
      delta: -5,
      reason: '冲正：重复录入',
      ruleCode: 'adjustment',
      ruleName: '管理员调整',
      sourceType: 'reversal',
      sourceId: '9002',
      reversalOf: '9002',
      effectiveDate: '2026-11-18',
    }),
    entry({
      id: '9002',
      delta: 5,
      reason: '义务清扫村道',
      ruleCode: 'adjustment',
      ruleName: '管理员调整',
      sourceType: 'adjustment',
      sourceId: null,
      reversedBy: '9003',
      effectiveDate: '2026-11-15',
    }),
    entry({ id: '9001', delta: 20, reason: '参加11月主题党日', effectiveDate: '2026-11-10' }),
    entry({
      id: '9000',
      delta: 3,
      reason: '撰写学习心得',
      ruleCode: 'study_note',
      ruleName: '撰写学习心得',
      sourceType: 'study_note',
      effectiveDate: '2026-10-08',
    }),
  ],
};

export const RANKING: Page<RankingItem> = {
  total: 4,
  items: [
    { rank: 1, memberId: '103', name: '赵红梅', orgName: '红旗村党支部', points: 40 },
    { rank: 2, memberId: '101', name: '王秀兰', orgName: '红旗村党支部', points: 23 },
    { rank: 2, memberId: '104', name: '孙立平', orgName: '红旗村党支部', points: 23 },
    { rank: 4, memberId: '102', name: '李建国', orgName: '红旗村党支部', points: 0 },
  ],
};

export const NOTICE: PointsNoticeView = {
  id: '31',
  orgId: '1',
  orgName: '青山镇党委',
  period: '2026-Q3',
  title: '关于2026年第三季度党员积分评比情况的通报',
  body: '各村党支部：\n\n现将第三季度党员积分评比情况通报如下。\n希望受到表扬的同志再接再厉。',
  status: 'published',
  top: [
    { rank: 1, memberId: '103', name: '赵红梅', orgName: '红旗村党支部', points: 40 },
    { rank: 2, memberId: '205', name: '周国强', orgName: '东风村党支部', points: 35 },
  ],
  bottom: [{ rank: 9, memberId: '102', name: '李建国', orgName: '红旗村党支部', points: 0 }],
  branches: [],
  createdAt: '2026-10-08T09:00:00+08:00',
  publishedAt: '2026-10-09T09:30:00+08:00',
};

// ---------------------------------------------------------------- activities (活动、签到)

const HOUR = 3600_000;
/** An ISO instant `hours` from now (negative: in the past). */
export const hoursFromNow = (hours: number): string => new Date(Date.now() + hours * HOUR).toISOString();

/** An activity of ME's branch; `open` by default (started 20 minutes ago, three hours long). */
export function activity(over: Partial<ActivityView> & Pick<ActivityView, 'id'>): ActivityView {
  return {
    title: '主题党日：学习年终民主评议党员工作要求',
    kind: 'fixed_day',
    orgId: '11',
    orgName: '红旗村党支部',
    startsAt: hoursFromNow(-1 / 3),
    endsAt: hoursFromNow(2.5),
    location: { name: '红旗村党员活动室', lat: 38.5, lng: 115.6, radiusM: 300 },
    place: '红旗村党员活动室',
    checkinModes: ['qr'],
    studyMode: null,
    description: null,
    lecturer: null,
    topic: null,
    materials: [],
    pairs: [],
    allowRemote: false,
    status: 'published',
    publishedAt: hoursFromNow(-48),
    createdAt: hoursFromNow(-72),
    attendanceClosed: false,
    canManage: false,
    myStatus: 'open',
    myStanding: 'expected',
    myCheckIn: null,
    checkedInCount: 3,
    expectedCount: null,
    attendees: null,
    ...over,
  };
}

export function checkInView(over: Partial<CheckInView> = {}): CheckInView {
  return {
    id: '7001',
    activityId: 'A1',
    memberId: '101',
    memberName: '王秀兰',
    method: 'qr',
    checkedInAt: new Date().toISOString(),
    distanceM: null,
    flagged: false,
    ...over,
  };
}

const row = (memberId: string, name: string, over: Partial<AttendanceRow> = {}): AttendanceRow => ({
  memberId,
  name,
  orgName: '第一党小组',
  method: null,
  checkedInAt: null,
  leaveReason: null,
  ...over,
});

/** The attendance of A1 while it runs: one present, one excused, three not yet there, one leave to decide. */
export const ATTENDANCE: AttendanceResponse = {
  activityId: 'A1',
  expected: 5,
  present: [row('101', '王秀兰', { method: 'qr', checkedInAt: new Date().toISOString() })],
  excused: [row('105', '周桂芝', { leaveReason: '住院治疗' })],
  absent: [row('201', '张德福'), row('202', '李淑珍'), row('203', '李国栋')],
  pendingLeave: [
    {
      id: 'L9',
      activityId: 'A1',
      memberId: '203',
      memberName: '李国栋',
      reason: '外出务工，无法赶回',
      status: 'pending',
      createdAt: hoursFromNow(-30),
      decidedAt: null,
    },
  ],
  observers: [row('301', '赵立军', { orgName: '红旗村党支部' })],
  guests: [],
  away: [row('204', '孙志强')],
  rate: 0.2,
  closed: false,
};

export const RECTIFICATION: RectificationNoticeView = {
  id: 'R1',
  memberId: '101',
  memberName: '王秀兰',
  orgId: '11',
  orgName: '红旗村党支部',
  missed: [
    { activityId: 'P1', title: '9月主题党日', startsAt: '2026-09-05T09:00:00+08:00' },
    { activityId: 'P2', title: '10月主题党日', startsAt: '2026-10-05T09:00:00+08:00' },
    { activityId: 'P3', title: '11月主题党日', startsAt: '2026-11-05T09:00:00+08:00' },
  ],
  content: '王秀兰同志：你连续三次无故不参加党的组织生活，请于期限内向支部说明情况并改正。',
  deadline: '2026-12-05T23:59:59+08:00',
  status: 'open',
  createdAt: '2026-11-06T09:00:00+08:00',
  resolvedAt: null,
  resolution: null,
};

// ---------------------------------------------------------------- study (学习)

export const material = (over: Partial<StudyMaterialView> & Pick<StudyMaterialView, 'id' | 'title'>): StudyMaterialView => ({
  kind: 'article',
  summary: null,
  tags: [],
  body: '第一段：坚定理想信念。\n\n第二段：牢记初心使命。',
  url: null,
  fileId: null,
  file: null,
  orgId: '1',
  orgName: '青山镇党委',
  required: false,
  status: 'published',
  minSeconds: 60,
  quizMode: 'none',
  quiz: [],
  createdAt: '2026-11-01T09:00:00+08:00',
  completed: false,
  completedAt: null,
  ...over,
});

export const CHARTER = material({
  id: 'M1',
  title: '中国共产党章程（学习要点）',
  required: true,
  completed: true,
  completedAt: '2026-11-20T10:00:00+08:00',
});
export const SPEECH = material({ id: 'M2', title: '二十大报告学习', required: true });
export const QUIZ = material({
  id: 'M3',
  title: '党史知识小测验',
  minSeconds: 30,
  quizMode: 'with_time',
  quiz: [
    { id: 'q1', text: '中国共产党成立于哪一年？', options: ['1919年', '1921年', '1949年'] },
    { id: 'q2', text: '党的根本宗旨是什么？', options: ['全心全意为人民服务', '发展经济'] },
  ],
});
export const VIDEO = material({ id: 'M4', title: '红色故事微视频', kind: 'video', body: null, url: 'https://example.cn/v/1.mp4' });

export const NOTE_REVIEW: StudyNoteView = {
  id: 'N1',
  memberId: '101',
  memberName: '王秀兰',
  materialId: 'M1',
  materialTitle: '中国共产党章程（学习要点）',
  activityId: null,
  content: '通过学习党章，我更加明白了党员的义务和权利。',
  status: 'review',
  createdAt: '2026-11-26T20:00:00+08:00',
};

export const MY_STUDY: MyStudyResponse = {
  completed: [{ materialId: 'M1', title: '中国共产党章程（学习要点）', completedAt: '2026-11-20T10:00:00+08:00' }],
  requiredPending: [{ materialId: 'M2', title: '二十大报告学习' }],
  plans: [],
  notes: [NOTE_REVIEW, { ...NOTE_REVIEW, id: 'N2', status: 'published', content: '学习党史，传承红色基因，做合格党员。' }],
};

// ---------------------------------------------------------------- mobile members (流动党员)

export const mobileMember = (over: Partial<MobileMemberView> & { id: string; name: string; phone?: string }): MobileMemberView => ({
  member: {
    id: over.id,
    name: over.name,
    orgId: '11',
    orgName: '红旗村党支部',
    branchName: '红旗村党支部',
    phone: over.phone ?? '13800001111',
  },
  destination: '浙江省宁波市',
  employer: null,
  leftAt: '2026-03-01T00:00:00+08:00',
  expectedReturnAt: null,
  status: 'away',
  contactCadre: { id: '101', name: '王秀兰', phone: '13812345678' },
  intervalDays: 90,
  lastContactAt: '2026-06-01T10:00:00+08:00',
  lastSelfReportAt: null,
  lastSelfReport: null,
  overdueDays: 0,
  nextDueDate: '2026-12-20',
  escalated: false,
  ...over,
});

export const MY_MOBILITY: MyMobilityResponse = {
  isMobile: true,
  record: mobileMember({ id: '102', name: '李建国', destination: '广东省东莞市', employer: '东莞某电子厂' }),
  recentContacts: [],
};

export const CONTACT: ContactLogView = {
  id: 'C1',
  memberId: '102',
  cadreId: '101',
  cadreName: '王秀兰',
  method: 'phone',
  contactedAt: '2026-11-01T10:00:00+08:00',
  summary: '电话联系，工作稳定',
  needs: null,
  followUpRequired: false,
  createdAt: '2026-11-01T10:00:00+08:00',
};

// ---------------------------------------------------------------- 投诉建议, 我的整改任务

export const feedback = (over: Partial<FeedbackView> & Pick<FeedbackView, 'id'>): FeedbackView => ({
  category: 'suggestion',
  content: '建议村党员活动室冬天开放暖气',
  contact: null,
  orgId: '11',
  orgName: '红旗村党支部',
  senderName: '王秀兰',
  channel: 'member',
  disclosureId: null,
  status: 'received',
  createdAt: '2026-11-20T09:00:00+08:00',
  replyDueAt: '2026-11-30T09:00:00+08:00',
  overdue: false,
  reply: null,
  repliedAt: null,
  repliedByName: null,
  problemId: null,
  held: false,
  canReply: false,
  ...over,
});

export const problemEvent = (over: Partial<ProblemEventView> & Pick<ProblemEventView, 'id' | 'kind'>): ProblemEventView => ({
  at: '2026-11-01T10:00:00+08:00',
  byName: '乡镇党委',
  text: null,
  evidence: [],
  fromDeadline: null,
  toDeadline: null,
  ...over,
});

export const problem = (over: Partial<ProblemView> & Pick<ProblemView, 'id'>): ProblemView => ({
  orgId: '11',
  orgName: '红旗村党支部',
  year: 2026,
  source: 'review',
  sourceRef: null,
  category: '组织生活不规范',
  description: '支委会会议记录不完整，部分会议未按月召开',
  longTerm: false,
  status: 'assigned',
  overdue: false,
  overdueDays: 0,
  assignerOrgId: '1',
  assignerOrgName: '城关镇党委',
  responsibleMemberId: '101',
  responsibleName: '王秀兰',
  deadline: '2026-12-31',
  extensions: 0,
  raisedAt: '2026-11-01T10:00:00+08:00',
  raisedByName: '乡镇党委',
  closedAt: null,
  closedByName: null,
  canManage: false,
  canRectify: true,
  events: [],
  ...over,
});
