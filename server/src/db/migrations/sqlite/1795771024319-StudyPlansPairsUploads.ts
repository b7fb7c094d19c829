import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StudyPlansPairsUploads1795771024319 implements MigrationInterface {
  name = 'StudyPlansPairsUploads1795771024319';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "activity_materials" ("activityId" varchar(24) NOT NULL, "materialId" varchar(24) NOT NULL, "position" integer NOT NULL, PRIMARY KEY ("activityId", "materialId"))`,
    );
    await q.query(
      `CREATE TABLE "activity_study_pairs" ("activityId" varchar(24) NOT NULL, "menteeId" varchar(24) NOT NULL, "mentorId" varchar(24) NOT NULL, "position" integer NOT NULL, PRIMARY KEY ("activityId", "menteeId"))`,
    );
    await q.query(
      `CREATE TABLE "study_files" ("id" varchar(24) PRIMARY KEY NOT NULL, "kind" varchar(16) NOT NULL, "contentType" varchar(50) NOT NULL, "size" integer NOT NULL, "filename" varchar(200) NOT NULL, "storageKey" varchar(200) NOT NULL, "createdBy" varchar(24), "createdAt" datetime(3) NOT NULL)`,
    );
    await q.query(
      `CREATE TABLE "study_plans" ("id" varchar(24) PRIMARY KEY NOT NULL, "orgId" varchar(24) NOT NULL, "title" varchar(100) NOT NULL, "startsOn" varchar(10) NOT NULL, "endsOn" varchar(10) NOT NULL, "note" varchar(500), "createdBy" varchar(24), "createdAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_study_plans_org" ON "study_plans" ("orgId", "endsOn") `);
    await q.query(
      `CREATE TABLE "study_plan_materials" ("planId" varchar(24) NOT NULL, "materialId" varchar(24) NOT NULL, "position" integer NOT NULL, PRIMARY KEY ("planId", "materialId"))`,
    );
    await q.query(`CREATE INDEX "idx_study_plan_materials_material" ON "study_plan_materials" ("materialId") `);
    await q.query(`DROP INDEX "idx_activities_start"`);
    await q.query(`DROP INDEX "idx_activities_org_start"`);
    await q.query(
      `CREATE TABLE "temporary_activities" ("id" varchar(24) PRIMARY KEY NOT NULL, "title" varchar(100) NOT NULL, "kind" varchar(32) NOT NULL, "orgId" varchar(24) NOT NULL, "startsAt" datetime(3) NOT NULL, "endsAt" datetime(3) NOT NULL, "locationName" varchar(100), "lat" double, "lng" double, "radiusM" integer, "checkinModes" varchar(16) NOT NULL, "studyMode" varchar(16), "description" text, "lecturer" varchar(50), "allowRemote" boolean NOT NULL DEFAULT (0), "status" varchar(16) NOT NULL, "createdBy" varchar(24), "createdAt" datetime(3) NOT NULL, "publishedAt" datetime(3), "cancelledAt" datetime(3), "attendanceClosedAt" datetime(3), "topic" varchar(100))`,
    );
    await q.query(
      `INSERT INTO "temporary_activities"("id", "title", "kind", "orgId", "startsAt", "endsAt", "locationName", "lat", "lng", "radiusM", "checkinModes", "studyMode", "description", "lecturer", "allowRemote", "status", "createdBy", "createdAt", "publishedAt", "cancelledAt", "attendanceClosedAt") SELECT "id", "title", "kind", "orgId", "startsAt", "endsAt", "locationName", "lat", "lng", "radiusM", "checkinModes", "studyMode", "description", "lecturer", "allowRemote", "status", "createdBy", "createdAt", "publishedAt", "cancelledAt", "attendanceClosedAt" FROM "activities"`,
    );
    await q.query(`DROP TABLE "activities"`);
    await q.query(`ALTER TABLE "temporary_activities" RENAME TO "activities"`);
    await q.query(`CREATE INDEX "idx_activities_start" ON "activities" ("startsAt") `);
    await q.query(`CREATE INDEX "idx_activities_org_start" ON "activities" ("orgId", "startsAt") `);
    await q.query(`DROP INDEX "idx_study_materials_org"`);
    await q.query(
      `CREATE TABLE "temporary_study_materials" ("id" varchar(24) PRIMARY KEY NOT NULL, "title" varchar(100) NOT NULL, "kind" varchar(16) NOT NULL, "summary" varchar(300), "tags" varchar(300) NOT NULL DEFAULT (''), "body" text, "url" varchar(500), "orgId" varchar(24) NOT NULL, "required" boolean NOT NULL DEFAULT (0), "status" varchar(16) NOT NULL, "minSeconds" integer NOT NULL DEFAULT (0), "quizMode" varchar(16) NOT NULL DEFAULT ('none'), "quiz" text, "createdBy" varchar(24), "createdAt" datetime(3) NOT NULL, "fileId" varchar(24))`,
    );
    await q.query(
      `INSERT INTO "temporary_study_materials"("id", "title", "kind", "summary", "tags", "body", "url", "orgId", "required", "status", "minSeconds", "quizMode", "quiz", "createdBy", "createdAt") SELECT "id", "title", "kind", "summary", "tags", "body", "url", "orgId", "required", "status", "minSeconds", "quizMode", "quiz", "createdBy", "createdAt" FROM "study_materials"`,
    );
    await q.query(`DROP TABLE "study_materials"`);
    await q.query(`ALTER TABLE "temporary_study_materials" RENAME TO "study_materials"`);
    await q.query(`CREATE INDEX "idx_study_materials_org" ON "study_materials" ("orgId", "status") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_study_materials_org"`);
    await q.query(`ALTER TABLE "study_materials" RENAME TO "temporary_study_materials"`);
    await q.query(
      `CREATE TABLE "study_materials" ("id" varchar(24) PRIMARY KEY NOT NULL, "title" varchar(100) NOT NULL, "kind" varchar(16) NOT NULL, "summary" varchar(300), "tags" varchar(300) NOT NULL DEFAULT (''), "body" text, "url" varchar(500), "orgId" varchar(24) NOT NULL, "required" boolean NOT NULL DEFAULT (0), "status" varchar(16) NOT NULL, "minSeconds" integer NOT NULL DEFAULT (0), "quizMode" varchar(16) NOT NULL DEFAULT ('none'), "quiz" text, "createdBy" varchar(24), "createdAt" datetime(3) NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "study_materials"("id", "title", "kind", "summary", "tags", "body", "url", "orgId", "required", "status", "minSeconds", "quizMode", "quiz", "createdBy", "createdAt") SELECT "id", "title", "kind", "summary", "tags", "body", "url", "orgId", "required", "status", "minSeconds", "quizMode", "quiz", "createdBy", "createdAt" FROM "temporary_study_materials"`,
    );
    await q.query(`DROP TABLE "temporary_study_materials"`);
    await q.query(`CREATE INDEX "idx_study_materials_org" ON "study_materials" ("orgId", "status") `);
    await q.query(`DROP INDEX "idx_activities_org_start"`);
    await q.query(`DROP INDEX "idx_activities_start"`);
    await q.query(`ALTER TABLE "activities" RENAME TO "temporary_activities"`);
    await q.query(
      `CREATE TABLE "activities" ("id" varchar(24) PRIMARY KEY NOT NULL, "title" varchar(100) NOT NULL, "kind" varchar(32) NOT NULL, "orgId" varchar(24) NOT NULL, "startsAt" datetime(3) NOT NULL, "endsAt" datetime(3) NOT NULL, "locationName" varchar(100), "lat" double, "lng" double, "radiusM" integer, "checkinModes" varchar(16) NOT NULL, "studyMode" varchar(16), "description" text, "lecturer" varchar(50), "allowRemote" boolean NOT NULL DEFAULT (0), "status" varchar(16) NOT NULL, "createdBy" varchar(24), "createdAt" datetime(3) NOT NULL, "publishedAt" datetime(3), "cancelledAt" datetime(3), "attendanceClosedAt" datetime(3))`,
    );
    await q.query(
      `INSERT INTO "activities"("id", "title", "kind", "orgId", "startsAt", "endsAt", "locationName", "lat", "lng", "radiusM", "checkinModes", "studyMode", "description", "lecturer", "allowRemote", "status", "createdBy", "createdAt", "publishedAt", "cancelledAt", "attendanceClosedAt") SELECT "id", "title", "kind", "orgId", "startsAt", "endsAt", "locationName", "lat", "lng", "radiusM", "checkinModes", "studyMode", "description", "lecturer", "allowRemote", "status", "createdBy", "createdAt", "publishedAt", "cancelledAt", "attendanceClosedAt" FROM "temporary_activities"`,
    );
    await q.query(`DROP TABLE "temporary_activities"`);
    await q.query(`CREATE INDEX "idx_activities_org_start" ON "activities" ("orgId", "startsAt") `);
    await q.query(`CREATE INDEX "idx_activities_start" ON "activities" ("startsAt") `);
    await q.query(`DROP INDEX "idx_study_plan_materials_material"`);
    await q.query(`DROP TABLE "study_plan_materials"`);
    await q.query(`DROP INDEX "idx_study_plans_org"`);
    await q.query(`DROP TABLE "study_plans"`);
    await q.query(`DROP TABLE "study_files"`);
    await q.query(`DROP TABLE "activity_study_pairs"`);
    await q.query(`DROP TABLE "activity_materials"`);
  }
}
