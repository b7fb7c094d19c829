import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Transfers1796545045034 implements MigrationInterface {
  name = 'Transfers1796545045034';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`membership_transfers\` (\`id\` varchar(24) NOT NULL, \`memberId\` varchar(24) NOT NULL, \`fromOrgId\` varchar(24) NOT NULL, \`kind\` varchar(24) NOT NULL, \`toOrgId\` varchar(24) NULL, \`toOrgName\` varchar(100) NOT NULL, \`reason\` varchar(500) NULL, \`status\` varchar(16) NOT NULL, \`requestedOn\` varchar(10) NOT NULL, \`approvedOn\` varchar(10) NULL, \`issuedOn\` varchar(10) NULL, \`validUntil\` varchar(10) NULL, \`duesPaidThrough\` varchar(7) NULL, \`nationalSystemRef\` varchar(64) NULL, \`receivedOn\` varchar(10) NULL, \`note\` varchar(500) NULL, \`openMemberId\` varchar(24) NULL, \`createdBy\` varchar(24) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_membership_transfers_open\` (\`openMemberId\`), INDEX \`idx_membership_transfers_member\` (\`memberId\`), INDEX \`idx_membership_transfers_to\` (\`toOrgId\`), INDEX \`idx_membership_transfers_from\` (\`fromOrgId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`idx_membership_transfers_from\` ON \`membership_transfers\``);
    await q.query(`DROP INDEX \`idx_membership_transfers_to\` ON \`membership_transfers\``);
    await q.query(`DROP INDEX \`idx_membership_transfers_member\` ON \`membership_transfers\``);
    await q.query(`DROP INDEX \`uq_membership_transfers_open\` ON \`membership_transfers\``);
    await q.query(`DROP TABLE \`membership_transfers\``);
  }
}
