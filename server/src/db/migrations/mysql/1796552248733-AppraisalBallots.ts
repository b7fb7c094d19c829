import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AppraisalBallots1796552248733 implements MigrationInterface {
  name = 'AppraisalBallots1796552248733';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`appraisal_ballot_tokens\` (\`id\` varchar(24) NOT NULL, \`roundId\` varchar(24) NOT NULL, \`tokenHash\` varchar(64) NOT NULL, \`used\` tinyint NOT NULL DEFAULT 0, INDEX \`idx_appraisal_ballot_tokens_round\` (\`roundId\`), UNIQUE INDEX \`uq_appraisal_ballot_tokens_hash\` (\`tokenHash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`appraisal_ballots\` (\`id\` varchar(24) NOT NULL, \`roundId\` varchar(24) NOT NULL, INDEX \`idx_appraisal_ballots_round\` (\`roundId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`appraisal_ballot_grades\` (\`id\` varchar(24) NOT NULL, \`ballotId\` varchar(24) NOT NULL, \`roundId\` varchar(24) NOT NULL, \`memberId\` varchar(24) NOT NULL, \`grade\` varchar(24) NOT NULL, INDEX \`idx_appraisal_ballot_grades_round\` (\`roundId\`, \`memberId\`), UNIQUE INDEX \`uq_appraisal_ballot_grades\` (\`ballotId\`, \`memberId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(`ALTER TABLE \`appraisal_rounds\` ADD \`voteClosedAt\` datetime(3) NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`appraisal_rounds\` DROP COLUMN \`voteClosedAt\``);
    await q.query(`DROP INDEX \`uq_appraisal_ballot_grades\` ON \`appraisal_ballot_grades\``);
    await q.query(`DROP INDEX \`idx_appraisal_ballot_grades_round\` ON \`appraisal_ballot_grades\``);
    await q.query(`DROP TABLE \`appraisal_ballot_grades\``);
    await q.query(`DROP INDEX \`idx_appraisal_ballots_round\` ON \`appraisal_ballots\``);
    await q.query(`DROP TABLE \`appraisal_ballots\``);
    await q.query(`DROP INDEX \`uq_appraisal_ballot_tokens_hash\` ON \`appraisal_ballot_tokens\``);
    await q.query(`DROP INDEX \`idx_appraisal_ballot_tokens_round\` ON \`appraisal_ballot_tokens\``);
    await q.query(`DROP TABLE \`appraisal_ballot_tokens\``);
  }
}
