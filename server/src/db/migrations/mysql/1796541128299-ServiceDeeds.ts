import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ServiceDeeds1796541128299 implements MigrationInterface {
  name = 'ServiceDeeds1796541128299';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`public_deeds\` (\`id\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`title\` varchar(100) NOT NULL, \`category\` varchar(50) NOT NULL, \`requester\` varchar(50) NOT NULL, \`source\` varchar(16) NOT NULL, \`sourceRef\` varchar(24) NULL, \`sourceKey\` varchar(64) NULL, \`responsibleMemberId\` varchar(24) NOT NULL, \`promisedBy\` varchar(10) NOT NULL, \`status\` varchar(16) NOT NULL, \`result\` text NULL, \`doneAt\` datetime(3) NULL, \`closedAt\` datetime(3) NULL, \`declineReason\` varchar(500) NULL, \`followUpAt\` datetime(3) NULL, \`followUpBy\` varchar(24) NULL, \`followUpByName\` varchar(50) NULL, \`followUpSatisfied\` tinyint NULL, \`followUpNote\` varchar(500) NULL, \`createdBy\` varchar(24) NOT NULL, \`createdByName\` varchar(50) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_public_deeds_source_key\` (\`sourceKey\`), INDEX \`idx_public_deeds_done\` (\`doneAt\`), INDEX \`idx_public_deeds_responsible\` (\`responsibleMemberId\`), INDEX \`idx_public_deeds_org\` (\`orgId\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`service_requests\` (\`id\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`requester\` varchar(50) NOT NULL, \`contactEnc\` varchar(255) NULL, \`matter\` text NOT NULL, \`receivedOn\` varchar(10) NOT NULL, \`channel\` varchar(16) NOT NULL, \`status\` varchar(16) NOT NULL, \`handledNote\` varchar(500) NULL, \`deedId\` varchar(24) NULL, \`liaisonContactId\` varchar(24) NULL, \`sourceKey\` varchar(64) NULL, \`createdBy\` varchar(24) NOT NULL, \`createdByName\` varchar(50) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_service_requests_source_key\` (\`sourceKey\`), INDEX \`idx_service_requests_org\` (\`orgId\`, \`receivedOn\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`liaisons\` (\`id\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`memberId\` varchar(24) NOT NULL, \`kind\` varchar(24) NOT NULL, \`scope\` varchar(16) NOT NULL, \`targetOrgId\` varchar(24) NULL, \`areaName\` varchar(100) NULL, \`fromDay\` varchar(10) NOT NULL, \`toDay\` varchar(10) NULL, \`contactIntervalDays\` int NULL, \`lastContactOn\` varchar(10) NULL, \`createdBy\` varchar(24) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, INDEX \`idx_liaisons_member\` (\`memberId\`), INDEX \`idx_liaisons_org\` (\`orgId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`liaison_households\` (\`id\` varchar(24) NOT NULL, \`liaisonId\` varchar(24) NOT NULL, \`position\` int NOT NULL, \`name\` varchar(50) NOT NULL, \`note\` varchar(200) NULL, INDEX \`idx_liaison_households_liaison\` (\`liaisonId\`, \`position\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`liaison_contacts\` (\`id\` varchar(24) NOT NULL, \`liaisonId\` varchar(24) NOT NULL, \`memberId\` varchar(24) NOT NULL, \`loggedBy\` varchar(24) NOT NULL, \`onDay\` varchar(10) NOT NULL, \`householdId\` varchar(24) NULL, \`what\` text NOT NULL, \`needs\` text NULL, \`clientKey\` varchar(140) NULL, \`createdAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_liaison_contacts_client_key\` (\`clientKey\`), INDEX \`idx_liaison_contacts_member\` (\`memberId\`, \`onDay\`), INDEX \`idx_liaison_contacts_liaison\` (\`liaisonId\`, \`onDay\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`idx_liaison_contacts_liaison\` ON \`liaison_contacts\``);
    await q.query(`DROP INDEX \`idx_liaison_contacts_member\` ON \`liaison_contacts\``);
    await q.query(`DROP INDEX \`uq_liaison_contacts_client_key\` ON \`liaison_contacts\``);
    await q.query(`DROP TABLE \`liaison_contacts\``);
    await q.query(`DROP INDEX \`idx_liaison_households_liaison\` ON \`liaison_households\``);
    await q.query(`DROP TABLE \`liaison_households\``);
    await q.query(`DROP INDEX \`idx_liaisons_org\` ON \`liaisons\``);
    await q.query(`DROP INDEX \`idx_liaisons_member\` ON \`liaisons\``);
    await q.query(`DROP TABLE \`liaisons\``);
    await q.query(`DROP INDEX \`idx_service_requests_org\` ON \`service_requests\``);
    await q.query(`DROP INDEX \`uq_service_requests_source_key\` ON \`service_requests\``);
    await q.query(`DROP TABLE \`service_requests\``);
    await q.query(`DROP INDEX \`idx_public_deeds_org\` ON \`public_deeds\``);
    await q.query(`DROP INDEX \`idx_public_deeds_responsible\` ON \`public_deeds\``);
    await q.query(`DROP INDEX \`idx_public_deeds_done\` ON \`public_deeds\``);
    await q.query(`DROP INDEX \`uq_public_deeds_source_key\` ON \`public_deeds\``);
    await q.query(`DROP TABLE \`public_deeds\``);
  }
}
