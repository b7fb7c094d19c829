import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Transfers1796545045034 implements MigrationInterface {
  name = 'Transfers1796545045034';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "membership_transfers" ("id" varchar(24) PRIMARY KEY NOT NULL, "memberId" varchar(24) NOT NULL, "fromOrgId" varchar(24) NOT NULL, "kind" varchar(24) NOT NULL, "toOrgId" varchar(24), "toOrgName" varchar(100) NOT NULL, "reason" varchar(500), "status" varchar(16) NOT NULL, "requestedOn" varchar(10) NOT NULL, "approvedOn" varchar(10), "issuedOn" varchar(10), "validUntil" varchar(10), "duesPaidThrough" varchar(7), "nationalSystemRef" varchar(64), "receivedOn" varchar(10), "note" varchar(500), "openMemberId" varchar(24), "createdBy" varchar(24) NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_membership_transfers_open" ON "membership_transfers" ("openMemberId") `);
    await q.query(`CREATE INDEX "idx_membership_transfers_member" ON "membership_transfers" ("memberId") `);
    await q.query(`CREATE INDEX "idx_membership_transfers_to" ON "membership_transfers" ("toOrgId") `);
    await q.query(`CREATE INDEX "idx_membership_transfers_from" ON "membership_transfers" ("fromOrgId") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_membership_transfers_from"`);
    await q.query(`DROP INDEX "idx_membership_transfers_to"`);
    await q.query(`DROP INDEX "idx_membership_transfers_member"`);
    await q.query(`DROP INDEX "uq_membership_transfers_open"`);
    await q.query(`DROP TABLE "membership_transfers"`);
  }
}
