import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StudyPlansPairsUploads1795771024319 implements MigrationInterface {
  name = 'StudyPlansPairsUploads1795771024319';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`activity_materials\` (\`activityId\` varchar(24) NOT NULL, \`materialId\` varchar(24) NOT NULL, \`position\` int NOT NULL, PRIMARY KEY (\`activityId\`, \`materialId\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`activity_study_pairs\` (\`activityId\` varchar(24) NOT NULL, \`menteeId\` varchar(24) NOT NULL, \`mentorId\` varchar(24) NOT NULL, \`position\` int NOT NULL, PRIMARY KEY (\`activityId\`, \`menteeId\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`study_files\` (\`id\` varchar(24) NOT NULL, \`kind\` varchar(16) NOT NULL, \`contentType\` varchar(50) NOT NULL, \`size\` int NOT NULL, \`filename\` varchar(200) NOT NULL, \`storageKey\` varchar(200) NOT NULL, \`createdBy\` varchar(24) NULL, \`createdAt\` datetime(3) NOT NULL, PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`study_plans\` (\`id\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`title\` varchar(100) NOT NULL, \`startsOn\` varchar(10) NOT NULL, \`endsOn\` varchar(10) NOT NULL, \`note\` varchar(500) NULL, \`createdBy\` varchar(24) NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`idx_study_plans_org\` (\`orgId\`, \`endsOn\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`study_plan_materials\` (\`planId\` varchar(24) NOT NULL, \`materialId\` varchar(24) NOT NULL, \`position\` int NOT NULL, INDEX \`idx_study_plan_materials_material\` (\`materialId\`), PRIMARY KEY (\`planId\`, \`materialId\`)) ENGINE=InnoDB`,
    );
    await q.query(`ALTER TABLE \`activities\` ADD \`topic\` varchar(100) NULL`);
    await q.query(`ALTER TABLE \`study_materials\` ADD \`fileId\` varchar(24) NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`study_materials\` DROP COLUMN \`fileId\``);
    await q.query(`ALTER TABLE \`activities\` DROP COLUMN \`topic\``);
    await q.query(`DROP INDEX \`idx_study_plan_materials_material\` ON \`study_plan_materials\``);
    await q.query(`DROP TABLE \`study_plan_materials\``);
    await q.query(`DROP INDEX \`idx_study_plans_org\` ON \`study_plans\``);
    await q.query(`DROP TABLE \`study_plans\``);
    await q.query(`DROP TABLE \`study_files\``);
    await q.query(`DROP TABLE \`activity_study_pairs\``);
    await q.query(`DROP TABLE \`activity_materials\``);
  }
}
