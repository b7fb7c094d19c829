import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TransfersYear1796552309084 implements MigrationInterface {
  name = 'TransfersYear1796552309084';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`dues_disclosures\` (\`id\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`year\` int NOT NULL, \`rows\` text NOT NULL, \`totalCents\` int NOT NULL, \`note\` varchar(500) NULL, \`publishedOn\` varchar(10) NOT NULL, \`publishedBy\` varchar(24) NOT NULL, \`publishedByName\` varchar(50) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_dues_disclosures_org_year\` (\`orgId\`, \`year\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`incoming_transfers\` (\`id\` varchar(24) NOT NULL, \`toOrgId\` varchar(24) NOT NULL, \`kind\` varchar(24) NOT NULL, \`fromOrgName\` varchar(100) NOT NULL, \`letterNo\` varchar(64) NOT NULL, \`issuedOn\` varchar(10) NOT NULL, \`validUntil\` varchar(10) NOT NULL, \`name\` varchar(50) NOT NULL, \`idCardEnc\` varchar(255) NOT NULL, \`idCardHash\` varchar(64) NOT NULL, \`gender\` varchar(8) NULL, \`birthDate\` varchar(10) NULL, \`memberStatus\` varchar(16) NOT NULL, \`joinedOn\` varchar(10) NOT NULL, \`fullOn\` varchar(10) NULL, \`duesPaidThrough\` varchar(7) NOT NULL, \`nationalSystemRef\` varchar(64) NULL, \`note\` varchar(500) NULL, \`status\` varchar(16) NOT NULL, \`registeredOn\` varchar(10) NOT NULL, \`receivedOn\` varchar(10) NULL, \`memberId\` varchar(24) NULL, \`openIdCardHash\` varchar(64) NULL, \`createdBy\` varchar(24) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_incoming_transfers_open\` (\`openIdCardHash\`), INDEX \`idx_incoming_transfers_to\` (\`toOrgId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(`ALTER TABLE \`members\` ADD \`transferState\` varchar(16) NULL`);
    await q.query(`ALTER TABLE \`members\` ADD \`transferSince\` varchar(10) NULL`);
    await q.query(`ALTER TABLE \`members\` ADD \`orgSince\` varchar(10) NULL`);
    await q.query(`ALTER TABLE \`membership_transfers\` ADD \`remindedOn\` varchar(10) NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`membership_transfers\` DROP COLUMN \`remindedOn\``);
    await q.query(`ALTER TABLE \`members\` DROP COLUMN \`orgSince\``);
    await q.query(`ALTER TABLE \`members\` DROP COLUMN \`transferSince\``);
    await q.query(`ALTER TABLE \`members\` DROP COLUMN \`transferState\``);
    await q.query(`DROP INDEX \`idx_incoming_transfers_to\` ON \`incoming_transfers\``);
    await q.query(`DROP INDEX \`uq_incoming_transfers_open\` ON \`incoming_transfers\``);
    await q.query(`DROP TABLE \`incoming_transfers\``);
    await q.query(`DROP INDEX \`uq_dues_disclosures_org_year\` ON \`dues_disclosures\``);
    await q.query(`DROP TABLE \`dues_disclosures\``);
  }
}
