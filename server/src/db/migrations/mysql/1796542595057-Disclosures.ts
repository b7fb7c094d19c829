import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Disclosures1796542595057 implements MigrationInterface {
  name = 'Disclosures1796542595057';

  public async up(q: QueryRunner): Promise<void> {
    // The attachments of 三务公开 (the first Disclosures migration made the other tables). A
    // database migrated while this migration made all four has it already.
    if (await q.hasTable('disclosure_attachments')) return;
    await q.query(
      `CREATE TABLE \`disclosure_attachments\` (\`id\` varchar(24) NOT NULL, \`disclosureId\` varchar(24) NOT NULL, \`name\` varchar(100) NOT NULL, \`contentType\` varchar(50) NOT NULL, \`size\` int NOT NULL, \`storageKey\` varchar(200) NOT NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`idx_disclosure_attachments_disclosure\` (\`disclosureId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`idx_disclosure_attachments_disclosure\` ON \`disclosure_attachments\``);
    await q.query(`DROP TABLE \`disclosure_attachments\``);
  }
}
