import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ResponsibilityItems1796532380353 implements MigrationInterface {
  name = 'ResponsibilityItems1796532380353';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`responsibility_items\` (\`id\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`year\` int NOT NULL, \`category\` varchar(50) NOT NULL, \`content\` text NOT NULL, \`measures\` text NULL, \`dueDate\` varchar(10) NULL, \`source\` varchar(16) NOT NULL, \`templateId\` varchar(24) NULL, \`status\` varchar(16) NOT NULL, \`responsibleMemberId\` varchar(24) NULL, \`publishedAt\` datetime(3) NULL, \`acknowledgedAt\` datetime(3) NULL, \`acknowledgedBy\` varchar(24) NULL, \`result\` varchar(16) NULL, \`resultNote\` varchar(500) NULL, \`evaluatedAt\` datetime(3) NULL, \`evaluatedBy\` varchar(24) NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`idx_responsibility_template\` (\`templateId\`), INDEX \`idx_responsibility_org_year\` (\`orgId\`, \`year\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`idx_responsibility_org_year\` ON \`responsibility_items\``);
    await q.query(`DROP INDEX \`idx_responsibility_template\` ON \`responsibility_items\``);
    await q.query(`DROP TABLE \`responsibility_items\``);
  }
}
