import { Column, Entity, Index } from 'typeorm';
import type { AssessmentStatus, DutyReportStatus, ReviewGrade, ReviewSessionStatus } from '@djzy/shared';
import { IdColumn, RefColumn, TimeColumn } from '../../core/columns';

/**
 * 述职评议会 (OVERSIGHT.md §2): held at an activity of kind `review_meeting` of a township
 * (`organizerOrgId`), whose admins alone manage it. Reporters are `review_reporters`.
 */
@Entity('review_sessions')
@Index('idx_review_sessions_org_year', ['organizerOrgId', 'year'])
@Index('idx_review_sessions_activity', ['activityId'])
export class ReviewSession {
  @IdColumn()
  id: string;

  @RefColumn()
  organizerOrgId: string;

  @Column({ type: 'int' })
  year: number;

  @RefColumn()
  activityId: string;

  /** JSON: the scale's grade codes, best first. */
  @Column({ type: 'varchar', length: 200 })
  gradeScale: string;

  @Column({ type: 'int', default: 0 })
  attendeeCount: number;

  @Column({ type: 'int', default: 2 })
  minValidNumerator: number;

  @Column({ type: 'int', default: 3 })
  minValidDenominator: number;

  @Column({ type: 'varchar', length: 16 })
  status: ReviewSessionStatus;

  @RefColumn()
  createdBy: string;

  @TimeColumn()
  createdAt: Date;

  @TimeColumn({ nullable: true })
  openedAt: Date | null;

  @TimeColumn({ nullable: true })
  closedAt: Date | null;

  @TimeColumn({ nullable: true })
  ratedAt: Date | null;

  @TimeColumn({ nullable: true })
  publishedAt: Date | null;

  /** Which meeting decided the grades (the committee's decision, recorded as given). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  decisionNote: string | null;

  @RefColumn({ nullable: true })
  decidedBy: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  decidedByName: string | null;

  @TimeColumn()
  updatedAt: Date;
}

/** One secretary who reports at a session, with their branch (the duty report's scope). */
@Entity('review_reporters')
@Index('uq_review_reporters', ['sessionId', 'memberId'], { unique: true })
export class ReviewReporter {
  @IdColumn()
  id: string;

  @RefColumn()
  sessionId: string;

  @RefColumn()
  memberId: string;

  @RefColumn()
  orgId: string;

  @Column({ type: 'int' })
  sortOrder: number;

  /** The committee's grade (null until rated) and its basis. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  finalGrade: ReviewGrade | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  basisNote: string | null;
}

/**
 * A one-time ballot token: only its hash, and only whether it was used — no time, no ballot id,
 * so no row here can be matched to a ballot (无记名).
 */
@Entity('ballot_tokens')
@Index('uq_ballot_tokens_hash', ['tokenHash'], { unique: true })
@Index('idx_ballot_tokens_session', ['sessionId'])
export class BallotToken {
  @IdColumn()
  id: string;

  @RefColumn()
  sessionId: string;

  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'boolean', default: false })
  used: boolean;
}

/** A cast ballot: a random id and its session — no member, no token, no time. */
@Entity('ballots')
@Index('idx_ballots_session', ['sessionId'])
export class Ballot {
  @IdColumn()
  id: string;

  @RefColumn()
  sessionId: string;
}

/** One grade on a ballot: which reporter was graded and how. */
@Entity('ballot_grades')
@Index('uq_ballot_grades', ['ballotId', 'reporterMemberId'], { unique: true })
@Index('idx_ballot_grades_session', ['sessionId', 'reporterMemberId'])
export class BallotGrade {
  @IdColumn()
  id: string;

  @RefColumn()
  ballotId: string;

  @RefColumn()
  sessionId: string;

  @RefColumn()
  reporterMemberId: string;

  @Column({ type: 'varchar', length: 24 })
  grade: ReviewGrade;
}

/** Paper ballots counted by the clerk, with a witness: totals per reporter and grade. */
@Entity('paper_tallies')
@Index('idx_paper_tallies_session', ['sessionId'])
export class PaperTally {
  @IdColumn()
  id: string;

  @RefColumn()
  sessionId: string;

  @Column({ type: 'int' })
  papers: number;

  /** JSON: `[{ reporterMemberId, counts: { good: 3, … } }]`. */
  @Column({ type: 'text' })
  counts: string;

  @RefColumn()
  enteredBy: string;

  @Column({ type: 'varchar', length: 50 })
  enteredByName: string;

  @Column({ type: 'varchar', length: 50 })
  witnessName: string;

  @TimeColumn()
  enteredAt: Date;
}

/** The written 述职报告, its figures from the yearly-report engine at the branch's scope. */
@Entity('duty_reports')
@Index('uq_duty_reports', ['sessionId', 'reporterMemberId'], { unique: true })
export class DutyReport {
  @IdColumn()
  id: string;

  @RefColumn()
  sessionId: string;

  @RefColumn()
  reporterMemberId: string;

  @RefColumn()
  orgId: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'text' })
  body: string;

  /** JSON: the figures with their sources, as the engine gave them at `figuresAt`. */
  @Column({ type: 'text' })
  figures: string;

  @TimeColumn()
  figuresAt: Date;

  @Column({ type: 'varchar', length: 16 })
  status: DutyReportStatus;

  @TimeColumn({ nullable: true })
  submittedAt: Date | null;

  @RefColumn({ nullable: true })
  reviewedBy: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  reviewedByName: string | null;

  @TimeColumn({ nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  returnedNote: string | null;

  @TimeColumn()
  updatedAt: Date;
}

/** 点评: a point raised about a reporter; it may become a Problem (`source: "review"`). */
@Entity('review_comments')
@Index('idx_review_comments_session', ['sessionId'])
export class ReviewComment {
  @IdColumn()
  id: string;

  @RefColumn()
  sessionId: string;

  @RefColumn()
  reporterMemberId: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'varchar', length: 50 })
  byName: string;

  @RefColumn()
  createdBy: string;

  @TimeColumn()
  createdAt: Date;

  @RefColumn({ nullable: true })
  problemId: string | null;
}

/** 百分制 template of a township for a year (items, bonus cap, veto items as JSON). */
@Entity('assessment_templates')
@Index('uq_assessment_templates', ['orgId', 'year'], { unique: true })
export class AssessmentTemplate {
  @IdColumn()
  id: string;

  @RefColumn()
  orgId: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'text' })
  items: string;

  /** Bonus cap in tenths of a point. */
  @Column({ type: 'int' })
  bonusCap: number;

  @Column({ type: 'text' })
  vetoItems: string;

  @TimeColumn()
  updatedAt: Date;
}

/** A branch secretary's 百分制 assessment; points are kept in tenths (integers). */
@Entity('secretary_assessments')
@Index('uq_secretary_assessments', ['templateId', 'subjectMemberId'], { unique: true })
@Index('idx_secretary_assessments_org', ['orgId', 'year'])
export class SecretaryAssessment {
  @IdColumn()
  id: string;

  @RefColumn()
  templateId: string;

  @RefColumn()
  orgId: string;

  @RefColumn()
  subjectMemberId: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 16 })
  status: AssessmentStatus;

  /** JSON `{ code: tenths }`. */
  @Column({ type: 'text', nullable: true })
  selfScores: string | null;

  /** JSON `{ code: { score (tenths), reason } }`. */
  @Column({ type: 'text', nullable: true })
  scores: string | null;

  /** JSON `{ code: { score (tenths), basis } }`: what the records gave when assessed. */
  @Column({ type: 'text', nullable: true })
  autoScores: string | null;

  @Column({ type: 'int', default: 0 })
  bonus: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  bonusReason: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  vetoCodes: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  vetoReason: string | null;

  @Column({ type: 'int', nullable: true })
  selfTotal: number | null;

  @Column({ type: 'int', nullable: true })
  total: number | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  grade: ReviewGrade | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  decisionNote: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  appealReason: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  appealReply: string | null;

  @RefColumn({ nullable: true })
  assessedBy: string | null;

  @RefColumn({ nullable: true })
  confirmedBy: string | null;

  @TimeColumn()
  updatedAt: Date;
}
