import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Mobility1795763353960 implements MigrationInterface {
  name = 'Mobility1795763353960';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`contact_logs\` (\`id\` varchar(24) NOT NULL, \`memberId\` varchar(24) NOT NULL, \`cadreId\` varchar(24) NULL, \`loggedBy\` varchar(24) NOT NULL, \`method\` varchar(16) NOT NULL, \`contactedAt\` datetime(3) NOT NULL, \`summary\` varchar(500) NOT NULL, \`needs\` varchar(500) NULL, \`followUpRequired\` tinyint NOT NULL DEFAULT 0, \`clientKey\` varchar(140) NULL, \`createdAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_contact_logs_client_key\` (\`clientKey\`), INDEX \`idx_contact_logs_cadre\` (\`cadreId\`, \`contactedAt\`), INDEX \`idx_contact_logs_member\` (\`memberId\`, \`contactedAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`mobility_events\` (\`id\` varchar(24) NOT NULL, \`memberId\` varchar(24) NOT NULL, \`kind\` varchar(16) NOT NULL, \`details\` text NOT NULL, \`by\` varchar(24) NULL, \`at\` datetime(3) NOT NULL, INDEX \`idx_mobility_events_member\` (\`memberId\`, \`at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(`ALTER TABLE \`member_mobility\` ADD \`expectedReturnAt\` varchar(10) NULL`);
    await q.query(`ALTER TABLE \`member_mobility\` ADD \`lastContactAt\` datetime(3) NULL`);
    await q.query(`ALTER TABLE \`member_mobility\` ADD \`lastSelfReportAt\` datetime(3) NULL`);
    await q.query(`ALTER TABLE \`member_mobility\` ADD \`registeredAt\` datetime(3) NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`member_mobility\` DROP COLUMN \`registeredAt\``);
    await q.query(`ALTER TABLE \`member_mobility\` DROP COLUMN \`lastSelfReportAt\``);
    await q.query(`ALTER TABLE \`member_mobility\` DROP COLUMN \`lastContactAt\``);
    await q.query(`ALTER TABLE \`member_mobility\` DROP COLUMN \`expectedReturnAt\``);
    await q.query(`DROP INDEX \`idx_mobility_events_member\` ON \`mobility_events\``);
    await q.query(`DROP TABLE \`mobility_events\``);
    await q.query(`DROP INDEX \`idx_contact_logs_member\` ON \`contact_logs\``);
    await q.query(`DROP INDEX \`idx_contact_logs_cadre\` ON \`contact_logs\``);
    await q.query(`DROP INDEX \`uq_contact_logs_client_key\` ON \`contact_logs\``);
    await q.query(`DROP TABLE \`contact_logs\``);
  }
}
