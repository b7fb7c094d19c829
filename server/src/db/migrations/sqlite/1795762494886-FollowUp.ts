import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FollowUp1795762494886 implements MigrationInterface {
  name = 'FollowUp1795762494886';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "activity_records" ("activityId" varchar(24) PRIMARY KEY NOT NULL, "minutes" text NOT NULL, "updatedAt" datetime(3) NOT NULL, "updatedBy" varchar(24))`,
    );
    await q.query(
      `CREATE TABLE "activity_photos" ("id" varchar(24) PRIMARY KEY NOT NULL, "activityId" varchar(24) NOT NULL, "storageKey" varchar(100) NOT NULL, "contentType" varchar(32) NOT NULL, "size" integer NOT NULL, "createdBy" varchar(24), "createdAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_activity_photos_activity" ON "activity_photos" ("activityId") `);
    await q.query(
      `CREATE TABLE "rectification_notices" ("id" varchar(24) PRIMARY KEY NOT NULL, "memberId" varchar(24) NOT NULL, "orgId" varchar(24) NOT NULL, "triggerKey" varchar(80) NOT NULL, "missed" text NOT NULL, "content" text NOT NULL, "deadline" varchar(10) NOT NULL, "status" varchar(16) NOT NULL, "createdAt" datetime(3) NOT NULL, "resolvedAt" datetime(3), "resolvedBy" varchar(24), "resolution" varchar(500))`,
    );
    await q.query(`CREATE INDEX "idx_rectification_member" ON "rectification_notices" ("memberId") `);
    await q.query(`CREATE INDEX "idx_rectification_org" ON "rectification_notices" ("orgId", "status") `);
    await q.query(`CREATE UNIQUE INDEX "uq_rectification_trigger" ON "rectification_notices" ("triggerKey") `);
    await q.query(
      `CREATE TABLE "org_life_plans" ("orgId" varchar(24) NOT NULL, "kind" varchar(32) NOT NULL, "cycle" varchar(8) NOT NULL, "updatedAt" datetime(3) NOT NULL, PRIMARY KEY ("orgId", "kind"))`,
    );
    await q.query(`DROP INDEX "idx_activities_org_start"`);
    await q.query(`DROP INDEX "idx_activities_start"`);
    await q.query(
      `CREATE TABLE "temporary_activities" ("id" varchar(24) PRIMARY KEY NOT NULL, "title" varchar(100) NOT NULL, "kind" varchar(32) NOT NULL, "orgId" varchar(24) NOT NULL, "startsAt" datetime(3) NOT NULL, "endsAt" datetime(3) NOT NULL, "locationName" varchar(100), "lat" double, "lng" double, "radiusM" integer, "checkinModes" varchar(16) NOT NULL, "studyMode" varchar(16), "description" text, "lecturer" varchar(50), "allowRemote" boolean NOT NULL DEFAULT (0), "status" varchar(16) NOT NULL, "createdBy" varchar(24), "createdAt" datetime(3) NOT NULL, "publishedAt" datetime(3), "cancelledAt" datetime(3), "attendanceClosedAt" datetime(3))`,
    );
    await q.query(
      `INSERT INTO "temporary_activities"("id", "title", "kind", "orgId", "startsAt", "endsAt", "locationName", "lat", "lng", "radiusM", "checkinModes", "studyMode", "description", "lecturer", "allowRemote", "status", "createdBy", "createdAt", "publishedAt", "cancelledAt") SELECT "id", "title", "kind", "orgId", "startsAt", "endsAt", "locationName", "lat", "lng", "radiusM", "checkinModes", "studyMode", "description", "lecturer", "allowRemote", "status", "createdBy", "createdAt", "publishedAt", "cancelledAt" FROM "activities"`,
    );
    await q.query(`DROP TABLE "activities"`);
    await q.query(`ALTER TABLE "temporary_activities" RENAME TO "activities"`);
    await q.query(`CREATE INDEX "idx_activities_org_start" ON "activities" ("orgId", "startsAt") `);
    await q.query(`CREATE INDEX "idx_activities_start" ON "activities" ("startsAt") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_activities_start"`);
    await q.query(`DROP INDEX "idx_activities_org_start"`);
    await q.query(`ALTER TABLE "activities" RENAME TO "temporary_activities"`);
    await q.query(
      `CREATE TABLE "activities" ("id" varchar(24) PRIMARY KEY NOT NULL, "title" varchar(100) NOT NULL, "kind" varchar(32) NOT NULL, "orgId" varchar(24) NOT NULL, "startsAt" datetime(3) NOT NULL, "endsAt" datetime(3) NOT NULL, "locationName" varchar(100), "lat" double, "lng" double, "radiusM" integer, "checkinModes" varchar(16) NOT NULL, "studyMode" varchar(16), "description" text, "lecturer" varchar(50), "allowRemote" boolean NOT NULL DEFAULT (0), "status" varchar(16) NOT NULL, "createdBy" varchar(24), "createdAt" datetime(3) NOT NULL, "publishedAt" datetime(3), "cancelledAt" datetime(3))`,
    );
    await q.query(
      `INSERT INTO "activities"("id", "title", "kind", "orgId", "startsAt", "endsAt", "locationName", "lat", "lng", "radiusM", "checkinModes", "studyMode", "description", "lecturer", "allowRemote", "status", "createdBy", "createdAt", "publishedAt", "cancelledAt") SELECT "id", "title", "kind", "orgId", "startsAt", "endsAt", "locationName", "lat", "lng", "radiusM", "checkinModes", "studyMode", "description", "lecturer", "allowRemote", "status", "createdBy", "createdAt", "publishedAt", "cancelledAt" FROM "temporary_activities"`,
    );
    await q.query(`DROP TABLE "temporary_activities"`);
    await q.query(`CREATE INDEX "idx_activities_start" ON "activities" ("startsAt") `);
    await q.query(`CREATE INDEX "idx_activities_org_start" ON "activities" ("orgId", "startsAt") `);
    await q.query(`DROP TABLE "org_life_plans"`);
    await q.query(`DROP INDEX "uq_rectification_trigger"`);
    await q.query(`DROP INDEX "idx_rectification_org"`);
    await q.query(`DROP INDEX "idx_rectification_member"`);
    await q.query(`DROP TABLE "rectification_notices"`);
    await q.query(`DROP INDEX "idx_activity_photos_activity"`);
    await q.query(`DROP TABLE "activity_photos"`);
    await q.query(`DROP TABLE "activity_records"`);
  }
}
