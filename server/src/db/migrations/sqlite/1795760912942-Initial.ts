import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795760912942 implements MigrationInterface {
  name = 'Initial1795760912942';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "audit_logs" ("id" varchar(24) PRIMARY KEY NOT NULL, "actorKind" varchar(16) NOT NULL, "actorId" varchar(24), "action" varchar(64) NOT NULL, "targetType" varchar(32), "targetId" varchar(24), "details" text, "ip" varchar(64), "requestId" varchar(64), "createdAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_audit_logs_created" ON "audit_logs" ("createdAt") `);
    await q.query(`CREATE INDEX "idx_audit_logs_actor" ON "audit_logs" ("actorId", "createdAt") `);
    await q.query(`CREATE INDEX "idx_audit_logs_target" ON "audit_logs" ("targetType", "targetId") `);
    await q.query(
      `CREATE TABLE "bind_tickets" ("id" varchar(64) PRIMARY KEY NOT NULL, "openid" varchar(64) NOT NULL, "unionid" varchar(64), "sessionKeyEnc" varchar(255), "failedAttempts" integer NOT NULL DEFAULT (0), "expiresAt" datetime(3) NOT NULL, "usedAt" datetime(3), "createdAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_bind_tickets_openid" ON "bind_tickets" ("openid") `);
    await q.query(
      `CREATE TABLE "role_grants" ("id" varchar(24) PRIMARY KEY NOT NULL, "memberId" varchar(24), "userId" varchar(24), "role" varchar(32) NOT NULL, "orgId" varchar(24) NOT NULL, "grantedAt" datetime(3) NOT NULL, "endedAt" datetime(3), "endReason" varchar(32))`,
    );
    await q.query(`CREATE INDEX "idx_role_grants_org" ON "role_grants" ("orgId", "role") `);
    await q.query(`CREATE INDEX "idx_role_grants_user" ON "role_grants" ("userId") `);
    await q.query(`CREATE INDEX "idx_role_grants_member" ON "role_grants" ("memberId") `);
    await q.query(
      `CREATE TABLE "users" ("id" varchar(24) PRIMARY KEY NOT NULL, "username" varchar(64) NOT NULL, "name" varchar(50) NOT NULL, "passwordHash" varchar(255) NOT NULL, "memberId" varchar(24), "disabled" boolean NOT NULL DEFAULT (0), "createdAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_users_username" ON "users" ("username") `);
    await q.query(
      `CREATE TABLE "wechat_bindings" ("id" varchar(24) PRIMARY KEY NOT NULL, "openid" varchar(64) NOT NULL, "unionid" varchar(64), "memberId" varchar(24) NOT NULL, "sessionKeyEnc" varchar(255), "boundAt" datetime(3) NOT NULL, "lastLoginAt" datetime(3))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_wechat_bindings_openid" ON "wechat_bindings" ("openid") `);
    await q.query(`CREATE UNIQUE INDEX "uq_wechat_bindings_member" ON "wechat_bindings" ("memberId") `);
    await q.query(
      `CREATE TABLE "members" ("id" varchar(24) PRIMARY KEY NOT NULL, "name" varchar(50) NOT NULL, "gender" varchar(8), "orgId" varchar(24) NOT NULL, "status" varchar(16) NOT NULL, "idCardEnc" varchar(255) NOT NULL, "idCardHash" varchar(64) NOT NULL, "phoneEnc" varchar(255), "phoneHash" varchar(64), "birthDate" varchar(10), "joinedAt" varchar(10), "education" varchar(20), "isMobile" boolean NOT NULL DEFAULT (0), "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_members_phone" ON "members" ("phoneHash") `);
    await q.query(`CREATE INDEX "idx_members_name" ON "members" ("name") `);
    await q.query(`CREATE INDEX "idx_members_org" ON "members" ("orgId") `);
    await q.query(`CREATE UNIQUE INDEX "uq_members_id_card" ON "members" ("idCardHash") `);
    await q.query(
      `CREATE TABLE "member_mobility" ("memberId" varchar(24) PRIMARY KEY NOT NULL, "destination" varchar(100) NOT NULL, "employer" varchar(100), "leftAt" varchar(10), "status" varchar(16) NOT NULL DEFAULT ('away'), "contactCadreId" varchar(24), "intervalDays" integer NOT NULL DEFAULT (90), "updatedAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_member_mobility_cadre" ON "member_mobility" ("contactCadreId") `);
    await q.query(
      `CREATE TABLE "orgs" ("id" varchar(24) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "kind" varchar(16) NOT NULL, "parentId" varchar(24), "path" varchar(255) NOT NULL, "sortOrder" integer NOT NULL DEFAULT (0), "createdAt" datetime(3) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "idx_orgs_parent" ON "orgs" ("parentId") `);
    await q.query(`CREATE INDEX "idx_orgs_path" ON "orgs" ("path") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_orgs_path"`);
    await q.query(`DROP INDEX "idx_orgs_parent"`);
    await q.query(`DROP TABLE "orgs"`);
    await q.query(`DROP INDEX "idx_member_mobility_cadre"`);
    await q.query(`DROP TABLE "member_mobility"`);
    await q.query(`DROP INDEX "uq_members_id_card"`);
    await q.query(`DROP INDEX "idx_members_org"`);
    await q.query(`DROP INDEX "idx_members_name"`);
    await q.query(`DROP INDEX "idx_members_phone"`);
    await q.query(`DROP TABLE "members"`);
    await q.query(`DROP INDEX "uq_wechat_bindings_member"`);
    await q.query(`DROP INDEX "uq_wechat_bindings_openid"`);
    await q.query(`DROP TABLE "wechat_bindings"`);
    await q.query(`DROP INDEX "uq_users_username"`);
    await q.query(`DROP TABLE "users"`);
    await q.query(`DROP INDEX "idx_role_grants_member"`);
    await q.query(`DROP INDEX "idx_role_grants_user"`);
    await q.query(`DROP INDEX "idx_role_grants_org"`);
    await q.query(`DROP TABLE "role_grants"`);
    await q.query(`DROP INDEX "idx_bind_tickets_openid"`);
    await q.query(`DROP TABLE "bind_tickets"`);
    await q.query(`DROP INDEX "idx_audit_logs_target"`);
    await q.query(`DROP INDEX "idx_audit_logs_actor"`);
    await q.query(`DROP INDEX "idx_audit_logs_created"`);
    await q.query(`DROP TABLE "audit_logs"`);
  }
}
