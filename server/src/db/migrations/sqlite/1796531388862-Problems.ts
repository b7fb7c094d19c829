import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Problems1796531388862 implements MigrationInterface {
  name = 'Problems1796531388862';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "problems" ("id" varchar(24) PRIMARY KEY NOT NULL, "orgId" varchar(24) NOT NULL, "year" integer NOT NULL, "source" varchar(24) NOT NULL, "sourceRef" varchar(24), "category" varchar(50) NOT NULL, "description" text NOT NULL, "longTerm" boolean NOT NULL DEFAULT (0), "status" varchar(16) NOT NULL, "assignerOrgId" varchar(24) NOT NULL, "responsibleMemberId" varchar(24), "deadline" varchar(10), "extensions" integer NOT NULL DEFAULT (0), "raisedBy" varchar(24) NOT NULL, "raisedByName" varchar(50) NOT NULL, "raisedAt" datetime(3) NOT NULL, "closedAt" datetime(3), "closedBy" varchar(24), "closedByName" varchar(50), "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_problems_status_deadline" ON "problems" ("status", "deadline") `);
    await q.query(`CREATE INDEX "idx_problems_responsible" ON "problems" ("responsibleMemberId") `);
    await q.query(`CREATE INDEX "idx_problems_org_year" ON "problems" ("orgId", "year") `);
    await q.query(
      `CREATE TABLE "problem_events" ("id" varchar(24) PRIMARY KEY NOT NULL, "problemId" varchar(24) NOT NULL, "kind" varchar(16) NOT NULL, "at" datetime(3) NOT NULL, "byId" varchar(24) NOT NULL, "byName" varchar(50) NOT NULL, "text" text, "evidence" text, "fromDeadline" varchar(10), "toDeadline" varchar(10))`,
    );
    await q.query(`CREATE INDEX "idx_problem_events_problem" ON "problem_events" ("problemId", "at") `);
    await q.query(
      `CREATE TABLE "feedback" ("id" varchar(24) PRIMARY KEY NOT NULL, "category" varchar(16) NOT NULL, "content" text NOT NULL, "contactEnc" varchar(255), "orgId" varchar(24) NOT NULL, "disclosureId" varchar(24), "senderMemberId" varchar(24), "channel" varchar(16) NOT NULL, "status" varchar(16) NOT NULL, "checkResult" varchar(16) NOT NULL, "replyDueAt" datetime(3) NOT NULL, "reply" text, "repliedAt" datetime(3), "repliedBy" varchar(24), "repliedByName" varchar(50), "problemId" varchar(24), "createdAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_feedback_sender" ON "feedback" ("senderMemberId") `);
    await q.query(`CREATE INDEX "idx_feedback_org_created" ON "feedback" ("orgId", "createdAt") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_feedback_org_created"`);
    await q.query(`DROP INDEX "idx_feedback_sender"`);
    await q.query(`DROP TABLE "feedback"`);
    await q.query(`DROP INDEX "idx_problem_events_problem"`);
    await q.query(`DROP TABLE "problem_events"`);
    await q.query(`DROP INDEX "idx_problems_org_year"`);
    await q.query(`DROP INDEX "idx_problems_responsible"`);
    await q.query(`DROP INDEX "idx_problems_status_deadline"`);
    await q.query(`DROP TABLE "problems"`);
  }
}
