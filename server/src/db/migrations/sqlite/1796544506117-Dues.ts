import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Dues1796544506117 implements MigrationInterface {
  name = 'Dues1796544506117';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "dues_bases" ("id" varchar(24) PRIMARY KEY NOT NULL, "memberId" varchar(24) NOT NULL, "orgId" varchar(24) NOT NULL, "year" integer NOT NULL, "category" varchar(16) NOT NULL, "baseCents" integer, "rateBp" integer, "monthlyCents" integer NOT NULL, "overrideReason" varchar(200), "setBy" varchar(24) NOT NULL, "setAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_dues_bases_org_year" ON "dues_bases" ("orgId", "year") `);
    await q.query(`CREATE UNIQUE INDEX "uq_dues_bases_member_year" ON "dues_bases" ("memberId", "year") `);
    await q.query(
      `CREATE TABLE "dues_payments" ("id" varchar(24) PRIMARY KEY NOT NULL, "memberId" varchar(24) NOT NULL, "orgId" varchar(24) NOT NULL, "months" varchar(200) NOT NULL, "amountCents" integer NOT NULL, "method" varchar(8) NOT NULL, "proxyName" varchar(50), "paidOn" varchar(10) NOT NULL, "externalTxnId" varchar(64), "receiptNo" varchar(32), "note" varchar(500), "collectedBy" varchar(24) NOT NULL, "createdAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_dues_payments_org_paid" ON "dues_payments" ("orgId", "paidOn") `);
    await q.query(`CREATE INDEX "idx_dues_payments_member" ON "dues_payments" ("memberId") `);
    await q.query(
      `CREATE TABLE "dues_months" ("id" varchar(24) PRIMARY KEY NOT NULL, "memberId" varchar(24) NOT NULL, "month" varchar(7) NOT NULL, "paymentId" varchar(24) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_dues_months_payment" ON "dues_months" ("paymentId") `);
    await q.query(`CREATE UNIQUE INDEX "uq_dues_months_member_month" ON "dues_months" ("memberId", "month") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "uq_dues_months_member_month"`);
    await q.query(`DROP INDEX "idx_dues_months_payment"`);
    await q.query(`DROP TABLE "dues_months"`);
    await q.query(`DROP INDEX "idx_dues_payments_member"`);
    await q.query(`DROP INDEX "idx_dues_payments_org_paid"`);
    await q.query(`DROP TABLE "dues_payments"`);
    await q.query(`DROP INDEX "uq_dues_bases_member_year"`);
    await q.query(`DROP INDEX "idx_dues_bases_org_year"`);
    await q.query(`DROP TABLE "dues_bases"`);
  }
}
