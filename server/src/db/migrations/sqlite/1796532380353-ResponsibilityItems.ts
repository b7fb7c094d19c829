import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ResponsibilityItems1796532380353 implements MigrationInterface {
  name = 'ResponsibilityItems1796532380353';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "responsibility_items" ("id" varchar(24) PRIMARY KEY NOT NULL, "orgId" varchar(24) NOT NULL, "year" integer NOT NULL, "category" varchar(50) NOT NULL, "content" text NOT NULL, "measures" text, "dueDate" varchar(10), "source" varchar(16) NOT NULL, "templateId" varchar(24), "status" varchar(16) NOT NULL, "responsibleMemberId" varchar(24), "publishedAt" datetime(3), "acknowledgedAt" datetime(3), "acknowledgedBy" varchar(24), "result" varchar(16), "resultNote" varchar(500), "evaluatedAt" datetime(3), "evaluatedBy" varchar(24), "createdAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_responsibility_template" ON "responsibility_items" ("templateId") `);
    await q.query(`CREATE INDEX "idx_responsibility_org_year" ON "responsibility_items" ("orgId", "year") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_responsibility_org_year"`);
    await q.query(`DROP INDEX "idx_responsibility_template"`);
    await q.query(`DROP TABLE "responsibility_items"`);
  }
}
