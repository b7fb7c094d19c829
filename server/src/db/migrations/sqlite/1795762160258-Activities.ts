import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Activities1795762160258 implements MigrationInterface {
  name = 'Activities1795762160258';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "activities" ("id" varchar(24) PRIMARY KEY NOT NULL, "title" varchar(100) NOT NULL, "kind" varchar(32) NOT NULL, "orgId" varchar(24) NOT NULL, "startsAt" datetime(3) NOT NULL, "endsAt" datetime(3) NOT NULL, "locationName" varchar(100), "lat" double, "lng" double, "radiusM" integer, "checkinModes" varchar(16) NOT NULL, "studyMode" varchar(16), "description" text, "lecturer" varchar(50), "allowRemote" boolean NOT NULL DEFAULT (0), "status" varchar(16) NOT NULL, "createdBy" varchar(24), "createdAt" datetime(3) NOT NULL, "publishedAt" datetime(3), "cancelledAt" datetime(3))`,
    );
    await q.query(`CREATE INDEX "idx_activities_start" ON "activities" ("startsAt") `);
    await q.query(`CREATE INDEX "idx_activities_org_start" ON "activities" ("orgId", "startsAt") `);
    await q.query(
      `CREATE TABLE "activity_invitees" ("activityId" varchar(24) NOT NULL, "memberId" varchar(24) NOT NULL, PRIMARY KEY ("activityId", "memberId"))`,
    );
    await q.query(
      `CREATE TABLE "checkins" ("id" varchar(24) PRIMARY KEY NOT NULL, "activityId" varchar(24) NOT NULL, "memberId" varchar(24) NOT NULL, "method" varchar(16) NOT NULL, "checkedInAt" datetime(3) NOT NULL, "distanceM" integer, "ipTag" varchar(16), "slot" bigint, "flagged" boolean NOT NULL DEFAULT (0), "recordedBy" varchar(24))`,
    );
    await q.query(`CREATE INDEX "idx_checkins_member" ON "checkins" ("memberId") `);
    await q.query(`CREATE UNIQUE INDEX "uq_checkins_activity_member" ON "checkins" ("activityId", "memberId") `);
    await q.query(
      `CREATE TABLE "leave_requests" ("id" varchar(24) PRIMARY KEY NOT NULL, "activityId" varchar(24) NOT NULL, "memberId" varchar(24) NOT NULL, "reason" varchar(200) NOT NULL, "status" varchar(16) NOT NULL, "createdAt" datetime(3) NOT NULL, "decidedAt" datetime(3), "decidedBy" varchar(24))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_leave_requests_activity_member" ON "leave_requests" ("activityId", "memberId") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "uq_leave_requests_activity_member"`);
    await q.query(`DROP TABLE "leave_requests"`);
    await q.query(`DROP INDEX "uq_checkins_activity_member"`);
    await q.query(`DROP INDEX "idx_checkins_member"`);
    await q.query(`DROP TABLE "checkins"`);
    await q.query(`DROP TABLE "activity_invitees"`);
    await q.query(`DROP INDEX "idx_activities_org_start"`);
    await q.query(`DROP INDEX "idx_activities_start"`);
    await q.query(`DROP TABLE "activities"`);
  }
}
