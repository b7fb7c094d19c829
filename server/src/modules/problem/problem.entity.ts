import { Column, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../core/columns';
import type {
  FeedbackCategory,
  FeedbackStatus,
  InspectionKind,
  InspectionNoticeStatus,
  ProblemEventKind,
  ProblemSource,
  ProblemStatus,
  ResponsibilityResult,
  ResponsibilitySource,
  ResponsibilityStatus,
} from '@djzy/shared';

/**
 * A problem on the 问题清单: where it is (`orgId`), who assigned it (`assignerOrgId`, whose
 * admins recheck and 销号 it), who answers for it and by when. Its history is `problem_events`.
 */
@Entity('problems')
@Index('idx_problems_org_year', ['orgId', 'year'])
@Index('idx_problems_responsible', ['responsibleMemberId'])
@Index('idx_problems_status_deadline', ['status', 'deadline'])
export class Problem {
  @IdColumn()
  id: string;

  @RefColumn()
  orgId: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 24 })
  source: ProblemSource;

  @RefColumn({ nullable: true })
  sourceRef: string | null;

  @Column({ type: 'varchar', length: 50 })
  category: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'boolean', default: false })
  longTerm: boolean;

  @Column({ type: 'varchar', length: 16 })
  status: ProblemStatus;

  @RefColumn()
  assignerOrgId: string;

  @RefColumn({ nullable: true })
  responsibleMemberId: string | null;

  /** YYYY-MM-DD (the township's calendar day). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  deadline: string | null;

  @Column({ type: 'int', default: 0 })
  extensions: number;

  @RefColumn()
  raisedBy: string;

  @Column({ type: 'varchar', length: 50 })
  raisedByName: string;

  @TimeColumn()
  raisedAt: Date;

  @TimeColumn({ nullable: true })
  closedAt: Date | null;

  @RefColumn({ nullable: true })
  closedBy: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  closedByName: string | null;

  @TimeColumn()
  updatedAt: Date;
}

/** One step of a problem's history (整改清单): appended, never changed. */
@Entity('problem_events')
@Index('idx_problem_events_problem', ['problemId', 'at'])
export class ProblemEvent {
  @IdColumn()
  id: string;

  @RefColumn()
  problemId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ProblemEventKind;

  @TimeColumn()
  at: Date;

  @RefColumn()
  byId: string;

  @Column({ type: 'varchar', length: 50 })
  byName: string;

  @Column({ type: 'text', nullable: true })
  text: string | null;

  /** JSON: `[{ type, id }]` links to records already in the system. */
  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  fromDeadline: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  toDeadline: string | null;
}

/** 投诉建议: from a member in the mini-program, or a villager on a public page. */
@Entity('feedback')
@Index('idx_feedback_org_created', ['orgId', 'createdAt'])
@Index('idx_feedback_sender', ['senderMemberId'])
export class Feedback {
  @IdColumn()
  id: string;

  @Column({ type: 'varchar', length: 16 })
  category: FeedbackCategory;

  @Column({ type: 'text' })
  content: string;

  /** Encrypted (a phone number, usually). */
  @Column({ type: 'varchar', length: 255, nullable: true })
  contactEnc: string | null;

  /** Whom it is about. */
  @RefColumn()
  orgId: string;

  @RefColumn({ nullable: true })
  disclosureId: string | null;

  @RefColumn({ nullable: true })
  senderMemberId: string | null;

  @Column({ type: 'varchar', length: 16 })
  channel: 'member' | 'public';

  @Column({ type: 'varchar', length: 16 })
  status: FeedbackStatus;

  /** WeChat's content check: `pass`, `review`, `unchecked`, or `not_required` (members' own words). */
  @Column({ type: 'varchar', length: 16 })
  checkResult: string;

  @TimeColumn()
  replyDueAt: Date;

  @Column({ type: 'text', nullable: true })
  reply: string | null;

  @TimeColumn({ nullable: true })
  repliedAt: Date | null;

  @RefColumn({ nullable: true })
  repliedBy: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  repliedByName: string | null;

  @RefColumn({ nullable: true })
  problemId: string | null;

  @TimeColumn()
  createdAt: Date;
}

/** 专项检查: an inspection by an org of its targets; its findings are Problems (`sourceRef` = its id). */
@Entity('inspections')
@Index('idx_inspections_org', ['orgId', 'fromDay'])
export class Inspection {
  @IdColumn()
  id: string;

  @RefColumn()
  orgId: string;

  @Column({ type: 'varchar', length: 100 })
  topic: string;

  @Column({ type: 'varchar', length: 16 })
  kind: InspectionKind;

  @Column({ type: 'varchar', length: 10 })
  fromDay: string;

  @Column({ type: 'varchar', length: 10 })
  toDay: string;

  /** JSON: target org ids. */
  @Column({ type: 'text' })
  targetOrgIds: string;

  /** JSON: 听取汇报 / 查阅资料 … */
  @Column({ type: 'text' })
  methods: string;

  @Column({ type: 'text', nullable: true })
  report: string | null;

  @RefColumn()
  createdBy: string;

  @Column({ type: 'varchar', length: 50 })
  createdByName: string;

  @TimeColumn()
  createdAt: Date;
}

/**
 * 督查通报: a draft until published, when it gets its number (第N期: the unique index keeps the
 * numbers of an issuer and year distinct; they are assigned in order, with no gaps) and sends
 * its findings out as Problems; withdrawn keeps the number.
 */
@Entity('inspection_notices')
@Index('uq_inspection_notices_serial', ['issuerOrgId', 'year', 'serialNo'], { unique: true })
export class InspectionNotice {
  @IdColumn()
  id: string;

  @RefColumn()
  issuerOrgId: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int', nullable: true })
  serialNo: number | null;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 50 })
  periodCovered: string;

  /** JSON: inspection ids. */
  @Column({ type: 'text' })
  inspectionIds: string;

  /** JSON: `[{ orgId, category, description }]`. */
  @Column({ type: 'text' })
  findings: string;

  /** JSON: the problems publishing opened. */
  @Column({ type: 'text', nullable: true })
  problemIds: string | null;

  @Column({ type: 'text', nullable: true })
  commendations: string | null;

  @Column({ type: 'text', nullable: true })
  requirements: string | null;

  @Column({ type: 'varchar', length: 10 })
  responseDeadline: string;

  @Column({ type: 'varchar', length: 16 })
  status: InspectionNoticeStatus;

  @TimeColumn({ nullable: true })
  publishedAt: Date | null;

  @TimeColumn({ nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  withdrawReason: string | null;

  @RefColumn()
  createdBy: string;

  @TimeColumn()
  createdAt: Date;
}

/** 约谈: held by a township (or higher) org; read by its committee and the interviewees only. */
@Entity('interviews')
@Index('idx_interviews_org', ['orgId', 'at'])
export class Interview {
  @IdColumn()
  id: string;

  @RefColumn()
  orgId: string;

  @TimeColumn()
  at: Date;

  @Column({ type: 'varchar', length: 100 })
  place: string;

  @Column({ type: 'text' })
  reasonText: string;

  /** JSON: problem ids. */
  @Column({ type: 'text' })
  reasonProblemIds: string;

  @Column({ type: 'text', nullable: true })
  record: string | null;

  @Column({ type: 'text', nullable: true })
  commitments: string | null;

  @RefColumn()
  interviewerId: string;

  @Column({ type: 'varchar', length: 50 })
  interviewerName: string;

  @TimeColumn()
  createdAt: Date;
}

@Entity('interview_members')
@Index('idx_interview_members_member', ['memberId'])
export class InterviewMember {
  @IdColumn()
  interviewId: string;

  @IdColumn()
  memberId: string;
}

/** 责任清单: a township's item sent to each branch (晒单), claimed (领单) and judged at year end (验单); or a branch's own. */
@Entity('responsibility_items')
@Index('idx_responsibility_org_year', ['orgId', 'year'])
@Index('idx_responsibility_template', ['templateId'])
export class ResponsibilityItem {
  @IdColumn()
  id: string;

  @RefColumn()
  orgId: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 50 })
  category: string;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'text', nullable: true })
  measures: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  dueDate: string | null;

  @Column({ type: 'varchar', length: 16 })
  source: ResponsibilitySource;

  @RefColumn({ nullable: true })
  templateId: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: ResponsibilityStatus;

  @RefColumn({ nullable: true })
  responsibleMemberId: string | null;

  @TimeColumn({ nullable: true })
  publishedAt: Date | null;

  @TimeColumn({ nullable: true })
  acknowledgedAt: Date | null;

  @RefColumn({ nullable: true })
  acknowledgedBy: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  result: ResponsibilityResult | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  resultNote: string | null;

  @TimeColumn({ nullable: true })
  evaluatedAt: Date | null;

  @RefColumn({ nullable: true })
  evaluatedBy: string | null;

  @TimeColumn()
  createdAt: Date;
}
