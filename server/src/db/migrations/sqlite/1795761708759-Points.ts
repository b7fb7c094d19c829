import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Points1795761708759 implements MigrationInterface {
  name = 'Points1795761708759';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "idempotency_keys" ("id" varchar(200) PRIMARY KEY NOT NULL, "requestHash" varchar(64) NOT NULL, "status" integer NOT NULL, "response" text NOT NULL, "createdAt" datetime(3) NOT NULL)`,
    );
    await q.query(
      `CREATE TABLE "points_rules" ("code" varchar(32) PRIMARY KEY NOT NULL, "name" varchar(50) NOT NULL, "points" integer NOT NULL, "dailyCap" integer, "yearlyCap" integer, "enabled" boolean NOT NULL DEFAULT (1), "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(
      `CREATE TABLE "points_entries" ("id" varchar(24) PRIMARY KEY NOT NULL, "memberId" varchar(24) NOT NULL, "ruleCode" varchar(32) NOT NULL, "delta" integer NOT NULL, "reason" varchar(200) NOT NULL, "sourceType" varchar(32) NOT NULL, "sourceId" varchar(64), "idempotencyKey" varchar(160) NOT NULL, "reversalOf" varchar(24), "effectiveDate" varchar(10) NOT NULL, "createdBy" varchar(24), "createdAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_points_entries_source" ON "points_entries" ("sourceType", "sourceId") `);
    await q.query(`CREATE INDEX "idx_points_entries_member" ON "points_entries" ("memberId", "effectiveDate") `);
    await q.query(`CREATE UNIQUE INDEX "uq_points_entries_reversal" ON "points_entries" ("reversalOf") `);
    await q.query(`CREATE UNIQUE INDEX "uq_points_entries_key" ON "points_entries" ("idempotencyKey") `);
    await q.query(
      `CREATE TABLE "points_balances" ("memberId" varchar(24) NOT NULL, "period" varchar(8) NOT NULL, "points" integer NOT NULL DEFAULT (0), PRIMARY KEY ("memberId", "period"))`,
    );
    await q.query(`CREATE INDEX "idx_points_balances_period" ON "points_balances" ("period", "points") `);
    await q.query(
      `CREATE TABLE "points_rule_usage" ("memberId" varchar(24) NOT NULL, "ruleCode" varchar(32) NOT NULL, "periodKey" varchar(12) NOT NULL, "used" integer NOT NULL DEFAULT (0), PRIMARY KEY ("memberId", "ruleCode", "periodKey"))`,
    );
    await q.query(
      `CREATE TABLE "points_settings" ("orgId" varchar(24) PRIMARY KEY NOT NULL, "showMemberRanking" boolean NOT NULL DEFAULT (0), "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(
      `CREATE TABLE "points_notices" ("id" varchar(24) PRIMARY KEY NOT NULL, "orgId" varchar(24) NOT NULL, "period" varchar(8) NOT NULL, "title" varchar(100) NOT NULL, "body" text NOT NULL, "status" varchar(16) NOT NULL, "snapshot" text NOT NULL, "createdBy" varchar(24), "createdAt" datetime(3) NOT NULL, "publishedAt" datetime(3))`,
    );
    await q.query(`CREATE INDEX "idx_points_notices_org" ON "points_notices" ("orgId", "status") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_points_notices_org"`);
    await q.query(`DROP TABLE "points_notices"`);
    await q.query(`DROP TABLE "points_settings"`);
    await q.query(`DROP TABLE "points_rule_usage"`);
    await q.query(`DROP INDEX "idx_points_balances_period"`);
    await q.query(`DROP TABLE "points_balances"`);
    await q.query(`DROP INDEX "uq_points_entries_key"`);
    await q.query(`DROP INDEX "uq_points_entries_reversal"`);
    await q.query(`DROP INDEX "idx_points_entries_member"`);
    await q.query(`DROP INDEX "idx_points_entries_source"`);
    await q.query(`DROP TABLE "points_entries"`);
    await q.query(`DROP TABLE "points_rules"`);
    await q.query(`DROP TABLE "idempotency_keys"`);
  }
}
