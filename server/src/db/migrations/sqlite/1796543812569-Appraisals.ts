import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Appraisals1796543812569 implements MigrationInterface {
  name = 'Appraisals1796543812569';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "appraisal_rounds" ("id" varchar(24) PRIMARY KEY NOT NULL, "orgId" varchar(24) NOT NULL, "year" integer NOT NULL, "meetingActivityId" varchar(24) NOT NULL, "status" varchar(16) NOT NULL, "reportedAt" datetime(3), "createdBy" varchar(24) NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_appraisal_rounds_org_year" ON "appraisal_rounds" ("orgId", "year") `);
    await q.query(
      `CREATE TABLE "appraisals" ("id" varchar(24) PRIMARY KEY NOT NULL, "roundId" varchar(24) NOT NULL, "memberId" varchar(24) NOT NULL, "memberStatus" varchar(16) NOT NULL, "excludedReason" varchar(16), "excludedNote" varchar(500), "selfReview" varchar(2000), "tallyExcellent" integer, "tallyQualified" integer, "tallyBasic" integer, "tallyUnqualified" integer, "grade" varchar(24), "grounds" varchar(300), "basisNote" varchar(500), "decidedBy" varchar(24), "decidedAt" datetime(3), "feedbackAt" datetime(3), "disposalId" varchar(24))`,
    );
    await q.query(`CREATE INDEX "idx_appraisals_member" ON "appraisals" ("memberId") `);
    await q.query(`CREATE UNIQUE INDEX "uq_appraisals_round_member" ON "appraisals" ("roundId", "memberId") `);
    await q.query(
      `CREATE TABLE "disposals" ("id" varchar(24) PRIMARY KEY NOT NULL, "memberId" varchar(24) NOT NULL, "orgId" varchar(24) NOT NULL, "kind" varchar(16) NOT NULL, "grounds" varchar(300) NOT NULL, "status" varchar(16) NOT NULL, "appraisalRoundId" varchar(24), "proposedOn" varchar(10), "filedOn" varchar(10), "investigatedOn" varchar(10), "investigationFindings" varchar(2000), "talkOn" varchar(10), "talkRecord" varchar(2000), "pretrialOn" varchar(10), "pretrialResult" varchar(2000), "voteOn" varchar(10), "shouldAttend" integer, "present" integer, "agree" integer, "against" integer, "abstain" integer, "defenceNote" varchar(2000), "approvedOn" varchar(10), "approvedBy" varchar(24), "effectiveOn" varchar(10), "rectifyMonths" integer, "rectifyUntil" varchar(10), "expiryReviewOn" varchar(10), "expiryReviewResult" varchar(16), "expiryReviewNote" varchar(2000), "rejoinBarUntil" varchar(10), "note" varchar(500), "lastStepOn" varchar(10), "createdBy" varchar(24) NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_disposals_approved" ON "disposals" ("approvedOn") `);
    await q.query(`CREATE INDEX "idx_disposals_member" ON "disposals" ("memberId") `);
    await q.query(`CREATE INDEX "idx_disposals_org" ON "disposals" ("orgId") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_disposals_org"`);
    await q.query(`DROP INDEX "idx_disposals_member"`);
    await q.query(`DROP INDEX "idx_disposals_approved"`);
    await q.query(`DROP TABLE "disposals"`);
    await q.query(`DROP INDEX "uq_appraisals_round_member"`);
    await q.query(`DROP INDEX "idx_appraisals_member"`);
    await q.query(`DROP TABLE "appraisals"`);
    await q.query(`DROP INDEX "uq_appraisal_rounds_org_year"`);
    await q.query(`DROP TABLE "appraisal_rounds"`);
  }
}
