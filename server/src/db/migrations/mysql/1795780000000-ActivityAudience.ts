import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who an activity expects: its audience (the org, its committee, or only those named) and the
 * role of each named person (also expected, or 列席). A 支委会 already held expects its committee.
 */
export class ActivityAudience1795780000000 implements MigrationInterface {
  name = 'ActivityAudience1795780000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`activities\` ADD \`audience\` varchar(16) NOT NULL DEFAULT 'org'`);
    await q.query(`UPDATE \`activities\` SET \`audience\` = 'committee' WHERE \`kind\` = 'committee_meeting'`);
    await q.query(`ALTER TABLE \`activity_invitees\` ADD \`role\` varchar(16) NOT NULL DEFAULT 'extra'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`activity_invitees\` DROP COLUMN \`role\``);
    await q.query(`ALTER TABLE \`activities\` DROP COLUMN \`audience\``);
  }
}
