import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Points1795761708759 implements MigrationInterface {
  name = 'Points1795761708759';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`idempotency_keys\` (\`id\` varchar(200) NOT NULL, \`requestHash\` varchar(64) NOT NULL, \`status\` int NOT NULL, \`response\` text NOT NULL, \`createdAt\` datetime(3) NOT NULL, PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`points_rules\` (\`code\` varchar(32) NOT NULL, \`name\` varchar(50) NOT NULL, \`points\` int NOT NULL, \`dailyCap\` int NULL, \`yearlyCap\` int NULL, \`enabled\` tinyint NOT NULL DEFAULT 1, \`updatedAt\` datetime(3) NOT NULL, PRIMARY KEY (\`code\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`points_entries\` (\`id\` varchar(24) NOT NULL, \`memberId\` varchar(24) NOT NULL, \`ruleCode\` varchar(32) NOT NULL, \`delta\` int NOT NULL, \`reason\` varchar(200) NOT NULL, \`sourceType\` varchar(32) NOT NULL, \`sourceId\` varchar(64) NULL, \`idempotencyKey\` varchar(160) NOT NULL, \`reversalOf\` varchar(24) NULL, \`effectiveDate\` varchar(10) NOT NULL, \`createdBy\` varchar(24) NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`idx_points_entries_source\` (\`sourceType\`, \`sourceId\`), INDEX \`idx_points_entries_member\` (\`memberId\`, \`effectiveDate\`), UNIQUE INDEX \`uq_points_entries_reversal\` (\`reversalOf\`), UNIQUE INDEX \`uq_points_entries_key\` (\`idempotencyKey\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`points_balances\` (\`memberId\` varchar(24) NOT NULL, \`period\` varchar(8) NOT NULL, \`points\` int NOT NULL DEFAULT '0', INDEX \`idx_points_balances_period\` (\`period\`, \`points\`), PRIMARY KEY (\`memberId\`, \`period\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`points_rule_usage\` (\`memberId\` varchar(24) NOT NULL, \`ruleCode\` varchar(32) NOT NULL, \`periodKey\` varchar(12) NOT NULL, \`used\` int NOT NULL DEFAULT '0', PRIMARY KEY (\`memberId\`, \`ruleCode\`, \`periodKey\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`points_settings\` (\`orgId\` varchar(24) NOT NULL, \`showMemberRanking\` tinyint NOT NULL DEFAULT 0, \`updatedAt\` datetime(3) NOT NULL, PRIMARY KEY (\`orgId\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`points_notices\` (\`id\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`period\` varchar(8) NOT NULL, \`title\` varchar(100) NOT NULL, \`body\` text NOT NULL, \`status\` varchar(16) NOT NULL, \`snapshot\` text NOT NULL, \`createdBy\` varchar(24) NULL, \`createdAt\` datetime(3) NOT NULL, \`publishedAt\` datetime(3) NULL, INDEX \`idx_points_notices_org\` (\`orgId\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`idx_points_notices_org\` ON \`points_notices\``);
    await q.query(`DROP TABLE \`points_notices\``);
    await q.query(`DROP TABLE \`points_settings\``);
    await q.query(`DROP TABLE \`points_rule_usage\``);
    await q.query(`DROP INDEX \`idx_points_balances_period\` ON \`points_balances\``);
    await q.query(`DROP TABLE \`points_balances\``);
    await q.query(`DROP INDEX \`uq_points_entries_key\` ON \`points_entries\``);
    await q.query(`DROP INDEX \`uq_points_entries_reversal\` ON \`points_entries\``);
    await q.query(`DROP INDEX \`idx_points_entries_member\` ON \`points_entries\``);
    await q.query(`DROP INDEX \`idx_points_entries_source\` ON \`points_entries\``);
    await q.query(`DROP TABLE \`points_entries\``);
    await q.query(`DROP TABLE \`points_rules\``);
    await q.query(`DROP TABLE \`idempotency_keys\``);
  }
}
