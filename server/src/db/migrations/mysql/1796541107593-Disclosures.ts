import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Disclosures1796541107593 implements MigrationInterface {
  name = 'Disclosures1796541107593';

  public async up(q: QueryRunner): Promise<void> {
    // A database first migrated while Disclosures1796542595057 created these tables too (on main
    // between two merges) has them already: nothing to do there.
    if (await q.hasTable('disclosures')) return;
    await q.query(
      `CREATE TABLE \`disclosures\` (\`id\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`kind\` varchar(16) NOT NULL, \`title\` varchar(100) NOT NULL, \`periodFrom\` varchar(10) NOT NULL, \`periodTo\` varchar(10) NOT NULL, \`body\` text NULL, \`audience\` varchar(16) NOT NULL, \`status\` varchar(16) NOT NULL, \`version\` int NOT NULL DEFAULT '1', \`supersedesId\` varchar(24) NULL, \`supersededById\` varchar(24) NULL, \`preparedBy\` varchar(24) NOT NULL, \`preparedByName\` varchar(50) NOT NULL, \`preparedAt\` datetime(3) NOT NULL, \`reviewedBy\` varchar(24) NULL, \`reviewedByName\` varchar(50) NULL, \`reviewedAt\` datetime(3) NULL, \`reviewNote\` varchar(500) NULL, \`financeCheckedBy\` varchar(24) NULL, \`financeCheckedByName\` varchar(50) NULL, \`financeCheckedAt\` datetime(3) NULL, \`financeCheckNote\` varchar(500) NULL, \`approvedBy\` varchar(24) NULL, \`approvedByName\` varchar(50) NULL, \`approvedAt\` datetime(3) NULL, \`approveNote\` varchar(500) NULL, \`publishedAt\` datetime(3) NULL, \`returnReason\` varchar(500) NULL, \`updatedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_disclosures_supersedes\` (\`supersedesId\`), INDEX \`idx_disclosures_org_status\` (\`orgId\`, \`status\`, \`periodTo\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`disclosure_rows\` (\`id\` varchar(24) NOT NULL, \`disclosureId\` varchar(24) NOT NULL, \`seq\` int NOT NULL, \`day\` varchar(10) NOT NULL, \`item\` varchar(200) NOT NULL, \`incomeCents\` int NULL, \`expenseCents\` int NULL, \`voucherNo\` varchar(50) NULL, \`beneficiary\` varchar(50) NULL, \`amountCents\` int NULL, INDEX \`idx_disclosure_rows_disclosure\` (\`disclosureId\`, \`seq\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`disclosure_schedules\` (\`id\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`kind\` varchar(16) NOT NULL, \`cadence\` varchar(16) NOT NULL, \`lowActivity\` tinyint NOT NULL DEFAULT 0, \`nextDueOn\` varchar(10) NULL, \`flaggedDueOn\` varchar(10) NULL, \`problemId\` varchar(24) NULL, \`updatedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_disclosure_schedules_org_kind\` (\`orgId\`, \`kind\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`uq_disclosure_schedules_org_kind\` ON \`disclosure_schedules\``);
    await q.query(`DROP TABLE \`disclosure_schedules\``);
    await q.query(`DROP INDEX \`idx_disclosure_rows_disclosure\` ON \`disclosure_rows\``);
    await q.query(`DROP TABLE \`disclosure_rows\``);
    await q.query(`DROP INDEX \`idx_disclosures_org_status\` ON \`disclosures\``);
    await q.query(`DROP INDEX \`uq_disclosures_supersedes\` ON \`disclosures\``);
    await q.query(`DROP TABLE \`disclosures\``);
  }
}
