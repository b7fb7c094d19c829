import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AppraisalBallots1796552248733 implements MigrationInterface {
  name = 'AppraisalBallots1796552248733';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "appraisal_ballot_tokens" ("id" varchar(24) PRIMARY KEY NOT NULL, "roundId" varchar(24) NOT NULL, "tokenHash" varchar(64) NOT NULL, "used" boolean NOT NULL DEFAULT (0))`,
    );
    await q.query(`CREATE INDEX "idx_appraisal_ballot_tokens_round" ON "appraisal_ballot_tokens" ("roundId") `);
    await q.query(`CREATE UNIQUE INDEX "uq_appraisal_ballot_tokens_hash" ON "appraisal_ballot_tokens" ("tokenHash") `);
    await q.query(`CREATE TABLE "appraisal_ballots" ("id" varchar(24) PRIMARY KEY NOT NULL, "roundId" varchar(24) NOT NULL)`);
    await q.query(`CREATE INDEX "idx_appraisal_ballots_round" ON "appraisal_ballots" ("roundId") `);
    await q.query(
      `CREATE TABLE "appraisal_ballot_grades" ("id" varchar(24) PRIMARY KEY NOT NULL, "ballotId" varchar(24) NOT NULL, "roundId" varchar(24) NOT NULL, "memberId" varchar(24) NOT NULL, "grade" varchar(24) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_appraisal_ballot_grades_round" ON "appraisal_ballot_grades" ("roundId", "memberId") `);
    await q.query(`CREATE UNIQUE INDEX "uq_appraisal_ballot_grades" ON "appraisal_ballot_grades" ("ballotId", "memberId") `);
    await q.query(`DROP INDEX "uq_appraisal_rounds_org_year"`);
    await q.query(
      `CREATE TABLE "temporary_appraisal_rounds" ("id" varchar(24) PRIMARY KEY NOT NULL, "orgId" varchar(24) NOT NULL, "year" integer NOT NULL, "meetingActivityId" varchar(24) NOT NULL, "status" varchar(16) NOT NULL, "reportedAt" datetime(3), "createdBy" varchar(24) NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "voteClosedAt" datetime(3))`,
    );
    await q.query(
      `INSERT INTO "temporary_appraisal_rounds"("id", "orgId", "year", "meetingActivityId", "status", "reportedAt", "createdBy", "createdAt", "updatedAt") SELECT "id", "orgId", "year", "meetingActivityId", "status", "reportedAt", "createdBy", "createdAt", "updatedAt" FROM "appraisal_rounds"`,
    );
    await q.query(`DROP TABLE "appraisal_rounds"`);
    await q.query(`ALTER TABLE "temporary_appraisal_rounds" RENAME TO "appraisal_rounds"`);
    await q.query(`CREATE UNIQUE INDEX "uq_appraisal_rounds_org_year" ON "appraisal_rounds" ("orgId", "year") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "uq_appraisal_rounds_org_year"`);
    await q.query(`ALTER TABLE "appraisal_rounds" RENAME TO "temporary_appraisal_rounds"`);
    await q.query(
      `CREATE TABLE "appraisal_rounds" ("id" varchar(24) PRIMARY KEY NOT NULL, "orgId" varchar(24) NOT NULL, "year" integer NOT NULL, "meetingActivityId" varchar(24) NOT NULL, "status" varchar(16) NOT NULL, "reportedAt" datetime(3), "createdBy" varchar(24) NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "appraisal_rounds"("id", "orgId", "year", "meetingActivityId", "status", "reportedAt", "createdBy", "createdAt", "updatedAt") SELECT "id", "orgId", "year", "meetingActivityId", "status", "reportedAt", "createdBy", "createdAt", "updatedAt" FROM "temporary_appraisal_rounds"`,
    );
    await q.query(`DROP TABLE "temporary_appraisal_rounds"`);
    await q.query(`CREATE UNIQUE INDEX "uq_appraisal_rounds_org_year" ON "appraisal_rounds" ("orgId", "year") `);
    await q.query(`DROP INDEX "uq_appraisal_ballot_grades"`);
    await q.query(`DROP INDEX "idx_appraisal_ballot_grades_round"`);
    await q.query(`DROP TABLE "appraisal_ballot_grades"`);
    await q.query(`DROP INDEX "idx_appraisal_ballots_round"`);
    await q.query(`DROP TABLE "appraisal_ballots"`);
    await q.query(`DROP INDEX "uq_appraisal_ballot_tokens_hash"`);
    await q.query(`DROP INDEX "idx_appraisal_ballot_tokens_round"`);
    await q.query(`DROP TABLE "appraisal_ballot_tokens"`);
  }
}
