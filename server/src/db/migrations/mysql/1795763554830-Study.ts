import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Study1795763554830 implements MigrationInterface {
  name = 'Study1795763554830';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`study_materials\` (\`id\` varchar(24) NOT NULL, \`title\` varchar(100) NOT NULL, \`kind\` varchar(16) NOT NULL, \`summary\` varchar(300) NULL, \`tags\` varchar(300) NOT NULL DEFAULT '', \`body\` text NULL, \`url\` varchar(500) NULL, \`orgId\` varchar(24) NOT NULL, \`required\` tinyint NOT NULL DEFAULT 0, \`status\` varchar(16) NOT NULL, \`minSeconds\` int NOT NULL DEFAULT '0', \`quizMode\` varchar(16) NOT NULL DEFAULT 'none', \`quiz\` text NULL, \`createdBy\` varchar(24) NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`idx_study_materials_org\` (\`orgId\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`study_sessions\` (\`id\` varchar(24) NOT NULL, \`memberId\` varchar(24) NOT NULL, \`materialId\` varchar(24) NOT NULL, \`startedAt\` datetime(3) NOT NULL, \`lastBeatAt\` datetime(3) NOT NULL, \`secondsCounted\` int NOT NULL DEFAULT '0', \`finishedAt\` datetime(3) NULL, INDEX \`idx_study_sessions_member\` (\`memberId\`, \`materialId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`study_completions\` (\`memberId\` varchar(24) NOT NULL, \`materialId\` varchar(24) NOT NULL, \`sessionId\` varchar(24) NOT NULL, \`completedAt\` datetime(3) NOT NULL, PRIMARY KEY (\`memberId\`, \`materialId\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`study_notes\` (\`id\` varchar(24) NOT NULL, \`memberId\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`materialId\` varchar(24) NULL, \`activityId\` varchar(24) NULL, \`content\` text NOT NULL, \`status\` varchar(16) NOT NULL, \`checkResult\` varchar(16) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`reviewedAt\` datetime(3) NULL, \`reviewedBy\` varchar(24) NULL, INDEX \`idx_study_notes_status\` (\`status\`, \`createdAt\`), INDEX \`idx_study_notes_member\` (\`memberId\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`idx_study_notes_member\` ON \`study_notes\``);
    await q.query(`DROP INDEX \`idx_study_notes_status\` ON \`study_notes\``);
    await q.query(`DROP TABLE \`study_notes\``);
    await q.query(`DROP TABLE \`study_completions\``);
    await q.query(`DROP INDEX \`idx_study_sessions_member\` ON \`study_sessions\``);
    await q.query(`DROP TABLE \`study_sessions\``);
    await q.query(`DROP INDEX \`idx_study_materials_org\` ON \`study_materials\``);
    await q.query(`DROP TABLE \`study_materials\``);
  }
}
