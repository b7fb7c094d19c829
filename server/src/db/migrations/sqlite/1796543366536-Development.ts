import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Development1796543366536 implements MigrationInterface {
  name = 'Development1796543366536';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "development_cases" ("id" varchar(24) PRIMARY KEY NOT NULL, "branchOrgId" varchar(24) NOT NULL, "name" varchar(50) NOT NULL, "idNumberEnc" varchar(255) NOT NULL, "idNumberHash" varchar(64) NOT NULL, "birthDate" varchar(10) NOT NULL, "appliedOn" varchar(10) NOT NULL, "stage" varchar(16) NOT NULL, "status" varchar(16) NOT NULL, "memberId" varchar(24), "probationStart" varchar(10), "probationEnd" varchar(10), "extensionMonths" integer, "lastStep" integer NOT NULL, "lastStepOn" varchar(10) NOT NULL, "note" varchar(500), "createdBy" varchar(24) NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_development_cases_member" ON "development_cases" ("memberId") `);
    await q.query(`CREATE INDEX "idx_development_cases_id_number" ON "development_cases" ("idNumberHash") `);
    await q.query(`CREATE INDEX "idx_development_cases_branch" ON "development_cases" ("branchOrgId") `);
    await q.query(
      `CREATE TABLE "development_steps" ("id" varchar(24) PRIMARY KEY NOT NULL, "caseId" varchar(24) NOT NULL, "step" integer NOT NULL, "occurredOn" varchar(10) NOT NULL, "actors" text, "vote" text, "trainingDays" integer, "trainingHours" integer, "outcome" varchar(16), "extensionMonths" integer, "noticeFrom" varchar(10), "noticeTo" varchar(10), "documents" varchar(500), "note" varchar(500), "supersedes" varchar(24), "enteredBy" varchar(24) NOT NULL, "enteredAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_development_steps_step_on" ON "development_steps" ("step", "occurredOn") `);
    await q.query(`CREATE INDEX "idx_development_steps_case" ON "development_steps" ("caseId") `);
    await q.query(
      `CREATE TABLE "development_plans" ("id" varchar(24) PRIMARY KEY NOT NULL, "orgId" varchar(24) NOT NULL, "year" integer NOT NULL, "quota" integer NOT NULL, "updatedBy" varchar(24) NOT NULL, "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_development_plans_org_year" ON "development_plans" ("orgId", "year") `);
    await q.query(
      `CREATE TABLE "workday_calendar" ("id" varchar(24) PRIMARY KEY NOT NULL, "orgId" varchar(24) NOT NULL, "day" varchar(10) NOT NULL, "workday" boolean NOT NULL, "note" varchar(50), "updatedBy" varchar(24) NOT NULL, "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_workday_calendar_org_day" ON "workday_calendar" ("orgId", "day") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "uq_workday_calendar_org_day"`);
    await q.query(`DROP TABLE "workday_calendar"`);
    await q.query(`DROP INDEX "uq_development_plans_org_year"`);
    await q.query(`DROP TABLE "development_plans"`);
    await q.query(`DROP INDEX "idx_development_steps_case"`);
    await q.query(`DROP INDEX "idx_development_steps_step_on"`);
    await q.query(`DROP TABLE "development_steps"`);
    await q.query(`DROP INDEX "idx_development_cases_branch"`);
    await q.query(`DROP INDEX "idx_development_cases_id_number"`);
    await q.query(`DROP INDEX "idx_development_cases_member"`);
    await q.query(`DROP TABLE "development_cases"`);
  }
}
