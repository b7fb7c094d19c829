import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MobilitySettings1795767953040 implements MigrationInterface {
  name = 'MobilitySettings1795767953040';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "mobility_settings" ("orgId" varchar(24) PRIMARY KEY NOT NULL, "defaultIntervalDays" integer NOT NULL, "lostContactDays" integer NOT NULL, "selfReportResets" boolean NOT NULL DEFAULT (0), "updatedAt" datetime(3) NOT NULL)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "mobility_settings"`);
  }
}
