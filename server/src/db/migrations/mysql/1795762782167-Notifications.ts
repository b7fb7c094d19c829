import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795762782167 implements MigrationInterface {
  name = 'Notifications1795762782167';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`notifications\` (\`id\` varchar(24) NOT NULL, \`memberId\` varchar(24) NOT NULL, \`template\` varchar(32) NOT NULL, \`dedupeKey\` varchar(120) NOT NULL, \`payload\` text NOT NULL, \`status\` varchar(16) NOT NULL, \`attempts\` int NOT NULL DEFAULT '0', \`nextAttemptAt\` datetime(3) NOT NULL, \`lastError\` varchar(200) NULL, \`createdAt\` datetime(3) NOT NULL, \`sentAt\` datetime(3) NULL, INDEX \`idx_notifications_due\` (\`status\`, \`nextAttemptAt\`), UNIQUE INDEX \`uq_notifications_dedupe\` (\`dedupeKey\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`uq_notifications_dedupe\` ON \`notifications\``);
    await q.query(`DROP INDEX \`idx_notifications_due\` ON \`notifications\``);
    await q.query(`DROP TABLE \`notifications\``);
  }
}
