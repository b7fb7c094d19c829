import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CheckinSlotIndex1795765895482 implements MigrationInterface {
  name = 'CheckinSlotIndex1795765895482';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX \`idx_checkins_slot_ip\` ON \`checkins\` (\`activityId\`, \`slot\`, \`ipTag\`)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`idx_checkins_slot_ip\` ON \`checkins\``);
  }
}
