import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportRecords1796541120505 implements MigrationInterface {
  name = 'ReportRecords1796541120505';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "visits" ("id" varchar(24) PRIMARY KEY NOT NULL, "orgId" varchar(24) NOT NULL, "visitorMemberId" varchar(24), "visitorName" varchar(50) NOT NULL, "on" varchar(10) NOT NULL, "purpose" varchar(16) NOT NULL, "topic" varchar(200) NOT NULL, "place" varchar(100), "createdBy" varchar(24) NOT NULL, "createdAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_visits_org_on" ON "visits" ("orgId", "on") `);
    await q.query(
      `CREATE TABLE "visit_households" ("id" varchar(24) PRIMARY KEY NOT NULL, "visitId" varchar(24) NOT NULL, "household" varchar(50) NOT NULL, "householdKey" varchar(50) NOT NULL, "memberId" varchar(24), "poor" boolean NOT NULL DEFAULT (0))`,
    );
    await q.query(`CREATE INDEX "idx_visit_households_key" ON "visit_households" ("householdKey") `);
    await q.query(`CREATE INDEX "idx_visit_households_visit" ON "visit_households" ("visitId") `);
    await q.query(
      `CREATE TABLE "talks" ("id" varchar(24) PRIMARY KEY NOT NULL, "orgId" varchar(24) NOT NULL, "talkerMemberId" varchar(24), "talkerName" varchar(50) NOT NULL, "withMemberId" varchar(24), "withName" varchar(50) NOT NULL, "on" varchar(10) NOT NULL, "topic" varchar(200) NOT NULL, "createdBy" varchar(24) NOT NULL, "createdAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_talks_org_on" ON "talks" ("orgId", "on") `);
    await q.query(
      `CREATE TABLE "sites" ("id" varchar(24) PRIMARY KEY NOT NULL, "orgId" varchar(24) NOT NULL, "name" varchar(100) NOT NULL, "address" varchar(200), "areaM2" integer, "standardizedOn" varchar(10), "note" varchar(500), "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_sites_org" ON "sites" ("orgId") `);
    await q.query(
      `CREATE TABLE "site_investments" ("id" varchar(24) PRIMARY KEY NOT NULL, "siteId" varchar(24) NOT NULL, "on" varchar(10) NOT NULL, "amountCents" integer NOT NULL, "purpose" varchar(200) NOT NULL, "disclosureId" varchar(24), "createdBy" varchar(24) NOT NULL, "createdAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_site_investments_site" ON "site_investments" ("siteId") `);
    await q.query(
      `CREATE TABLE "branch_ratings" ("id" varchar(24) PRIMARY KEY NOT NULL, "orgId" varchar(24) NOT NULL, "year" integer NOT NULL, "rating" varchar(16) NOT NULL, "decidedOn" varchar(10) NOT NULL, "note" varchar(500))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_branch_ratings_org_year" ON "branch_ratings" ("orgId", "year") `);
    await q.query(
      `CREATE TABLE "commendations" ("id" varchar(24) PRIMARY KEY NOT NULL, "year" integer NOT NULL, "on" varchar(10) NOT NULL, "title" varchar(100) NOT NULL, "issuerOrgId" varchar(24) NOT NULL, "subjectKind" varchar(8) NOT NULL, "orgId" varchar(24) NOT NULL, "memberId" varchar(24), "note" varchar(500), "createdBy" varchar(24) NOT NULL, "createdAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_commendations_issuer_year" ON "commendations" ("issuerOrgId", "year") `);
    await q.query(`CREATE INDEX "idx_commendations_org_year" ON "commendations" ("orgId", "year") `);
    await q.query(`DROP INDEX "idx_role_grants_member"`);
    await q.query(`DROP INDEX "idx_role_grants_user"`);
    await q.query(`DROP INDEX "idx_role_grants_org"`);
    await q.query(
      `CREATE TABLE "temporary_role_grants" ("id" varchar(24) PRIMARY KEY NOT NULL, "memberId" varchar(24), "userId" varchar(24), "role" varchar(32) NOT NULL, "orgId" varchar(24) NOT NULL, "grantedAt" datetime(3) NOT NULL, "endedAt" datetime(3), "endReason" varchar(32), "endNote" varchar(200))`,
    );
    await q.query(
      `INSERT INTO "temporary_role_grants"("id", "memberId", "userId", "role", "orgId", "grantedAt", "endedAt", "endReason") SELECT "id", "memberId", "userId", "role", "orgId", "grantedAt", "endedAt", "endReason" FROM "role_grants"`,
    );
    await q.query(`DROP TABLE "role_grants"`);
    await q.query(`ALTER TABLE "temporary_role_grants" RENAME TO "role_grants"`);
    await q.query(`CREATE INDEX "idx_role_grants_member" ON "role_grants" ("memberId") `);
    await q.query(`CREATE INDEX "idx_role_grants_user" ON "role_grants" ("userId") `);
    await q.query(`CREATE INDEX "idx_role_grants_org" ON "role_grants" ("orgId", "role") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_role_grants_org"`);
    await q.query(`DROP INDEX "idx_role_grants_user"`);
    await q.query(`DROP INDEX "idx_role_grants_member"`);
    await q.query(`ALTER TABLE "role_grants" RENAME TO "temporary_role_grants"`);
    await q.query(
      `CREATE TABLE "role_grants" ("id" varchar(24) PRIMARY KEY NOT NULL, "memberId" varchar(24), "userId" varchar(24), "role" varchar(32) NOT NULL, "orgId" varchar(24) NOT NULL, "grantedAt" datetime(3) NOT NULL, "endedAt" datetime(3), "endReason" varchar(32))`,
    );
    await q.query(
      `INSERT INTO "role_grants"("id", "memberId", "userId", "role", "orgId", "grantedAt", "endedAt", "endReason") SELECT "id", "memberId", "userId", "role", "orgId", "grantedAt", "endedAt", "endReason" FROM "temporary_role_grants"`,
    );
    await q.query(`DROP TABLE "temporary_role_grants"`);
    await q.query(`CREATE INDEX "idx_role_grants_org" ON "role_grants" ("orgId", "role") `);
    await q.query(`CREATE INDEX "idx_role_grants_user" ON "role_grants" ("userId") `);
    await q.query(`CREATE INDEX "idx_role_grants_member" ON "role_grants" ("memberId") `);
    await q.query(`DROP INDEX "idx_commendations_org_year"`);
    await q.query(`DROP INDEX "idx_commendations_issuer_year"`);
    await q.query(`DROP TABLE "commendations"`);
    await q.query(`DROP INDEX "uq_branch_ratings_org_year"`);
    await q.query(`DROP TABLE "branch_ratings"`);
    await q.query(`DROP INDEX "idx_site_investments_site"`);
    await q.query(`DROP TABLE "site_investments"`);
    await q.query(`DROP INDEX "idx_sites_org"`);
    await q.query(`DROP TABLE "sites"`);
    await q.query(`DROP INDEX "idx_talks_org_on"`);
    await q.query(`DROP TABLE "talks"`);
    await q.query(`DROP INDEX "idx_visit_households_visit"`);
    await q.query(`DROP INDEX "idx_visit_households_key"`);
    await q.query(`DROP TABLE "visit_households"`);
    await q.query(`DROP INDEX "idx_visits_org_on"`);
    await q.query(`DROP TABLE "visits"`);
  }
}
