import { AuditLog } from '../modules/audit/audit-log.entity';
import { BindTicket } from '../modules/auth/bind-ticket.entity';
import { RoleGrant } from '../modules/auth/role-grant.entity';
import { User } from '../modules/auth/user.entity';
import { WechatBinding } from '../modules/member/wechat-binding.entity';
import { Member } from '../modules/member/member.entity';
import { ContactLog, MemberMobility, MobilityEvent, MobilitySettings } from '../modules/mobility/mobility.entity';
import { Org } from '../modules/org/org.entity';
import {
  Activity,
  ActivityInvitee,
  ActivityMaterial,
  ActivityPhoto,
  ActivityRecord,
  ActivityStudyPair,
} from '../modules/activity/activity.entity';
import { CheckIn, LeaveRequest } from '../modules/checkin/checkin.entity';
import { OrgLifePlan, RectificationNotice } from '../modules/followup/followup.entity';
import { Notification } from '../modules/notification/notification.entity';
import {
  StudyCompletion,
  StudyFile,
  StudyMaterial,
  StudyNote,
  StudyPlan,
  StudyPlanMaterial,
  StudySession,
} from '../modules/study/study.entity';
import { IdempotencyRecord } from '../modules/idempotency/idempotency.entity';
import { PointsBalance, PointsEntry, PointsNotice, PointsRule, PointsRuleUsage, PointsSettings } from '../modules/points/points.entity';
import { CareSetting, CareVisit, Hardship } from '../modules/care/care.entity';
import {
  Appraisal,
  AppraisalBallot,
  AppraisalBallotGrade,
  AppraisalBallotToken,
  AppraisalRound,
  Disposal,
} from '../modules/appraisal/appraisal.entity';
import { DuesBase, DuesDisclosure, DuesMonth, DuesPayment } from '../modules/dues/dues.entity';
import { IncomingTransfer, MembershipTransfer } from '../modules/transfer/transfer.entity';
import { BranchRatingRecord, Commendation, Site, SiteInvestment, Talk, Visit, VisitHousehold } from '../modules/records/records.entity';
import { DevelopmentCase, DevelopmentPlan, DevelopmentStepRecord, WorkdayCalendarEntry } from '../modules/development/development.entity';
import { Liaison, LiaisonContact, LiaisonHousehold, PublicDeed, ServiceRequest } from '../modules/service/service.entity';
import { Disclosure, DisclosureAttachment, DisclosureRow, DisclosureSchedule } from '../modules/disclosure/disclosure.entity';
import {
  AssessmentTemplate,
  Ballot,
  BallotGrade,
  BallotToken,
  DutyReport,
  PaperTally,
  ReviewComment,
  ReviewReporter,
  ReviewSession,
  SecretaryAssessment,
} from '../modules/review/review.entity';
import {
  Feedback,
  Inspection,
  InspectionNotice,
  Interview,
  InterviewMember,
  Problem,
  ProblemEvent,
  ResponsibilityItem,
} from '../modules/problem/problem.entity';

/** Every entity, in one list both dialects and the migration generator share. */
export const ENTITIES = [
  Org,
  Member,
  User,
  RoleGrant,
  WechatBinding,
  BindTicket,
  AuditLog,
  MemberMobility,
  IdempotencyRecord,
  PointsRule,
  PointsEntry,
  PointsBalance,
  PointsRuleUsage,
  PointsSettings,
  PointsNotice,
  Activity,
  ActivityInvitee,
  ActivityMaterial,
  ActivityStudyPair,
  CheckIn,
  LeaveRequest,
  ActivityRecord,
  ActivityPhoto,
  RectificationNotice,
  OrgLifePlan,
  Notification,
  ContactLog,
  MobilityEvent,
  MobilitySettings,
  StudyMaterial,
  StudySession,
  StudyCompletion,
  StudyNote,
  StudyFile,
  StudyPlan,
  StudyPlanMaterial,
  Problem,
  ProblemEvent,
  Feedback,
  Inspection,
  InspectionNotice,
  Interview,
  InterviewMember,
  ResponsibilityItem,
  Visit,
  VisitHousehold,
  Talk,
  Site,
  SiteInvestment,
  BranchRatingRecord,
  Commendation,
  Disclosure,
  DisclosureRow,
  DisclosureSchedule,
  DevelopmentCase,
  DevelopmentStepRecord,
  DevelopmentPlan,
  WorkdayCalendarEntry,
  PublicDeed,
  ServiceRequest,
  Liaison,
  LiaisonHousehold,
  LiaisonContact,
  DisclosureAttachment,
  Hardship,
  CareVisit,
  CareSetting,
  AppraisalRound,
  Appraisal,
  AppraisalBallotToken,
  AppraisalBallot,
  AppraisalBallotGrade,
  Disposal,
  DuesBase,
  DuesPayment,
  DuesMonth,
  MembershipTransfer,
  IncomingTransfer,
  DuesDisclosure,
  ReviewSession,
  ReviewReporter,
  BallotToken,
  Ballot,
  BallotGrade,
  PaperTally,
  DutyReport,
  ReviewComment,
  AssessmentTemplate,
  SecretaryAssessment,
];
