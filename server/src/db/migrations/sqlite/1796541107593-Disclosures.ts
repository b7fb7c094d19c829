import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Disclosures1796541107593 implements MigrationInterface {
  name = 'Disclosures1796541107593';

  public async up(q: QueryRunner): Promise<void> {
    // A database first migrated while Disclosures1796542595057 created these tables too (on main
    // between two merges) has them already: nothing to do there.
    if (await q.hasTable('disclosures')) return;
    await q.query(
      `CREATE TABLE "disclosures" ("id" varchar(24) PRIMARY KEY NOT NULL, "orgId" varchar(24) NOT NULL, "kind" varchar(16) NOT NULL, "title" varchar(100) NOT NULL, "periodFrom" varchar(10) NOT NULL, "periodTo" varchar(10) NOT NULL, "body" text, "audience" varchar(16) NOT NULL, "status" varchar(16) NOT NULL, "version" integer NOT NULL DEFAULT (1), "supersedesId" varchar(24), "supersededById" varchar(24), "preparedBy" varchar(24) NOT NULL, "preparedByName" varchar(50) NOT NULL, "preparedAt" datetime(3) NOT NULL, "reviewedBy" varchar(24), "reviewedByName" varchar(50), "reviewedAt" datetime(3), "reviewNote" varchar(500), "financeCheckedBy" varchar(24), "financeCheckedByName" varchar(50), "financeCheckedAt" datetime(3), "financeCheckNote" varchar(500), "approvedBy" varchar(24), "approvedByName" varchar(50), "approvedAt" datetime(3), "approveNote" varchar(500), "publishedAt" datetime(3), "returnReason" varchar(500), "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_disclosures_supersedes" ON "disclosures" ("supersedesId") `);
    await q.query(`CREATE INDEX "idx_disclosures_org_status" ON "disclosures" ("orgId", "status", "periodTo") `);
    await q.query(
      `CREATE TABLE "disclosure_rows" ("id" varchar(24) PRIMARY KEY NOT NULL, "disclosureId" varchar(24) NOT NULL, "seq" integer NOT NULL, "day" varchar(10) NOT NULL, "item" varchar(200) NOT NULL, "incomeCents" integer, "expenseCents" integer, "voucherNo" varchar(50), "beneficiary" varchar(50), "amountCents" integer)`,
    );
    await q.query(`CREATE INDEX "idx_disclosure_rows_disclosure" ON "disclosure_rows" ("disclosureId", "seq") `);
    await q.query(
      `CREATE TABLE "disclosure_schedules" ("id" varchar(24) PRIMARY KEY NOT NULL, "orgId" varchar(24) NOT NULL, "kind" varchar(16) NOT NULL, "cadence" varchar(16) NOT NULL, "lowActivity" boolean NOT NULL DEFAULT (0), "nextDueOn" varchar(10), "flaggedDueOn" varchar(10), "problemId" varchar(24), "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_disclosure_schedules_org_kind" ON "disclosure_schedules" ("orgId", "kind") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "uq_disclosure_schedules_org_kind"`);
    await q.query(`DROP TABLE "disclosure_schedules"`);
    await q.query(`DROP INDEX "idx_disclosure_rows_disclosure"`);
    await q.query(`DROP TABLE "disclosure_rows"`);
    await q.query(`DROP INDEX "idx_disclosures_org_status"`);
    await q.query(`DROP INDEX "uq_disclosures_supersedes"`);
    await q.query(`DROP TABLE "disclosures"`);
  }
}
