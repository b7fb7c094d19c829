import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * points_balances keyed by (period, memberId) instead of (memberId, period): a period's rows lie
 * together, so a ranking's lookups stay in a few MB of the year instead of the whole table
 * (issue #19). Copied into a new table and renamed, which TiDB runs too (it cannot change the
 * primary key of a table in place).
 */
export class BalancesPeriodFirst1796546000000 implements MigrationInterface {
  name = 'BalancesPeriodFirst1796546000000';

  public async up(q: QueryRunner): Promise<void> {
    await this.rebuild(q, '`period`, `memberId`');
  }

  public async down(q: QueryRunner): Promise<void> {
    await this.rebuild(q, '`memberId`, `period`');
  }

  private async rebuild(q: QueryRunner, key: string): Promise<void> {
    await q.query(
      `CREATE TABLE \`points_balances_rekeyed\` (\`memberId\` varchar(24) NOT NULL, \`period\` varchar(8) NOT NULL, \`points\` int NOT NULL DEFAULT '0', INDEX \`idx_points_balances_period\` (\`period\`, \`points\`), PRIMARY KEY (${key})) ENGINE=InnoDB`,
    );
    await q.query(
      'INSERT INTO `points_balances_rekeyed` (`memberId`, `period`, `points`) SELECT `memberId`, `period`, `points` FROM `points_balances`',
    );
    await q.query('DROP TABLE `points_balances`');
    await q.query('RENAME TABLE `points_balances_rekeyed` TO `points_balances`');
  }
}
