import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Oversight1796531908486 implements MigrationInterface {
  name = 'Oversight1796531908486';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "inspections" ("id" varchar(24) PRIMARY KEY NOT NULL, "orgId" varchar(24) NOT NULL, "topic" varchar(100) NOT NULL, "kind" varchar(16) NOT NULL, "fromDay" varchar(10) NOT NULL, "toDay" varchar(10) NOT NULL, "targetOrgIds" text NOT NULL, "methods" text NOT NULL, "report" text, "createdBy" varchar(24) NOT NULL, "createdByName" varchar(50) NOT NULL, "createdAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_inspections_org" ON "inspections" ("orgId", "fromDay") `);
    await q.query(
      `CREATE TABLE "inspection_notices" ("id" varchar(24) PRIMARY KEY NOT NULL, "issuerOrgId" varchar(24) NOT NULL, "year" integer NOT NULL, "serialNo" integer, "title" varchar(100) NOT NULL, "periodCovered" varchar(50) NOT NULL, "inspectionIds" text NOT NULL, "findings" text NOT NULL, "problemIds" text, "commendations" text, "requirements" text, "responseDeadline" varchar(10) NOT NULL, "status" varchar(16) NOT NULL, "publishedAt" datetime(3), "withdrawnAt" datetime(3), "withdrawReason" varchar(500), "createdBy" varchar(24) NOT NULL, "createdAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_inspection_notices_serial" ON "inspection_notices" ("issuerOrgId", "year", "serialNo") `);
    await q.query(
      `CREATE TABLE "interviews" ("id" varchar(24) PRIMARY KEY NOT NULL, "orgId" varchar(24) NOT NULL, "at" datetime(3) NOT NULL, "place" varchar(100) NOT NULL, "reasonText" text NOT NULL, "reasonProblemIds" text NOT NULL, "record" text, "commitments" text, "interviewerId" varchar(24) NOT NULL, "interviewerName" varchar(50) NOT NULL, "createdAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_interviews_org" ON "interviews" ("orgId", "at") `);
    await q.query(
      `CREATE TABLE "interview_members" ("interviewId" varchar(24) NOT NULL, "memberId" varchar(24) NOT NULL, PRIMARY KEY ("interviewId", "memberId"))`,
    );
    await q.query(`CREATE INDEX "idx_interview_members_member" ON "interview_members" ("memberId") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_interview_members_member"`);
    await q.query(`DROP TABLE "interview_members"`);
    await q.query(`DROP INDEX "idx_interviews_org"`);
    await q.query(`DROP TABLE "interviews"`);
    await q.query(`DROP INDEX "uq_inspection_notices_serial"`);
    await q.query(`DROP TABLE "inspection_notices"`);
    await q.query(`DROP INDEX "idx_inspections_org"`);
    await q.query(`DROP TABLE "inspections"`);
  }
}
