import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Development1796543366536 implements MigrationInterface {
  name = 'Development1796543366536';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`development_cases\` (\`id\` varchar(24) NOT NULL, \`branchOrgId\` varchar(24) NOT NULL, \`name\` varchar(50) NOT NULL, \`idNumberEnc\` varchar(255) NOT NULL, \`idNumberHash\` varchar(64) NOT NULL, \`birthDate\` varchar(10) NOT NULL, \`appliedOn\` varchar(10) NOT NULL, \`stage\` varchar(16) NOT NULL, \`status\` varchar(16) NOT NULL, \`memberId\` varchar(24) NULL, \`probationStart\` varchar(10) NULL, \`probationEnd\` varchar(10) NULL, \`extensionMonths\` int NULL, \`lastStep\` int NOT NULL, \`lastStepOn\` varchar(10) NOT NULL, \`note\` varchar(500) NULL, \`createdBy\` varchar(24) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, INDEX \`idx_development_cases_member\` (\`memberId\`), INDEX \`idx_development_cases_id_number\` (\`idNumberHash\`), INDEX \`idx_development_cases_branch\` (\`branchOrgId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`development_steps\` (\`id\` varchar(24) NOT NULL, \`caseId\` varchar(24) NOT NULL, \`step\` int NOT NULL, \`occurredOn\` varchar(10) NOT NULL, \`actors\` text NULL, \`vote\` text NULL, \`trainingDays\` int NULL, \`trainingHours\` int NULL, \`outcome\` varchar(16) NULL, \`extensionMonths\` int NULL, \`noticeFrom\` varchar(10) NULL, \`noticeTo\` varchar(10) NULL, \`documents\` varchar(500) NULL, \`note\` varchar(500) NULL, \`supersedes\` varchar(24) NULL, \`enteredBy\` varchar(24) NOT NULL, \`enteredAt\` datetime(3) NOT NULL, INDEX \`idx_development_steps_step_on\` (\`step\`, \`occurredOn\`), INDEX \`idx_development_steps_case\` (\`caseId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`development_plans\` (\`id\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`year\` int NOT NULL, \`quota\` int NOT NULL, \`updatedBy\` varchar(24) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_development_plans_org_year\` (\`orgId\`, \`year\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`workday_calendar\` (\`id\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`day\` varchar(10) NOT NULL, \`workday\` tinyint NOT NULL, \`note\` varchar(50) NULL, \`updatedBy\` varchar(24) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_workday_calendar_org_day\` (\`orgId\`, \`day\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`uq_workday_calendar_org_day\` ON \`workday_calendar\``);
    await q.query(`DROP TABLE \`workday_calendar\``);
    await q.query(`DROP INDEX \`uq_development_plans_org_year\` ON \`development_plans\``);
    await q.query(`DROP TABLE \`development_plans\``);
    await q.query(`DROP INDEX \`idx_development_steps_case\` ON \`development_steps\``);
    await q.query(`DROP INDEX \`idx_development_steps_step_on\` ON \`development_steps\``);
    await q.query(`DROP TABLE \`development_steps\``);
    await q.query(`DROP INDEX \`idx_development_cases_branch\` ON \`development_cases\``);
    await q.query(`DROP INDEX \`idx_development_cases_id_number\` ON \`development_cases\``);
    await q.query(`DROP INDEX \`idx_development_cases_member\` ON \`development_cases\``);
    await q.query(`DROP TABLE \`development_cases\``);
  }
}
