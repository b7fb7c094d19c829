import { Column, Entity, Index } from 'typeorm';
import type { AppraisalExclusionReason, AppraisalGrade, AppraisalRoundStatus, DisposalKind, DisposalStatus } from '@djzy/shared';
import { IdColumn, RefColumn, TimeColumn } from '../../core/columns';

/**
 * 民主评议党员 and 组织处置 (OVERSIGHT.md §4). The report module reads `disposals` (`approvedOn`,
 * `status`, `memberId`, `orgId`) for figure #21: table and column names are a contract. Dates
 * are 'YYYY-MM-DD' (Asia/Shanghai).
 */

/** A branch's yearly appraisal, held on a 民主评议党员 meeting. */
@Entity('appraisal_rounds')
@Index('uq_appraisal_rounds_org_year', ['orgId', 'year'], { unique: true })
export class AppraisalRound {
  @IdColumn()
  id: string;

  /** The branch. */
  @RefColumn()
  orgId: string;

  @Column({ type: 'int' })
  year: number;

  @RefColumn()
  meetingActivityId: string;

  @Column({ type: 'varchar', length: 16 })
  status: AppraisalRoundStatus;

  @TimeColumn({ nullable: true })
  reportedAt: Date | null;

  /** The phone vote (民主测评) closed: no more ballots; its tallies readable from now on. */
  @TimeColumn({ nullable: true })
  voteClosedAt: Date | null;

  @RefColumn()
  createdBy: string;

  @TimeColumn()
  createdAt: Date;

  @TimeColumn()
  updatedAt: Date;
}

/** One member of a round: in scope (graded) or excluded with a reason; the result. */
@Entity('appraisals')
@Index('uq_appraisals_round_member', ['roundId', 'memberId'], { unique: true })
@Index('idx_appraisals_member', ['memberId'])
export class Appraisal {
  @IdColumn()
  id: string;

  @RefColumn()
  roundId: string;

  @RefColumn()
  memberId: string;

  /** full / probationary when the round was opened. */
  @Column({ type: 'varchar', length: 16 })
  memberStatus: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  excludedReason: AppraisalExclusionReason | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  excludedNote: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  selfReview: string | null;

  @Column({ type: 'int', nullable: true })
  tallyExcellent: number | null;

  @Column({ type: 'int', nullable: true })
  tallyQualified: number | null;

  @Column({ type: 'int', nullable: true })
  tallyBasic: number | null;

  @Column({ type: 'int', nullable: true })
  tallyUnqualified: number | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  grade: AppraisalGrade | null;

  /** Ground codes, comma-separated (`DISPOSAL_GROUNDS`). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  grounds: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  basisNote: string | null;

  @RefColumn({ nullable: true })
  decidedBy: string | null;

  @TimeColumn({ nullable: true })
  decidedAt: Date | null;

  @TimeColumn({ nullable: true })
  feedbackAt: Date | null;

  @RefColumn({ nullable: true })
  disposalId: string | null;
}

/** 组织处置 of one member (限期改正, 劝其退党, 除名), step by step. */
@Entity('disposals')
@Index('idx_disposals_org', ['orgId'])
@Index('idx_disposals_member', ['memberId'])
@Index('idx_disposals_approved', ['approvedOn'])
export class Disposal {
  @IdColumn()
  id: string;

  @RefColumn()
  memberId: string;

  /** The member's org when proposed. */
  @RefColumn()
  orgId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: DisposalKind;

  @Column({ type: 'varchar', length: 300 })
  grounds: string;

  @Column({ type: 'varchar', length: 16 })
  status: DisposalStatus;

  @RefColumn({ nullable: true })
  appraisalRoundId: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  proposedOn: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  filedOn: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  investigatedOn: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  investigationFindings: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  talkOn: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  talkRecord: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  pretrialOn: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  pretrialResult: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  voteOn: string | null;

  @Column({ type: 'int', nullable: true })
  shouldAttend: number | null;

  @Column({ type: 'int', nullable: true })
  present: number | null;

  @Column({ type: 'int', nullable: true })
  agree: number | null;

  @Column({ type: 'int', nullable: true })
  against: number | null;

  @Column({ type: 'int', nullable: true })
  abstain: number | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  defenceNote: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  approvedOn: string | null;

  @RefColumn({ nullable: true })
  approvedBy: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  effectiveOn: string | null;

  /** 限期改正 only: the months given (1–12). */
  @Column({ type: 'int', nullable: true })
  rectifyMonths: number | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  rectifyUntil: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  expiryReviewOn: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  expiryReviewResult: 'changed' | 'unchanged' | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  expiryReviewNote: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  rejoinBarUntil: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  /** The step's last day (each step is on or after the one before). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  lastStepOn: string | null;

  @RefColumn()
  createdBy: string;

  @TimeColumn()
  createdAt: Date;

  @TimeColumn()
  updatedAt: Date;
}

/**
 * A one-time ballot token of a round's phone vote: its hash and whether it was used — no time, no
 * ballot id (无记名; the scheme of core/ballot.ts, as 述职评议's `ballot_tokens`).
 */
@Entity('appraisal_ballot_tokens')
@Index('uq_appraisal_ballot_tokens_hash', ['tokenHash'], { unique: true })
@Index('idx_appraisal_ballot_tokens_round', ['roundId'])
export class AppraisalBallotToken {
  @IdColumn()
  id: string;

  @RefColumn()
  roundId: string;

  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'boolean', default: false })
  used: boolean;
}

/** A cast ballot: a random id and its round — no voter, no token, no time. */
@Entity('appraisal_ballots')
@Index('idx_appraisal_ballots_round', ['roundId'])
export class AppraisalBallot {
  @IdColumn()
  id: string;

  @RefColumn()
  roundId: string;
}

/** One grade on a ballot: the member graded (never the voter) and the grade. */
@Entity('appraisal_ballot_grades')
@Index('uq_appraisal_ballot_grades', ['ballotId', 'memberId'], { unique: true })
@Index('idx_appraisal_ballot_grades_round', ['roundId', 'memberId'])
export class AppraisalBallotGrade {
  @IdColumn()
  id: string;

  @RefColumn()
  ballotId: string;

  @RefColumn()
  roundId: string;

  @RefColumn()
  memberId: string;

  @Column({ type: 'varchar', length: 24 })
  grade: AppraisalGrade;
}
