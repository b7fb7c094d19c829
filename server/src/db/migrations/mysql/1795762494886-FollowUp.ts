import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FollowUp1795762494886 implements MigrationInterface {
  name = 'FollowUp1795762494886';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`activity_records\` (\`activityId\` varchar(24) NOT NULL, \`minutes\` text NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`updatedBy\` varchar(24) NULL, PRIMARY KEY (\`activityId\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`activity_photos\` (\`id\` varchar(24) NOT NULL, \`activityId\` varchar(24) NOT NULL, \`storageKey\` varchar(100) NOT NULL, \`contentType\` varchar(32) NOT NULL, \`size\` int NOT NULL, \`createdBy\` varchar(24) NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`idx_activity_photos_activity\` (\`activityId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`rectification_notices\` (\`id\` varchar(24) NOT NULL, \`memberId\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`triggerKey\` varchar(80) NOT NULL, \`missed\` text NOT NULL, \`content\` text NOT NULL, \`deadline\` varchar(10) NOT NULL, \`status\` varchar(16) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`resolvedAt\` datetime(3) NULL, \`resolvedBy\` varchar(24) NULL, \`resolution\` varchar(500) NULL, INDEX \`idx_rectification_member\` (\`memberId\`), INDEX \`idx_rectification_org\` (\`orgId\`, \`status\`), UNIQUE INDEX \`uq_rectification_trigger\` (\`triggerKey\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`org_life_plans\` (\`orgId\` varchar(24) NOT NULL, \`kind\` varchar(32) NOT NULL, \`cycle\` varchar(8) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, PRIMARY KEY (\`orgId\`, \`kind\`)) ENGINE=InnoDB`,
    );
    await q.query(`ALTER TABLE \`activities\` ADD \`attendanceClosedAt\` datetime(3) NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`activities\` DROP COLUMN \`attendanceClosedAt\``);
    await q.query(`DROP TABLE \`org_life_plans\``);
    await q.query(`DROP INDEX \`uq_rectification_trigger\` ON \`rectification_notices\``);
    await q.query(`DROP INDEX \`idx_rectification_org\` ON \`rectification_notices\``);
    await q.query(`DROP INDEX \`idx_rectification_member\` ON \`rectification_notices\``);
    await q.query(`DROP TABLE \`rectification_notices\``);
    await q.query(`DROP INDEX \`idx_activity_photos_activity\` ON \`activity_photos\``);
    await q.query(`DROP TABLE \`activity_photos\``);
    await q.query(`DROP TABLE \`activity_records\``);
  }
}
