import { Column, Entity, Index } from 'typeorm';
import type { BranchRating, CommendationSubject, VisitPurpose } from '@djzy/shared';
import { IdColumn, RefColumn, TimeColumn } from '../../core/columns';

/**
 * The records the yearly 述职报告 counts (REPORT-FIGURES.md #3–5, #12–15). The report module
 * reads these tables with plain SQL: table and column names are a contract — do not rename.
 * Dates are 'YYYY-MM-DD' (Asia/Shanghai), amounts integer 分.
 */

/** 调研 or 走访: by whom, when, for what; the households visited are `visit_households`. */
@Entity('visits')
@Index('idx_visits_org_on', ['orgId', 'on'])
export class Visit {
  @IdColumn()
  id: string;

  /** The org whose work it is: the township for the township secretary's own visits, or a branch. */
  @RefColumn()
  orgId: string;

  @RefColumn({ nullable: true })
  visitorMemberId: string | null;

  @Column({ type: 'varchar', length: 50 })
  visitorName: string;

  @Column({ type: 'varchar', length: 10 })
  on: string;

  @Column({ type: 'varchar', length: 16 })
  purpose: VisitPurpose;

  @Column({ type: 'varchar', length: 200 })
  topic: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  place: string | null;

  @RefColumn()
  createdBy: string;

  @TimeColumn()
  createdAt: Date;
}

/** One household of a visit; distinct households are counted by (the org's township, householdKey). */
@Entity('visit_households')
@Index('idx_visit_households_visit', ['visitId'])
@Index('idx_visit_households_key', ['householdKey'])
export class VisitHousehold {
  @IdColumn()
  id: string;

  @RefColumn()
  visitId: string;

  /** As typed, e.g. `张家湾组 张*明户`. */
  @Column({ type: 'varchar', length: 50 })
  household: string;

  /** Trimmed, whitespace removed (shared `householdKey`). */
  @Column({ type: 'varchar', length: 50 })
  householdKey: string;

  /** When it is a Party member's household. */
  @RefColumn({ nullable: true })
  memberId: string | null;

  /** 贫困户. */
  @Column({ type: 'boolean', default: false })
  poor: boolean;
}

/** 谈心谈话: one row per person talked with (the report counts person-times). */
@Entity('talks')
@Index('idx_talks_org_on', ['orgId', 'on'])
export class Talk {
  @IdColumn()
  id: string;

  @RefColumn()
  orgId: string;

  @RefColumn({ nullable: true })
  talkerMemberId: string | null;

  @Column({ type: 'varchar', length: 50 })
  talkerName: string;

  @RefColumn({ nullable: true })
  withMemberId: string | null;

  @Column({ type: 'varchar', length: 50 })
  withName: string;

  @Column({ type: 'varchar', length: 10 })
  on: string;

  @Column({ type: 'varchar', length: 200 })
  topic: string;

  @RefColumn()
  createdBy: string;

  @TimeColumn()
  createdAt: Date;
}

/** A branch's 党建阵地 (activity site); `standardizedOn` is when it was brought to standard. */
@Entity('sites')
@Index('idx_sites_org', ['orgId'])
export class Site {
  @IdColumn()
  id: string;

  /** The branch. */
  @RefColumn()
  orgId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address: string | null;

  @Column({ type: 'int', nullable: true })
  areaM2: number | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  standardizedOn: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @TimeColumn()
  createdAt: Date;

  @TimeColumn()
  updatedAt: Date;
}

/** Money put into a site (分), perhaps published in a finance disclosure. */
@Entity('site_investments')
@Index('idx_site_investments_site', ['siteId'])
export class SiteInvestment {
  @IdColumn()
  id: string;

  @RefColumn()
  siteId: string;

  @Column({ type: 'varchar', length: 10 })
  on: string;

  @Column({ type: 'int' })
  amountCents: number;

  @Column({ type: 'varchar', length: 200 })
  purpose: string;

  /** A finance disclosure (三务公开, built later): only a reference. */
  @RefColumn({ nullable: true })
  disclosureId: string | null;

  @RefColumn()
  createdBy: string;

  @TimeColumn()
  createdAt: Date;
}

/** A branch's rating for a year (晋位升级), as the township committee decided it; one per org and year. */
@Entity('branch_ratings')
@Index('uq_branch_ratings_org_year', ['orgId', 'year'], { unique: true })
export class BranchRatingRecord {
  @IdColumn()
  id: string;

  @RefColumn()
  orgId: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 16 })
  rating: BranchRating;

  @Column({ type: 'varchar', length: 10 })
  decidedOn: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;
}

/** 选树表彰: an org or a member commended by an issuing org. */
@Entity('commendations')
@Index('idx_commendations_org_year', ['orgId', 'year'])
@Index('idx_commendations_issuer_year', ['issuerOrgId', 'year'])
export class Commendation {
  @IdColumn()
  id: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 10 })
  on: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @RefColumn()
  issuerOrgId: string;

  @Column({ type: 'varchar', length: 8 })
  subjectKind: CommendationSubject;

  /** The commended org, or the commended member's org. */
  @RefColumn()
  orgId: string;

  @RefColumn({ nullable: true })
  memberId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @RefColumn()
  createdBy: string;

  @TimeColumn()
  createdAt: Date;
}
