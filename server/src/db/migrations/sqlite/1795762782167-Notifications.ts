import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795762782167 implements MigrationInterface {
  name = 'Notifications1795762782167';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "notifications" ("id" varchar(24) PRIMARY KEY NOT NULL, "memberId" varchar(24) NOT NULL, "template" varchar(32) NOT NULL, "dedupeKey" varchar(120) NOT NULL, "payload" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" datetime(3) NOT NULL, "lastError" varchar(200), "createdAt" datetime(3) NOT NULL, "sentAt" datetime(3))`,
    );
    await q.query(`CREATE INDEX "idx_notifications_due" ON "notifications" ("status", "nextAttemptAt") `);
    await q.query(`CREATE UNIQUE INDEX "uq_notifications_dedupe" ON "notifications" ("dedupeKey") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "uq_notifications_dedupe"`);
    await q.query(`DROP INDEX "idx_notifications_due"`);
    await q.query(`DROP TABLE "notifications"`);
  }
}
