import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MobilitySettings1795767953040 implements MigrationInterface {
  name = 'MobilitySettings1795767953040';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`mobility_settings\` (\`orgId\` varchar(24) NOT NULL, \`defaultIntervalDays\` int NOT NULL, \`lostContactDays\` int NOT NULL, \`selfReportResets\` tinyint NOT NULL DEFAULT 0, \`updatedAt\` datetime(3) NOT NULL, PRIMARY KEY (\`orgId\`)) ENGINE=InnoDB`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE \`mobility_settings\``);
  }
}
