import { Column, Entity, Index } from 'typeorm';
import type { DevelopmentCaseStage, DevelopmentCaseStatus, ProbationOutcome } from '@djzy/shared';
import { IdColumn, RefColumn, TimeColumn } from '../../core/columns';

/**
 * 发展党员 (OVERSIGHT.md §3). The report module reads `development_cases` and
 * `development_steps` with plain SQL (figures 16 and 17): table and column names are a contract —
 * do not rename. Dates are 'YYYY-MM-DD' township days.
 */

/** One person's way from the application to full membership (or its end). */
@Entity('development_cases')
@Index('idx_development_cases_branch', ['branchOrgId'])
@Index('idx_development_cases_id_number', ['idNumberHash'])
@Index('idx_development_cases_member', ['memberId'])
export class DevelopmentCase {
  @IdColumn()
  id: string;

  @RefColumn()
  branchOrgId: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  /** The ID number, encrypted (FieldCipher); `idNumberHash` its blind index. */
  @Column({ type: 'varchar', length: 255 })
  idNumberEnc: string;

  @Column({ type: 'varchar', length: 64 })
  idNumberHash: string;

  @Column({ type: 'varchar', length: 10 })
  birthDate: string;

  @Column({ type: 'varchar', length: 10 })
  appliedOn: string;

  /** Derived from the effective steps, kept for lists and filters. */
  @Column({ type: 'varchar', length: 16 })
  stage: DevelopmentCaseStage;

  @Column({ type: 'varchar', length: 16 })
  status: DevelopmentCaseStatus;

  /** The roster entry of the applicant. */
  @RefColumn({ nullable: true })
  memberId: string | null;

  /** The 支部大会 date (step 15): the 预备期 starts here. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  probationStart: string | null;

  /** 1 calendar year from `probationStart`, plus any extension. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  probationEnd: string | null;

  @Column({ type: 'int', nullable: true })
  extensionMonths: number | null;

  @Column({ type: 'int' })
  lastStep: number;

  @Column({ type: 'varchar', length: 10 })
  lastStepOn: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @RefColumn()
  createdBy: string;

  @TimeColumn()
  createdAt: Date;

  @TimeColumn()
  updatedAt: Date;
}

/** One step as it happened. Append-only: a correction is a new row that `supersedes` the old one. */
@Entity('development_steps')
@Index('idx_development_steps_case', ['caseId'])
@Index('idx_development_steps_step_on', ['step', 'occurredOn'])
export class DevelopmentStepRecord {
  @IdColumn()
  id: string;

  @RefColumn()
  caseId: string;

  @Column({ type: 'int' })
  step: number;

  @Column({ type: 'varchar', length: 10 })
  occurredOn: string;

  /** JSON: `[{ memberId, name }]`. */
  @Column({ type: 'text', nullable: true })
  actors: string | null;

  /** JSON: the vote of a 支部大会 (steps 15 and 23). */
  @Column({ type: 'text', nullable: true })
  vote: string | null;

  @Column({ type: 'int', nullable: true })
  trainingDays: number | null;

  @Column({ type: 'int', nullable: true })
  trainingHours: number | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome: ProbationOutcome | null;

  @Column({ type: 'int', nullable: true })
  extensionMonths: number | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  noticeFrom: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  noticeTo: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  documents: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  /** The record this one corrects. */
  @RefColumn({ nullable: true })
  supersedes: string | null;

  @RefColumn()
  enteredBy: string;

  @TimeColumn()
  enteredAt: Date;
}

/** 发展党员计划: a county's (or township's) quota for a year. */
@Entity('development_plans')
@Index('uq_development_plans_org_year', ['orgId', 'year'], { unique: true })
export class DevelopmentPlan {
  @IdColumn()
  id: string;

  @RefColumn()
  orgId: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  quota: number;

  @RefColumn()
  updatedBy: string;

  @TimeColumn()
  updatedAt: Date;
}

/** A county's working-day exceptions (holidays and 调休 working weekends) over the defaults. */
@Entity('workday_calendar')
@Index('uq_workday_calendar_org_day', ['orgId', 'day'], { unique: true })
export class WorkdayCalendarEntry {
  @IdColumn()
  id: string;

  /** The county (or township) whose calendar it is. */
  @RefColumn()
  orgId: string;

  @Column({ type: 'varchar', length: 10 })
  day: string;

  @Column({ type: 'boolean' })
  workday: boolean;

  @Column({ type: 'varchar', length: 50, nullable: true })
  note: string | null;

  @RefColumn()
  updatedBy: string;

  @TimeColumn()
  updatedAt: Date;
}
