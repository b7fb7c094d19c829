import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ServiceDeeds1796541128299 implements MigrationInterface {
  name = 'ServiceDeeds1796541128299';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "public_deeds" ("id" varchar(24) PRIMARY KEY NOT NULL, "orgId" varchar(24) NOT NULL, "title" varchar(100) NOT NULL, "category" varchar(50) NOT NULL, "requester" varchar(50) NOT NULL, "source" varchar(16) NOT NULL, "sourceRef" varchar(24), "sourceKey" varchar(64), "responsibleMemberId" varchar(24) NOT NULL, "promisedBy" varchar(10) NOT NULL, "status" varchar(16) NOT NULL, "result" text, "doneAt" datetime(3), "closedAt" datetime(3), "declineReason" varchar(500), "followUpAt" datetime(3), "followUpBy" varchar(24), "followUpByName" varchar(50), "followUpSatisfied" boolean, "followUpNote" varchar(500), "createdBy" varchar(24) NOT NULL, "createdByName" varchar(50) NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_public_deeds_source_key" ON "public_deeds" ("sourceKey") `);
    await q.query(`CREATE INDEX "idx_public_deeds_done" ON "public_deeds" ("doneAt") `);
    await q.query(`CREATE INDEX "idx_public_deeds_responsible" ON "public_deeds" ("responsibleMemberId") `);
    await q.query(`CREATE INDEX "idx_public_deeds_org" ON "public_deeds" ("orgId", "createdAt") `);
    await q.query(
      `CREATE TABLE "service_requests" ("id" varchar(24) PRIMARY KEY NOT NULL, "orgId" varchar(24) NOT NULL, "requester" varchar(50) NOT NULL, "contactEnc" varchar(255), "matter" text NOT NULL, "receivedOn" varchar(10) NOT NULL, "channel" varchar(16) NOT NULL, "status" varchar(16) NOT NULL, "handledNote" varchar(500), "deedId" varchar(24), "liaisonContactId" varchar(24), "sourceKey" varchar(64), "createdBy" varchar(24) NOT NULL, "createdByName" varchar(50) NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_service_requests_source_key" ON "service_requests" ("sourceKey") `);
    await q.query(`CREATE INDEX "idx_service_requests_org" ON "service_requests" ("orgId", "receivedOn") `);
    await q.query(
      `CREATE TABLE "liaisons" ("id" varchar(24) PRIMARY KEY NOT NULL, "orgId" varchar(24) NOT NULL, "memberId" varchar(24) NOT NULL, "kind" varchar(24) NOT NULL, "scope" varchar(16) NOT NULL, "targetOrgId" varchar(24), "areaName" varchar(100), "fromDay" varchar(10) NOT NULL, "toDay" varchar(10), "contactIntervalDays" integer, "lastContactOn" varchar(10), "createdBy" varchar(24) NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_liaisons_member" ON "liaisons" ("memberId") `);
    await q.query(`CREATE INDEX "idx_liaisons_org" ON "liaisons" ("orgId") `);
    await q.query(
      `CREATE TABLE "liaison_households" ("id" varchar(24) PRIMARY KEY NOT NULL, "liaisonId" varchar(24) NOT NULL, "position" integer NOT NULL, "name" varchar(50) NOT NULL, "note" varchar(200))`,
    );
    await q.query(`CREATE INDEX "idx_liaison_households_liaison" ON "liaison_households" ("liaisonId", "position") `);
    await q.query(
      `CREATE TABLE "liaison_contacts" ("id" varchar(24) PRIMARY KEY NOT NULL, "liaisonId" varchar(24) NOT NULL, "memberId" varchar(24) NOT NULL, "loggedBy" varchar(24) NOT NULL, "onDay" varchar(10) NOT NULL, "householdId" varchar(24), "what" text NOT NULL, "needs" text, "clientKey" varchar(140), "createdAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_liaison_contacts_client_key" ON "liaison_contacts" ("clientKey") `);
    await q.query(`CREATE INDEX "idx_liaison_contacts_member" ON "liaison_contacts" ("memberId", "onDay") `);
    await q.query(`CREATE INDEX "idx_liaison_contacts_liaison" ON "liaison_contacts" ("liaisonId", "onDay") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_liaison_contacts_liaison"`);
    await q.query(`DROP INDEX "idx_liaison_contacts_member"`);
    await q.query(`DROP INDEX "uq_liaison_contacts_client_key"`);
    await q.query(`DROP TABLE "liaison_contacts"`);
    await q.query(`DROP INDEX "idx_liaison_households_liaison"`);
    await q.query(`DROP TABLE "liaison_households"`);
    await q.query(`DROP INDEX "idx_liaisons_org"`);
    await q.query(`DROP INDEX "idx_liaisons_member"`);
    await q.query(`DROP TABLE "liaisons"`);
    await q.query(`DROP INDEX "idx_service_requests_org"`);
    await q.query(`DROP INDEX "uq_service_requests_source_key"`);
    await q.query(`DROP TABLE "service_requests"`);
    await q.query(`DROP INDEX "idx_public_deeds_org"`);
    await q.query(`DROP INDEX "idx_public_deeds_responsible"`);
    await q.query(`DROP INDEX "idx_public_deeds_done"`);
    await q.query(`DROP INDEX "uq_public_deeds_source_key"`);
    await q.query(`DROP TABLE "public_deeds"`);
  }
}
