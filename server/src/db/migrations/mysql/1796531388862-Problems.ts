import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Problems1796531388862 implements MigrationInterface {
  name = 'Problems1796531388862';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`problems\` (\`id\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`year\` int NOT NULL, \`source\` varchar(24) NOT NULL, \`sourceRef\` varchar(24) NULL, \`category\` varchar(50) NOT NULL, \`description\` text NOT NULL, \`longTerm\` tinyint NOT NULL DEFAULT 0, \`status\` varchar(16) NOT NULL, \`assignerOrgId\` varchar(24) NOT NULL, \`responsibleMemberId\` varchar(24) NULL, \`deadline\` varchar(10) NULL, \`extensions\` int NOT NULL DEFAULT '0', \`raisedBy\` varchar(24) NOT NULL, \`raisedByName\` varchar(50) NOT NULL, \`raisedAt\` datetime(3) NOT NULL, \`closedAt\` datetime(3) NULL, \`closedBy\` varchar(24) NULL, \`closedByName\` varchar(50) NULL, \`updatedAt\` datetime(3) NOT NULL, INDEX \`idx_problems_status_deadline\` (\`status\`, \`deadline\`), INDEX \`idx_problems_responsible\` (\`responsibleMemberId\`), INDEX \`idx_problems_org_year\` (\`orgId\`, \`year\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`problem_events\` (\`id\` varchar(24) NOT NULL, \`problemId\` varchar(24) NOT NULL, \`kind\` varchar(16) NOT NULL, \`at\` datetime(3) NOT NULL, \`byId\` varchar(24) NOT NULL, \`byName\` varchar(50) NOT NULL, \`text\` text NULL, \`evidence\` text NULL, \`fromDeadline\` varchar(10) NULL, \`toDeadline\` varchar(10) NULL, INDEX \`idx_problem_events_problem\` (\`problemId\`, \`at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`feedback\` (\`id\` varchar(24) NOT NULL, \`category\` varchar(16) NOT NULL, \`content\` text NOT NULL, \`contactEnc\` varchar(255) NULL, \`orgId\` varchar(24) NOT NULL, \`disclosureId\` varchar(24) NULL, \`senderMemberId\` varchar(24) NULL, \`channel\` varchar(16) NOT NULL, \`status\` varchar(16) NOT NULL, \`checkResult\` varchar(16) NOT NULL, \`replyDueAt\` datetime(3) NOT NULL, \`reply\` text NULL, \`repliedAt\` datetime(3) NULL, \`repliedBy\` varchar(24) NULL, \`repliedByName\` varchar(50) NULL, \`problemId\` varchar(24) NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`idx_feedback_sender\` (\`senderMemberId\`), INDEX \`idx_feedback_org_created\` (\`orgId\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`idx_feedback_org_created\` ON \`feedback\``);
    await q.query(`DROP INDEX \`idx_feedback_sender\` ON \`feedback\``);
    await q.query(`DROP TABLE \`feedback\``);
    await q.query(`DROP INDEX \`idx_problem_events_problem\` ON \`problem_events\``);
    await q.query(`DROP TABLE \`problem_events\``);
    await q.query(`DROP INDEX \`idx_problems_org_year\` ON \`problems\``);
    await q.query(`DROP INDEX \`idx_problems_responsible\` ON \`problems\``);
    await q.query(`DROP INDEX \`idx_problems_status_deadline\` ON \`problems\``);
    await q.query(`DROP TABLE \`problems\``);
  }
}
