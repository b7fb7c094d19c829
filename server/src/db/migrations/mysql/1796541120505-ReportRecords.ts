import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportRecords1796541120505 implements MigrationInterface {
  name = 'ReportRecords1796541120505';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`visits\` (\`id\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`visitorMemberId\` varchar(24) NULL, \`visitorName\` varchar(50) NOT NULL, \`on\` varchar(10) NOT NULL, \`purpose\` varchar(16) NOT NULL, \`topic\` varchar(200) NOT NULL, \`place\` varchar(100) NULL, \`createdBy\` varchar(24) NOT NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`idx_visits_org_on\` (\`orgId\`, \`on\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`visit_households\` (\`id\` varchar(24) NOT NULL, \`visitId\` varchar(24) NOT NULL, \`household\` varchar(50) NOT NULL, \`householdKey\` varchar(50) NOT NULL, \`memberId\` varchar(24) NULL, \`poor\` tinyint NOT NULL DEFAULT 0, INDEX \`idx_visit_households_key\` (\`householdKey\`), INDEX \`idx_visit_households_visit\` (\`visitId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`talks\` (\`id\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`talkerMemberId\` varchar(24) NULL, \`talkerName\` varchar(50) NOT NULL, \`withMemberId\` varchar(24) NULL, \`withName\` varchar(50) NOT NULL, \`on\` varchar(10) NOT NULL, \`topic\` varchar(200) NOT NULL, \`createdBy\` varchar(24) NOT NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`idx_talks_org_on\` (\`orgId\`, \`on\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`sites\` (\`id\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`name\` varchar(100) NOT NULL, \`address\` varchar(200) NULL, \`areaM2\` int NULL, \`standardizedOn\` varchar(10) NULL, \`note\` varchar(500) NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, INDEX \`idx_sites_org\` (\`orgId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`site_investments\` (\`id\` varchar(24) NOT NULL, \`siteId\` varchar(24) NOT NULL, \`on\` varchar(10) NOT NULL, \`amountCents\` int NOT NULL, \`purpose\` varchar(200) NOT NULL, \`disclosureId\` varchar(24) NULL, \`createdBy\` varchar(24) NOT NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`idx_site_investments_site\` (\`siteId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`branch_ratings\` (\`id\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`year\` int NOT NULL, \`rating\` varchar(16) NOT NULL, \`decidedOn\` varchar(10) NOT NULL, \`note\` varchar(500) NULL, UNIQUE INDEX \`uq_branch_ratings_org_year\` (\`orgId\`, \`year\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`commendations\` (\`id\` varchar(24) NOT NULL, \`year\` int NOT NULL, \`on\` varchar(10) NOT NULL, \`title\` varchar(100) NOT NULL, \`issuerOrgId\` varchar(24) NOT NULL, \`subjectKind\` varchar(8) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`memberId\` varchar(24) NULL, \`note\` varchar(500) NULL, \`createdBy\` varchar(24) NOT NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`idx_commendations_issuer_year\` (\`issuerOrgId\`, \`year\`), INDEX \`idx_commendations_org_year\` (\`orgId\`, \`year\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(`ALTER TABLE \`role_grants\` ADD \`endNote\` varchar(200) NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`role_grants\` DROP COLUMN \`endNote\``);
    await q.query(`DROP INDEX \`idx_commendations_org_year\` ON \`commendations\``);
    await q.query(`DROP INDEX \`idx_commendations_issuer_year\` ON \`commendations\``);
    await q.query(`DROP TABLE \`commendations\``);
    await q.query(`DROP INDEX \`uq_branch_ratings_org_year\` ON \`branch_ratings\``);
    await q.query(`DROP TABLE \`branch_ratings\``);
    await q.query(`DROP INDEX \`idx_site_investments_site\` ON \`site_investments\``);
    await q.query(`DROP TABLE \`site_investments\``);
    await q.query(`DROP INDEX \`idx_sites_org\` ON \`sites\``);
    await q.query(`DROP TABLE \`sites\``);
    await q.query(`DROP INDEX \`idx_talks_org_on\` ON \`talks\``);
    await q.query(`DROP TABLE \`talks\``);
    await q.query(`DROP INDEX \`idx_visit_households_visit\` ON \`visit_households\``);
    await q.query(`DROP INDEX \`idx_visit_households_key\` ON \`visit_households\``);
    await q.query(`DROP TABLE \`visit_households\``);
    await q.query(`DROP INDEX \`idx_visits_org_on\` ON \`visits\``);
    await q.query(`DROP TABLE \`visits\``);
  }
}
