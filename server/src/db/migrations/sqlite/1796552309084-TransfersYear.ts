import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TransfersYear1796552309084 implements MigrationInterface {
  name = 'TransfersYear1796552309084';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "dues_disclosures" ("id" varchar(24) PRIMARY KEY NOT NULL, "orgId" varchar(24) NOT NULL, "year" integer NOT NULL, "rows" text NOT NULL, "totalCents" integer NOT NULL, "note" varchar(500), "publishedOn" varchar(10) NOT NULL, "publishedBy" varchar(24) NOT NULL, "publishedByName" varchar(50) NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_dues_disclosures_org_year" ON "dues_disclosures" ("orgId", "year") `);
    await q.query(
      `CREATE TABLE "incoming_transfers" ("id" varchar(24) PRIMARY KEY NOT NULL, "toOrgId" varchar(24) NOT NULL, "kind" varchar(24) NOT NULL, "fromOrgName" varchar(100) NOT NULL, "letterNo" varchar(64) NOT NULL, "issuedOn" varchar(10) NOT NULL, "validUntil" varchar(10) NOT NULL, "name" varchar(50) NOT NULL, "idCardEnc" varchar(255) NOT NULL, "idCardHash" varchar(64) NOT NULL, "gender" varchar(8), "birthDate" varchar(10), "memberStatus" varchar(16) NOT NULL, "joinedOn" varchar(10) NOT NULL, "fullOn" varchar(10), "duesPaidThrough" varchar(7) NOT NULL, "nationalSystemRef" varchar(64), "note" varchar(500), "status" varchar(16) NOT NULL, "registeredOn" varchar(10) NOT NULL, "receivedOn" varchar(10), "memberId" varchar(24), "openIdCardHash" varchar(64), "createdBy" varchar(24) NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_incoming_transfers_open" ON "incoming_transfers" ("openIdCardHash") `);
    await q.query(`CREATE INDEX "idx_incoming_transfers_to" ON "incoming_transfers" ("toOrgId") `);
    await q.query(`DROP INDEX "uq_members_id_card"`);
    await q.query(`DROP INDEX "idx_members_org"`);
    await q.query(`DROP INDEX "idx_members_name"`);
    await q.query(`DROP INDEX "idx_members_phone"`);
    await q.query(
      `CREATE TABLE "temporary_members" ("id" varchar(24) PRIMARY KEY NOT NULL, "name" varchar(50) NOT NULL, "gender" varchar(8), "orgId" varchar(24) NOT NULL, "status" varchar(16) NOT NULL, "idCardEnc" varchar(255) NOT NULL, "idCardHash" varchar(64) NOT NULL, "phoneEnc" varchar(255), "phoneHash" varchar(64), "birthDate" varchar(10), "joinedAt" varchar(10), "education" varchar(20), "isMobile" boolean NOT NULL DEFAULT (0), "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "transferState" varchar(16), "transferSince" varchar(10), "orgSince" varchar(10))`,
    );
    await q.query(
      `INSERT INTO "temporary_members"("id", "name", "gender", "orgId", "status", "idCardEnc", "idCardHash", "phoneEnc", "phoneHash", "birthDate", "joinedAt", "education", "isMobile", "createdAt", "updatedAt") SELECT "id", "name", "gender", "orgId", "status", "idCardEnc", "idCardHash", "phoneEnc", "phoneHash", "birthDate", "joinedAt", "education", "isMobile", "createdAt", "updatedAt" FROM "members"`,
    );
    await q.query(`DROP TABLE "members"`);
    await q.query(`ALTER TABLE "temporary_members" RENAME TO "members"`);
    await q.query(`CREATE UNIQUE INDEX "uq_members_id_card" ON "members" ("idCardHash") `);
    await q.query(`CREATE INDEX "idx_members_org" ON "members" ("orgId") `);
    await q.query(`CREATE INDEX "idx_members_name" ON "members" ("name") `);
    await q.query(`CREATE INDEX "idx_members_phone" ON "members" ("phoneHash") `);
    await q.query(`DROP INDEX "idx_membership_transfers_from"`);
    await q.query(`DROP INDEX "idx_membership_transfers_to"`);
    await q.query(`DROP INDEX "idx_membership_transfers_member"`);
    await q.query(`DROP INDEX "uq_membership_transfers_open"`);
    await q.query(
      `CREATE TABLE "temporary_membership_transfers" ("id" varchar(24) PRIMARY KEY NOT NULL, "memberId" varchar(24) NOT NULL, "fromOrgId" varchar(24) NOT NULL, "kind" varchar(24) NOT NULL, "toOrgId" varchar(24), "toOrgName" varchar(100) NOT NULL, "reason" varchar(500), "status" varchar(16) NOT NULL, "requestedOn" varchar(10) NOT NULL, "approvedOn" varchar(10), "issuedOn" varchar(10), "validUntil" varchar(10), "duesPaidThrough" varchar(7), "nationalSystemRef" varchar(64), "receivedOn" varchar(10), "note" varchar(500), "openMemberId" varchar(24), "createdBy" varchar(24) NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "remindedOn" varchar(10))`,
    );
    await q.query(
      `INSERT INTO "temporary_membership_transfers"("id", "memberId", "fromOrgId", "kind", "toOrgId", "toOrgName", "reason", "status", "requestedOn", "approvedOn", "issuedOn", "validUntil", "duesPaidThrough", "nationalSystemRef", "receivedOn", "note", "openMemberId", "createdBy", "createdAt", "updatedAt") SELECT "id", "memberId", "fromOrgId", "kind", "toOrgId", "toOrgName", "reason", "status", "requestedOn", "approvedOn", "issuedOn", "validUntil", "duesPaidThrough", "nationalSystemRef", "receivedOn", "note", "openMemberId", "createdBy", "createdAt", "updatedAt" FROM "membership_transfers"`,
    );
    await q.query(`DROP TABLE "membership_transfers"`);
    await q.query(`ALTER TABLE "temporary_membership_transfers" RENAME TO "membership_transfers"`);
    await q.query(`CREATE INDEX "idx_membership_transfers_from" ON "membership_transfers" ("fromOrgId") `);
    await q.query(`CREATE INDEX "idx_membership_transfers_to" ON "membership_transfers" ("toOrgId") `);
    await q.query(`CREATE INDEX "idx_membership_transfers_member" ON "membership_transfers" ("memberId") `);
    await q.query(`CREATE UNIQUE INDEX "uq_membership_transfers_open" ON "membership_transfers" ("openMemberId") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "uq_membership_transfers_open"`);
    await q.query(`DROP INDEX "idx_membership_transfers_member"`);
    await q.query(`DROP INDEX "idx_membership_transfers_to"`);
    await q.query(`DROP INDEX "idx_membership_transfers_from"`);
    await q.query(`ALTER TABLE "membership_transfers" RENAME TO "temporary_membership_transfers"`);
    await q.query(
      `CREATE TABLE "membership_transfers" ("id" varchar(24) PRIMARY KEY NOT NULL, "memberId" varchar(24) NOT NULL, "fromOrgId" varchar(24) NOT NULL, "kind" varchar(24) NOT NULL, "toOrgId" varchar(24), "toOrgName" varchar(100) NOT NULL, "reason" varchar(500), "status" varchar(16) NOT NULL, "requestedOn" varchar(10) NOT NULL, "approvedOn" varchar(10), "issuedOn" varchar(10), "validUntil" varchar(10), "duesPaidThrough" varchar(7), "nationalSystemRef" varchar(64), "receivedOn" varchar(10), "note" varchar(500), "openMemberId" varchar(24), "createdBy" varchar(24) NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "membership_transfers"("id", "memberId", "fromOrgId", "kind", "toOrgId", "toOrgName", "reason", "status", "requestedOn", "approvedOn", "issuedOn", "validUntil", "duesPaidThrough", "nationalSystemRef", "receivedOn", "note", "openMemberId", "createdBy", "createdAt", "updatedAt") SELECT "id", "memberId", "fromOrgId", "kind", "toOrgId", "toOrgName", "reason", "status", "requestedOn", "approvedOn", "issuedOn", "validUntil", "duesPaidThrough", "nationalSystemRef", "receivedOn", "note", "openMemberId", "createdBy", "createdAt", "updatedAt" FROM "temporary_membership_transfers"`,
    );
    await q.query(`DROP TABLE "temporary_membership_transfers"`);
    await q.query(`CREATE UNIQUE INDEX "uq_membership_transfers_open" ON "membership_transfers" ("openMemberId") `);
    await q.query(`CREATE INDEX "idx_membership_transfers_member" ON "membership_transfers" ("memberId") `);
    await q.query(`CREATE INDEX "idx_membership_transfers_to" ON "membership_transfers" ("toOrgId") `);
    await q.query(`CREATE INDEX "idx_membership_transfers_from" ON "membership_transfers" ("fromOrgId") `);
    await q.query(`DROP INDEX "idx_members_phone"`);
    await q.query(`DROP INDEX "idx_members_name"`);
    await q.query(`DROP INDEX "idx_members_org"`);
    await q.query(`DROP INDEX "uq_members_id_card"`);
    await q.query(`ALTER TABLE "members" RENAME TO "temporary_members"`);
    await q.query(
      `CREATE TABLE "members" ("id" varchar(24) PRIMARY KEY NOT NULL, "name" varchar(50) NOT NULL, "gender" varchar(8), "orgId" varchar(24) NOT NULL, "status" varchar(16) NOT NULL, "idCardEnc" varchar(255) NOT NULL, "idCardHash" varchar(64) NOT NULL, "phoneEnc" varchar(255), "phoneHash" varchar(64), "birthDate" varchar(10), "joinedAt" varchar(10), "education" varchar(20), "isMobile" boolean NOT NULL DEFAULT (0), "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "members"("id", "name", "gender", "orgId", "status", "idCardEnc", "idCardHash", "phoneEnc", "phoneHash", "birthDate", "joinedAt", "education", "isMobile", "createdAt", "updatedAt") SELECT "id", "name", "gender", "orgId", "status", "idCardEnc", "idCardHash", "phoneEnc", "phoneHash", "birthDate", "joinedAt", "education", "isMobile", "createdAt", "updatedAt" FROM "temporary_members"`,
    );
    await q.query(`DROP TABLE "temporary_members"`);
    await q.query(`CREATE INDEX "idx_members_phone" ON "members" ("phoneHash") `);
    await q.query(`CREATE INDEX "idx_members_name" ON "members" ("name") `);
    await q.query(`CREATE INDEX "idx_members_org" ON "members" ("orgId") `);
    await q.query(`CREATE UNIQUE INDEX "uq_members_id_card" ON "members" ("idCardHash") `);
    await q.query(`DROP INDEX "idx_incoming_transfers_to"`);
    await q.query(`DROP INDEX "uq_incoming_transfers_open"`);
    await q.query(`DROP TABLE "incoming_transfers"`);
    await q.query(`DROP INDEX "uq_dues_disclosures_org_year"`);
    await q.query(`DROP TABLE "dues_disclosures"`);
  }
}
