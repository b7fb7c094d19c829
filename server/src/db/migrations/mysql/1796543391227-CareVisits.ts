import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CareVisits1796543391227 implements MigrationInterface {
  name = 'CareVisits1796543391227';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`hardships\` (\`id\` varchar(24) NOT NULL, \`memberId\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`reasons\` varchar(200) NOT NULL, \`note\` varchar(500) NULL, \`assessedOn\` varchar(10) NOT NULL, \`assessedBy\` varchar(24) NOT NULL, \`assessedByName\` varchar(50) NOT NULL, \`reviewDue\` varchar(10) NOT NULL, \`lastReviewedOn\` varchar(10) NULL, \`status\` varchar(16) NOT NULL, \`resolvedOn\` varchar(10) NULL, \`activeMemberId\` varchar(24) NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_hardships_active_member\` (\`activeMemberId\`), INDEX \`idx_hardships_org\` (\`orgId\`), INDEX \`idx_hardships_member\` (\`memberId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`care_visits\` (\`id\` varchar(24) NOT NULL, \`batchId\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`memberId\` varchar(24) NOT NULL, \`memberOrgId\` varchar(24) NOT NULL, \`on\` varchar(10) NOT NULL, \`occasion\` varchar(16) NOT NULL, \`visitors\` varchar(200) NOT NULL, \`form\` varchar(8) NOT NULL, \`amountCents\` int NULL, \`fundSource\` varchar(24) NOT NULL, \`note\` varchar(500) NULL, \`createdBy\` varchar(24) NOT NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`idx_care_visits_member\` (\`memberId\`), INDEX \`idx_care_visits_org_on\` (\`orgId\`, \`on\`), INDEX \`idx_care_visits_member_org_on\` (\`memberOrgId\`, \`on\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`care_settings\` (\`orgId\` varchar(24) NOT NULL, \`qiyiFrom\` varchar(5) NOT NULL, \`qiyiTo\` varchar(5) NOT NULL, \`springFromLaYueDay\` int NOT NULL, \`springToZhengYueDay\` int NOT NULL, \`updatedBy\` varchar(24) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, PRIMARY KEY (\`orgId\`)) ENGINE=InnoDB`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE \`care_settings\``);
    await q.query(`DROP INDEX \`idx_care_visits_member_org_on\` ON \`care_visits\``);
    await q.query(`DROP INDEX \`idx_care_visits_org_on\` ON \`care_visits\``);
    await q.query(`DROP INDEX \`idx_care_visits_member\` ON \`care_visits\``);
    await q.query(`DROP TABLE \`care_visits\``);
    await q.query(`DROP INDEX \`idx_hardships_member\` ON \`hardships\``);
    await q.query(`DROP INDEX \`idx_hardships_org\` ON \`hardships\``);
    await q.query(`DROP INDEX \`uq_hardships_active_member\` ON \`hardships\``);
    await q.query(`DROP TABLE \`hardships\``);
  }
}
