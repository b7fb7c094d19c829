import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Mobility1795763353960 implements MigrationInterface {
  name = 'Mobility1795763353960';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "contact_logs" ("id" varchar(24) PRIMARY KEY NOT NULL, "memberId" varchar(24) NOT NULL, "cadreId" varchar(24), "loggedBy" varchar(24) NOT NULL, "method" varchar(16) NOT NULL, "contactedAt" datetime(3) NOT NULL, "summary" varchar(500) NOT NULL, "needs" varchar(500), "followUpRequired" boolean NOT NULL DEFAULT (0), "clientKey" varchar(140), "createdAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_contact_logs_client_key" ON "contact_logs" ("clientKey") `);
    await q.query(`CREATE INDEX "idx_contact_logs_cadre" ON "contact_logs" ("cadreId", "contactedAt") `);
    await q.query(`CREATE INDEX "idx_contact_logs_member" ON "contact_logs" ("memberId", "contactedAt") `);
    await q.query(
      `CREATE TABLE "mobility_events" ("id" varchar(24) PRIMARY KEY NOT NULL, "memberId" varchar(24) NOT NULL, "kind" varchar(16) NOT NULL, "details" text NOT NULL, "by" varchar(24), "at" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_mobility_events_member" ON "mobility_events" ("memberId", "at") `);
    await q.query(`DROP INDEX "idx_member_mobility_cadre"`);
    await q.query(
      `CREATE TABLE "temporary_member_mobility" ("memberId" varchar(24) PRIMARY KEY NOT NULL, "destination" varchar(100) NOT NULL, "employer" varchar(100), "leftAt" varchar(10), "status" varchar(16) NOT NULL DEFAULT ('away'), "contactCadreId" varchar(24), "intervalDays" integer NOT NULL DEFAULT (90), "updatedAt" datetime(3) NOT NULL, "expectedReturnAt" varchar(10), "lastContactAt" datetime(3), "lastSelfReportAt" datetime(3), "registeredAt" datetime(3))`,
    );
    await q.query(
      `INSERT INTO "temporary_member_mobility"("memberId", "destination", "employer", "leftAt", "status", "contactCadreId", "intervalDays", "updatedAt") SELECT "memberId", "destination", "employer", "leftAt", "status", "contactCadreId", "intervalDays", "updatedAt" FROM "member_mobility"`,
    );
    await q.query(`DROP TABLE "member_mobility"`);
    await q.query(`ALTER TABLE "temporary_member_mobility" RENAME TO "member_mobility"`);
    await q.query(`CREATE INDEX "idx_member_mobility_cadre" ON "member_mobility" ("contactCadreId") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_member_mobility_cadre"`);
    await q.query(`ALTER TABLE "member_mobility" RENAME TO "temporary_member_mobility"`);
    await q.query(
      `CREATE TABLE "member_mobility" ("memberId" varchar(24) PRIMARY KEY NOT NULL, "destination" varchar(100) NOT NULL, "employer" varchar(100), "leftAt" varchar(10), "status" varchar(16) NOT NULL DEFAULT ('away'), "contactCadreId" varchar(24), "intervalDays" integer NOT NULL DEFAULT (90), "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "member_mobility"("memberId", "destination", "employer", "leftAt", "status", "contactCadreId", "intervalDays", "updatedAt") SELECT "memberId", "destination", "employer", "leftAt", "status", "contactCadreId", "intervalDays", "updatedAt" FROM "temporary_member_mobility"`,
    );
    await q.query(`DROP TABLE "temporary_member_mobility"`);
    await q.query(`CREATE INDEX "idx_member_mobility_cadre" ON "member_mobility" ("contactCadreId") `);
    await q.query(`DROP INDEX "idx_mobility_events_member"`);
    await q.query(`DROP TABLE "mobility_events"`);
    await q.query(`DROP INDEX "idx_contact_logs_member"`);
    await q.query(`DROP INDEX "idx_contact_logs_cadre"`);
    await q.query(`DROP INDEX "uq_contact_logs_client_key"`);
    await q.query(`DROP TABLE "contact_logs"`);
  }
}
