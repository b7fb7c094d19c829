import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Study1795763554830 implements MigrationInterface {
  name = 'Study1795763554830';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "study_materials" ("id" varchar(24) PRIMARY KEY NOT NULL, "title" varchar(100) NOT NULL, "kind" varchar(16) NOT NULL, "summary" varchar(300), "tags" varchar(300) NOT NULL DEFAULT (''), "body" text, "url" varchar(500), "orgId" varchar(24) NOT NULL, "required" boolean NOT NULL DEFAULT (0), "status" varchar(16) NOT NULL, "minSeconds" integer NOT NULL DEFAULT (0), "quizMode" varchar(16) NOT NULL DEFAULT ('none'), "quiz" text, "createdBy" varchar(24), "createdAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_study_materials_org" ON "study_materials" ("orgId", "status") `);
    await q.query(
      `CREATE TABLE "study_sessions" ("id" varchar(24) PRIMARY KEY NOT NULL, "memberId" varchar(24) NOT NULL, "materialId" varchar(24) NOT NULL, "startedAt" datetime(3) NOT NULL, "lastBeatAt" datetime(3) NOT NULL, "secondsCounted" integer NOT NULL DEFAULT (0), "finishedAt" datetime(3))`,
    );
    await q.query(`CREATE INDEX "idx_study_sessions_member" ON "study_sessions" ("memberId", "materialId") `);
    await q.query(
      `CREATE TABLE "study_completions" ("memberId" varchar(24) NOT NULL, "materialId" varchar(24) NOT NULL, "sessionId" varchar(24) NOT NULL, "completedAt" datetime(3) NOT NULL, PRIMARY KEY ("memberId", "materialId"))`,
    );
    await q.query(
      `CREATE TABLE "study_notes" ("id" varchar(24) PRIMARY KEY NOT NULL, "memberId" varchar(24) NOT NULL, "orgId" varchar(24) NOT NULL, "materialId" varchar(24), "activityId" varchar(24), "content" text NOT NULL, "status" varchar(16) NOT NULL, "checkResult" varchar(16) NOT NULL, "createdAt" datetime(3) NOT NULL, "reviewedAt" datetime(3), "reviewedBy" varchar(24))`,
    );
    await q.query(`CREATE INDEX "idx_study_notes_status" ON "study_notes" ("status", "createdAt") `);
    await q.query(`CREATE INDEX "idx_study_notes_member" ON "study_notes" ("memberId", "createdAt") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_study_notes_member"`);
    await q.query(`DROP INDEX "idx_study_notes_status"`);
    await q.query(`DROP TABLE "study_notes"`);
    await q.query(`DROP TABLE "study_completions"`);
    await q.query(`DROP INDEX "idx_study_sessions_member"`);
    await q.query(`DROP TABLE "study_sessions"`);
    await q.query(`DROP INDEX "idx_study_materials_org"`);
    await q.query(`DROP TABLE "study_materials"`);
  }
}
