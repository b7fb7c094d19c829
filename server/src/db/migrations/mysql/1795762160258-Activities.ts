import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Activities1795762160258 implements MigrationInterface {
  name = 'Activities1795762160258';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`activities\` (\`id\` varchar(24) NOT NULL, \`title\` varchar(100) NOT NULL, \`kind\` varchar(32) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`startsAt\` datetime(3) NOT NULL, \`endsAt\` datetime(3) NOT NULL, \`locationName\` varchar(100) NULL, \`lat\` double NULL, \`lng\` double NULL, \`radiusM\` int NULL, \`checkinModes\` varchar(16) NOT NULL, \`studyMode\` varchar(16) NULL, \`description\` text NULL, \`lecturer\` varchar(50) NULL, \`allowRemote\` tinyint NOT NULL DEFAULT 0, \`status\` varchar(16) NOT NULL, \`createdBy\` varchar(24) NULL, \`createdAt\` datetime(3) NOT NULL, \`publishedAt\` datetime(3) NULL, \`cancelledAt\` datetime(3) NULL, INDEX \`idx_activities_start\` (\`startsAt\`), INDEX \`idx_activities_org_start\` (\`orgId\`, \`startsAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`activity_invitees\` (\`activityId\` varchar(24) NOT NULL, \`memberId\` varchar(24) NOT NULL, PRIMARY KEY (\`activityId\`, \`memberId\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`checkins\` (\`id\` varchar(24) NOT NULL, \`activityId\` varchar(24) NOT NULL, \`memberId\` varchar(24) NOT NULL, \`method\` varchar(16) NOT NULL, \`checkedInAt\` datetime(3) NOT NULL, \`distanceM\` int NULL, \`ipTag\` varchar(16) NULL, \`slot\` bigint NULL, \`flagged\` tinyint NOT NULL DEFAULT 0, \`recordedBy\` varchar(24) NULL, INDEX \`idx_checkins_member\` (\`memberId\`), UNIQUE INDEX \`uq_checkins_activity_member\` (\`activityId\`, \`memberId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`leave_requests\` (\`id\` varchar(24) NOT NULL, \`activityId\` varchar(24) NOT NULL, \`memberId\` varchar(24) NOT NULL, \`reason\` varchar(200) NOT NULL, \`status\` varchar(16) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`decidedAt\` datetime(3) NULL, \`decidedBy\` varchar(24) NULL, UNIQUE INDEX \`uq_leave_requests_activity_member\` (\`activityId\`, \`memberId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`uq_leave_requests_activity_member\` ON \`leave_requests\``);
    await q.query(`DROP TABLE \`leave_requests\``);
    await q.query(`DROP INDEX \`uq_checkins_activity_member\` ON \`checkins\``);
    await q.query(`DROP INDEX \`idx_checkins_member\` ON \`checkins\``);
    await q.query(`DROP TABLE \`checkins\``);
    await q.query(`DROP TABLE \`activity_invitees\``);
    await q.query(`DROP INDEX \`idx_activities_org_start\` ON \`activities\``);
    await q.query(`DROP INDEX \`idx_activities_start\` ON \`activities\``);
    await q.query(`DROP TABLE \`activities\``);
  }
}
