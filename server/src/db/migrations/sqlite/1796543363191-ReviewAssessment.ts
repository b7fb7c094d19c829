import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReviewAssessment1796543363191 implements MigrationInterface {
  name = 'ReviewAssessment1796543363191';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "review_sessions" ("id" varchar(24) PRIMARY KEY NOT NULL, "organizerOrgId" varchar(24) NOT NULL, "year" integer NOT NULL, "activityId" varchar(24) NOT NULL, "gradeScale" varchar(200) NOT NULL, "attendeeCount" integer NOT NULL DEFAULT (0), "minValidNumerator" integer NOT NULL DEFAULT (2), "minValidDenominator" integer NOT NULL DEFAULT (3), "status" varchar(16) NOT NULL, "createdBy" varchar(24) NOT NULL, "createdAt" datetime(3) NOT NULL, "openedAt" datetime(3), "closedAt" datetime(3), "ratedAt" datetime(3), "publishedAt" datetime(3), "decisionNote" varchar(200), "decidedBy" varchar(24), "decidedByName" varchar(50), "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_review_sessions_activity" ON "review_sessions" ("activityId") `);
    await q.query(`CREATE INDEX "idx_review_sessions_org_year" ON "review_sessions" ("organizerOrgId", "year") `);
    await q.query(
      `CREATE TABLE "review_reporters" ("id" varchar(24) PRIMARY KEY NOT NULL, "sessionId" varchar(24) NOT NULL, "memberId" varchar(24) NOT NULL, "orgId" varchar(24) NOT NULL, "sortOrder" integer NOT NULL, "finalGrade" varchar(24), "basisNote" varchar(500))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_review_reporters" ON "review_reporters" ("sessionId", "memberId") `);
    await q.query(
      `CREATE TABLE "ballot_tokens" ("id" varchar(24) PRIMARY KEY NOT NULL, "sessionId" varchar(24) NOT NULL, "tokenHash" varchar(64) NOT NULL, "used" boolean NOT NULL DEFAULT (0))`,
    );
    await q.query(`CREATE INDEX "idx_ballot_tokens_session" ON "ballot_tokens" ("sessionId") `);
    await q.query(`CREATE UNIQUE INDEX "uq_ballot_tokens_hash" ON "ballot_tokens" ("tokenHash") `);
    await q.query(`CREATE TABLE "ballots" ("id" varchar(24) PRIMARY KEY NOT NULL, "sessionId" varchar(24) NOT NULL)`);
    await q.query(`CREATE INDEX "idx_ballots_session" ON "ballots" ("sessionId") `);
    await q.query(
      `CREATE TABLE "ballot_grades" ("id" varchar(24) PRIMARY KEY NOT NULL, "ballotId" varchar(24) NOT NULL, "sessionId" varchar(24) NOT NULL, "reporterMemberId" varchar(24) NOT NULL, "grade" varchar(24) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_ballot_grades_session" ON "ballot_grades" ("sessionId", "reporterMemberId") `);
    await q.query(`CREATE UNIQUE INDEX "uq_ballot_grades" ON "ballot_grades" ("ballotId", "reporterMemberId") `);
    await q.query(
      `CREATE TABLE "paper_tallies" ("id" varchar(24) PRIMARY KEY NOT NULL, "sessionId" varchar(24) NOT NULL, "papers" integer NOT NULL, "counts" text NOT NULL, "enteredBy" varchar(24) NOT NULL, "enteredByName" varchar(50) NOT NULL, "witnessName" varchar(50) NOT NULL, "enteredAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_paper_tallies_session" ON "paper_tallies" ("sessionId") `);
    await q.query(
      `CREATE TABLE "duty_reports" ("id" varchar(24) PRIMARY KEY NOT NULL, "sessionId" varchar(24) NOT NULL, "reporterMemberId" varchar(24) NOT NULL, "orgId" varchar(24) NOT NULL, "year" integer NOT NULL, "body" text NOT NULL, "figures" text NOT NULL, "figuresAt" datetime(3) NOT NULL, "status" varchar(16) NOT NULL, "submittedAt" datetime(3), "reviewedBy" varchar(24), "reviewedByName" varchar(50), "reviewedAt" datetime(3), "returnedNote" varchar(500), "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_duty_reports" ON "duty_reports" ("sessionId", "reporterMemberId") `);
    await q.query(
      `CREATE TABLE "review_comments" ("id" varchar(24) PRIMARY KEY NOT NULL, "sessionId" varchar(24) NOT NULL, "reporterMemberId" varchar(24) NOT NULL, "text" text NOT NULL, "byName" varchar(50) NOT NULL, "createdBy" varchar(24) NOT NULL, "createdAt" datetime(3) NOT NULL, "problemId" varchar(24))`,
    );
    await q.query(`CREATE INDEX "idx_review_comments_session" ON "review_comments" ("sessionId") `);
    await q.query(
      `CREATE TABLE "assessment_templates" ("id" varchar(24) PRIMARY KEY NOT NULL, "orgId" varchar(24) NOT NULL, "year" integer NOT NULL, "items" text NOT NULL, "bonusCap" integer NOT NULL, "vetoItems" text NOT NULL, "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_assessment_templates" ON "assessment_templates" ("orgId", "year") `);
    await q.query(
      `CREATE TABLE "secretary_assessments" ("id" varchar(24) PRIMARY KEY NOT NULL, "templateId" varchar(24) NOT NULL, "orgId" varchar(24) NOT NULL, "subjectMemberId" varchar(24) NOT NULL, "year" integer NOT NULL, "status" varchar(16) NOT NULL, "selfScores" text, "scores" text, "autoScores" text, "bonus" integer NOT NULL DEFAULT (0), "bonusReason" varchar(500), "vetoCodes" varchar(500), "vetoReason" varchar(500), "selfTotal" integer, "total" integer, "grade" varchar(24), "decisionNote" varchar(200), "appealReason" varchar(500), "appealReply" varchar(500), "assessedBy" varchar(24), "confirmedBy" varchar(24), "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_secretary_assessments_org" ON "secretary_assessments" ("orgId", "year") `);
    await q.query(`CREATE UNIQUE INDEX "uq_secretary_assessments" ON "secretary_assessments" ("templateId", "subjectMemberId") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "uq_secretary_assessments"`);
    await q.query(`DROP INDEX "idx_secretary_assessments_org"`);
    await q.query(`DROP TABLE "secretary_assessments"`);
    await q.query(`DROP INDEX "uq_assessment_templates"`);
    await q.query(`DROP TABLE "assessment_templates"`);
    await q.query(`DROP INDEX "idx_review_comments_session"`);
    await q.query(`DROP TABLE "review_comments"`);
    await q.query(`DROP INDEX "uq_duty_reports"`);
    await q.query(`DROP TABLE "duty_reports"`);
    await q.query(`DROP INDEX "idx_paper_tallies_session"`);
    await q.query(`DROP TABLE "paper_tallies"`);
    await q.query(`DROP INDEX "uq_ballot_grades"`);
    await q.query(`DROP INDEX "idx_ballot_grades_session"`);
    await q.query(`DROP TABLE "ballot_grades"`);
    await q.query(`DROP INDEX "idx_ballots_session"`);
    await q.query(`DROP TABLE "ballots"`);
    await q.query(`DROP INDEX "uq_ballot_tokens_hash"`);
    await q.query(`DROP INDEX "idx_ballot_tokens_session"`);
    await q.query(`DROP TABLE "ballot_tokens"`);
    await q.query(`DROP INDEX "uq_review_reporters"`);
    await q.query(`DROP TABLE "review_reporters"`);
    await q.query(`DROP INDEX "idx_review_sessions_org_year"`);
    await q.query(`DROP INDEX "idx_review_sessions_activity"`);
    await q.query(`DROP TABLE "review_sessions"`);
  }
}
