import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Dues1796544506117 implements MigrationInterface {
  name = 'Dues1796544506117';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`dues_bases\` (\`id\` varchar(24) NOT NULL, \`memberId\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`year\` int NOT NULL, \`category\` varchar(16) NOT NULL, \`baseCents\` int NULL, \`rateBp\` int NULL, \`monthlyCents\` int NOT NULL, \`overrideReason\` varchar(200) NULL, \`setBy\` varchar(24) NOT NULL, \`setAt\` datetime(3) NOT NULL, INDEX \`idx_dues_bases_org_year\` (\`orgId\`, \`year\`), UNIQUE INDEX \`uq_dues_bases_member_year\` (\`memberId\`, \`year\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`dues_payments\` (\`id\` varchar(24) NOT NULL, \`memberId\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`months\` varchar(200) NOT NULL, \`amountCents\` int NOT NULL, \`method\` varchar(8) NOT NULL, \`proxyName\` varchar(50) NULL, \`paidOn\` varchar(10) NOT NULL, \`externalTxnId\` varchar(64) NULL, \`receiptNo\` varchar(32) NULL, \`note\` varchar(500) NULL, \`collectedBy\` varchar(24) NOT NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`idx_dues_payments_org_paid\` (\`orgId\`, \`paidOn\`), INDEX \`idx_dues_payments_member\` (\`memberId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`dues_months\` (\`id\` varchar(24) NOT NULL, \`memberId\` varchar(24) NOT NULL, \`month\` varchar(7) NOT NULL, \`paymentId\` varchar(24) NOT NULL, INDEX \`idx_dues_months_payment\` (\`paymentId\`), UNIQUE INDEX \`uq_dues_months_member_month\` (\`memberId\`, \`month\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`uq_dues_months_member_month\` ON \`dues_months\``);
    await q.query(`DROP INDEX \`idx_dues_months_payment\` ON \`dues_months\``);
    await q.query(`DROP TABLE \`dues_months\``);
    await q.query(`DROP INDEX \`idx_dues_payments_member\` ON \`dues_payments\``);
    await q.query(`DROP INDEX \`idx_dues_payments_org_paid\` ON \`dues_payments\``);
    await q.query(`DROP TABLE \`dues_payments\``);
    await q.query(`DROP INDEX \`uq_dues_bases_member_year\` ON \`dues_bases\``);
    await q.query(`DROP INDEX \`idx_dues_bases_org_year\` ON \`dues_bases\``);
    await q.query(`DROP TABLE \`dues_bases\``);
  }
}
