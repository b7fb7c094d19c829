/**
 * Length limits (characters) of every text a client sends: the server's DTOs validate with these,
 * and both clients' forms use them as `maxLength`, so a form never lets through what the server
 * refuses. `lengthMessage` words the refusal the same way everywhere.
 */
export const LIMITS = {
  // sign-in
  wechatCode: 128,
  bindTicket: 128,
  username: 64,
  password: 128,
  // roster
  personName: 50,
  education: 20,
  search: 50,
  // activities
  activityTitle: 100,
  activityDescription: 5000,
  placeName: 100,
  lecturer: 50,
  lectureTopic: 100,
  checkinToken: 100,
  leaveReason: 200,
  minutes: 20000,
  rectificationResolution: 500,
  // points
  periodKey: 10,
  adjustmentReason: 200,
  reversalReason: 150,
  noticeTitle: 100,
  noticeBody: 20000,
  // mobile members
  destination: 100,
  employer: 100,
  contactSummary: 500,
  contactNeeds: 500,
  reportLocation: 100,
  reportNote: 300,
  // study
  materialTitle: 100,
  materialSummary: 300,
  materialBody: 100000,
  materialUrl: 500,
  tag: 20,
  quizQuestion: 200,
  quizOption: 100,
  noteMin: 10,
  noteMax: 5000,
  planTitle: 100,
  planNote: 500,
  problemCategory: 50,
  problemDescription: 2000,
  problemText: 2000,
  problemReason: 500,
  // 述职评议 and 百分制考核
  dutyReportBody: 20000,
  reviewComment: 2000,
  assessmentReason: 500,
  feedbackContent: 2000,
  feedbackContact: 50,
  feedbackReply: 2000,
  inspectionTopic: 100,
  inspectionReport: 20000,
  noticeTitleLong: 100,
  noticePeriod: 50,
  noticeText: 5000,
  interviewPlace: 100,
  interviewText: 5000,
  responsibilityCategory: 50,
  responsibilityContent: 1000,
  responsibilityMeasures: 2000,
  // 为群众办实事, 便民服务, 联村联片联户
  deedTitle: 100,
  deedCategory: 50,
  deedRequester: 50,
  deedResult: 2000,
  deedReason: 500,
  deedNote: 500,
  serviceMatter: 1000,
  serviceContact: 50,
  serviceNote: 500,
  liaisonArea: 100,
  householdName: 50,
  householdNote: 200,
  contactWhat: 1000,
  contactNeed: 200,
} as const;

export type LimitName = keyof typeof LIMITS;

/** `活动名称不能超过 100 字`: the one wording of a length refusal. */
export function lengthMessage(label: string, max: number): string {
  return `${label}不能超过 ${max} 字`;
}
