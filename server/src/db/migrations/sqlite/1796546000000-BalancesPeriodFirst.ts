import type { MigrationInterface, QueryRunner } from 'typeorm';

/** points_balances keyed by (period, memberId) instead of (memberId, period), as on MySQL. */
export class BalancesPeriodFirst1796546000000 implements MigrationInterface {
  name = 'BalancesPeriodFirst1796546000000';

  public async up(q: QueryRunner): Promise<void> {
    await this.rebuild(q, '"period", "memberId"');
  }

  public async down(q: QueryRunner): Promise<void> {
    await this.rebuild(q, '"memberId", "period"');
  }

  private async rebuild(q: QueryRunner, key: string): Promise<void> {
    await q.query(
      `CREATE TABLE "points_balances_rekeyed" ("memberId" varchar(24) NOT NULL, "period" varchar(8) NOT NULL, "points" integer NOT NULL DEFAULT (0), PRIMARY KEY (${key}))`,
    );
    await q.query(
      'INSERT INTO "points_balances_rekeyed" ("memberId", "period", "points") SELECT "memberId", "period", "points" FROM "points_balances"',
    );
    await q.query('DROP INDEX "idx_points_balances_period"');
    await q.query('DROP TABLE "points_balances"');
    await q.query('ALTER TABLE "points_balances_rekeyed" RENAME TO "points_balances"');
    await q.query('CREATE INDEX "idx_points_balances_period" ON "points_balances" ("period", "points") ');
  }
}
