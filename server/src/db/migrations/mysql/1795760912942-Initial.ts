import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795760912942 implements MigrationInterface {
  name = 'Initial1795760912942';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`audit_logs\` (\`id\` varchar(24) NOT NULL, \`actorKind\` varchar(16) NOT NULL, \`actorId\` varchar(24) NULL, \`action\` varchar(64) NOT NULL, \`targetType\` varchar(32) NULL, \`targetId\` varchar(24) NULL, \`details\` text NULL, \`ip\` varchar(64) NULL, \`requestId\` varchar(64) NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`idx_audit_logs_created\` (\`createdAt\`), INDEX \`idx_audit_logs_actor\` (\`actorId\`, \`createdAt\`), INDEX \`idx_audit_logs_target\` (\`targetType\`, \`targetId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`bind_tickets\` (\`id\` varchar(64) NOT NULL, \`openid\` varchar(64) NOT NULL, \`unionid\` varchar(64) NULL, \`sessionKeyEnc\` varchar(255) NULL, \`failedAttempts\` int NOT NULL DEFAULT '0', \`expiresAt\` datetime(3) NOT NULL, \`usedAt\` datetime(3) NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`idx_bind_tickets_openid\` (\`openid\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`role_grants\` (\`id\` varchar(24) NOT NULL, \`memberId\` varchar(24) NULL, \`userId\` varchar(24) NULL, \`role\` varchar(32) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`grantedAt\` datetime(3) NOT NULL, \`endedAt\` datetime(3) NULL, \`endReason\` varchar(32) NULL, INDEX \`idx_role_grants_org\` (\`orgId\`, \`role\`), INDEX \`idx_role_grants_user\` (\`userId\`), INDEX \`idx_role_grants_member\` (\`memberId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`users\` (\`id\` varchar(24) NOT NULL, \`username\` varchar(64) NOT NULL, \`name\` varchar(50) NOT NULL, \`passwordHash\` varchar(255) NOT NULL, \`memberId\` varchar(24) NULL, \`disabled\` tinyint NOT NULL DEFAULT 0, \`createdAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_users_username\` (\`username\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`wechat_bindings\` (\`id\` varchar(24) NOT NULL, \`openid\` varchar(64) NOT NULL, \`unionid\` varchar(64) NULL, \`memberId\` varchar(24) NOT NULL, \`sessionKeyEnc\` varchar(255) NULL, \`boundAt\` datetime(3) NOT NULL, \`lastLoginAt\` datetime(3) NULL, UNIQUE INDEX \`uq_wechat_bindings_openid\` (\`openid\`), UNIQUE INDEX \`uq_wechat_bindings_member\` (\`memberId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`members\` (\`id\` varchar(24) NOT NULL, \`name\` varchar(50) NOT NULL, \`gender\` varchar(8) NULL, \`orgId\` varchar(24) NOT NULL, \`status\` varchar(16) NOT NULL, \`idCardEnc\` varchar(255) NOT NULL, \`idCardHash\` varchar(64) NOT NULL, \`phoneEnc\` varchar(255) NULL, \`phoneHash\` varchar(64) NULL, \`birthDate\` varchar(10) NULL, \`joinedAt\` varchar(10) NULL, \`education\` varchar(20) NULL, \`isMobile\` tinyint NOT NULL DEFAULT 0, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, INDEX \`idx_members_phone\` (\`phoneHash\`), INDEX \`idx_members_name\` (\`name\`), INDEX \`idx_members_org\` (\`orgId\`), UNIQUE INDEX \`uq_members_id_card\` (\`idCardHash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`member_mobility\` (\`memberId\` varchar(24) NOT NULL, \`destination\` varchar(100) NOT NULL, \`employer\` varchar(100) NULL, \`leftAt\` varchar(10) NULL, \`status\` varchar(16) NOT NULL DEFAULT 'away', \`contactCadreId\` varchar(24) NULL, \`intervalDays\` int NOT NULL DEFAULT '90', \`updatedAt\` datetime(3) NOT NULL, INDEX \`idx_member_mobility_cadre\` (\`contactCadreId\`), PRIMARY KEY (\`memberId\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`orgs\` (\`id\` varchar(24) NOT NULL, \`name\` varchar(100) NOT NULL, \`kind\` varchar(16) NOT NULL, \`parentId\` varchar(24) NULL, \`path\` varchar(255) NOT NULL, \`sortOrder\` int NOT NULL DEFAULT '0', \`createdAt\` datetime(3) NOT NULL, INDEX \`idx_orgs_parent\` (\`parentId\`), INDEX \`idx_orgs_path\` (\`path\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`idx_orgs_path\` ON \`orgs\``);
    await q.query(`DROP INDEX \`idx_orgs_parent\` ON \`orgs\``);
    await q.query(`DROP TABLE \`orgs\``);
    await q.query(`DROP INDEX \`idx_member_mobility_cadre\` ON \`member_mobility\``);
    await q.query(`DROP TABLE \`member_mobility\``);
    await q.query(`DROP INDEX \`uq_members_id_card\` ON \`members\``);
    await q.query(`DROP INDEX \`idx_members_org\` ON \`members\``);
    await q.query(`DROP INDEX \`idx_members_name\` ON \`members\``);
    await q.query(`DROP INDEX \`idx_members_phone\` ON \`members\``);
    await q.query(`DROP TABLE \`members\``);
    await q.query(`DROP INDEX \`uq_wechat_bindings_member\` ON \`wechat_bindings\``);
    await q.query(`DROP INDEX \`uq_wechat_bindings_openid\` ON \`wechat_bindings\``);
    await q.query(`DROP TABLE \`wechat_bindings\``);
    await q.query(`DROP INDEX \`uq_users_username\` ON \`users\``);
    await q.query(`DROP TABLE \`users\``);
    await q.query(`DROP INDEX \`idx_role_grants_member\` ON \`role_grants\``);
    await q.query(`DROP INDEX \`idx_role_grants_user\` ON \`role_grants\``);
    await q.query(`DROP INDEX \`idx_role_grants_org\` ON \`role_grants\``);
    await q.query(`DROP TABLE \`role_grants\``);
    await q.query(`DROP INDEX \`idx_bind_tickets_openid\` ON \`bind_tickets\``);
    await q.query(`DROP TABLE \`bind_tickets\``);
    await q.query(`DROP INDEX \`idx_audit_logs_target\` ON \`audit_logs\``);
    await q.query(`DROP INDEX \`idx_audit_logs_actor\` ON \`audit_logs\``);
    await q.query(`DROP INDEX \`idx_audit_logs_created\` ON \`audit_logs\``);
    await q.query(`DROP TABLE \`audit_logs\``);
  }
}
