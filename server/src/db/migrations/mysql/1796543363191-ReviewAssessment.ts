import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReviewAssessment1796543363191 implements MigrationInterface {
  name = 'ReviewAssessment1796543363191';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`review_sessions\` (\`id\` varchar(24) NOT NULL, \`organizerOrgId\` varchar(24) NOT NULL, \`year\` int NOT NULL, \`activityId\` varchar(24) NOT NULL, \`gradeScale\` varchar(200) NOT NULL, \`attendeeCount\` int NOT NULL DEFAULT '0', \`minValidNumerator\` int NOT NULL DEFAULT '2', \`minValidDenominator\` int NOT NULL DEFAULT '3', \`status\` varchar(16) NOT NULL, \`createdBy\` varchar(24) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`openedAt\` datetime(3) NULL, \`closedAt\` datetime(3) NULL, \`ratedAt\` datetime(3) NULL, \`publishedAt\` datetime(3) NULL, \`decisionNote\` varchar(200) NULL, \`decidedBy\` varchar(24) NULL, \`decidedByName\` varchar(50) NULL, \`updatedAt\` datetime(3) NOT NULL, INDEX \`idx_review_sessions_activity\` (\`activityId\`), INDEX \`idx_review_sessions_org_year\` (\`organizerOrgId\`, \`year\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`review_reporters\` (\`id\` varchar(24) NOT NULL, \`sessionId\` varchar(24) NOT NULL, \`memberId\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`sortOrder\` int NOT NULL, \`finalGrade\` varchar(24) NULL, \`basisNote\` varchar(500) NULL, UNIQUE INDEX \`uq_review_reporters\` (\`sessionId\`, \`memberId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`ballot_tokens\` (\`id\` varchar(24) NOT NULL, \`sessionId\` varchar(24) NOT NULL, \`tokenHash\` varchar(64) NOT NULL, \`used\` tinyint NOT NULL DEFAULT 0, INDEX \`idx_ballot_tokens_session\` (\`sessionId\`), UNIQUE INDEX \`uq_ballot_tokens_hash\` (\`tokenHash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`ballots\` (\`id\` varchar(24) NOT NULL, \`sessionId\` varchar(24) NOT NULL, INDEX \`idx_ballots_session\` (\`sessionId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`ballot_grades\` (\`id\` varchar(24) NOT NULL, \`ballotId\` varchar(24) NOT NULL, \`sessionId\` varchar(24) NOT NULL, \`reporterMemberId\` varchar(24) NOT NULL, \`grade\` varchar(24) NOT NULL, INDEX \`idx_ballot_grades_session\` (\`sessionId\`, \`reporterMemberId\`), UNIQUE INDEX \`uq_ballot_grades\` (\`ballotId\`, \`reporterMemberId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`paper_tallies\` (\`id\` varchar(24) NOT NULL, \`sessionId\` varchar(24) NOT NULL, \`papers\` int NOT NULL, \`counts\` text NOT NULL, \`enteredBy\` varchar(24) NOT NULL, \`enteredByName\` varchar(50) NOT NULL, \`witnessName\` varchar(50) NOT NULL, \`enteredAt\` datetime(3) NOT NULL, INDEX \`idx_paper_tallies_session\` (\`sessionId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`duty_reports\` (\`id\` varchar(24) NOT NULL, \`sessionId\` varchar(24) NOT NULL, \`reporterMemberId\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`year\` int NOT NULL, \`body\` text NOT NULL, \`figures\` text NOT NULL, \`figuresAt\` datetime(3) NOT NULL, \`status\` varchar(16) NOT NULL, \`submittedAt\` datetime(3) NULL, \`reviewedBy\` varchar(24) NULL, \`reviewedByName\` varchar(50) NULL, \`reviewedAt\` datetime(3) NULL, \`returnedNote\` varchar(500) NULL, \`updatedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_duty_reports\` (\`sessionId\`, \`reporterMemberId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`review_comments\` (\`id\` varchar(24) NOT NULL, \`sessionId\` varchar(24) NOT NULL, \`reporterMemberId\` varchar(24) NOT NULL, \`text\` text NOT NULL, \`byName\` varchar(50) NOT NULL, \`createdBy\` varchar(24) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`problemId\` varchar(24) NULL, INDEX \`idx_review_comments_session\` (\`sessionId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`assessment_templates\` (\`id\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`year\` int NOT NULL, \`items\` text NOT NULL, \`bonusCap\` int NOT NULL, \`vetoItems\` text NOT NULL, \`updatedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_assessment_templates\` (\`orgId\`, \`year\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`secretary_assessments\` (\`id\` varchar(24) NOT NULL, \`templateId\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`subjectMemberId\` varchar(24) NOT NULL, \`year\` int NOT NULL, \`status\` varchar(16) NOT NULL, \`selfScores\` text NULL, \`scores\` text NULL, \`autoScores\` text NULL, \`bonus\` int NOT NULL DEFAULT '0', \`bonusReason\` varchar(500) NULL, \`vetoCodes\` varchar(500) NULL, \`vetoReason\` varchar(500) NULL, \`selfTotal\` int NULL, \`total\` int NULL, \`grade\` varchar(24) NULL, \`decisionNote\` varchar(200) NULL, \`appealReason\` varchar(500) NULL, \`appealReply\` varchar(500) NULL, \`assessedBy\` varchar(24) NULL, \`confirmedBy\` varchar(24) NULL, \`updatedAt\` datetime(3) NOT NULL, INDEX \`idx_secretary_assessments_org\` (\`orgId\`, \`year\`), UNIQUE INDEX \`uq_secretary_assessments\` (\`templateId\`, \`subjectMemberId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`uq_secretary_assessments\` ON \`secretary_assessments\``);
    await q.query(`DROP INDEX \`idx_secretary_assessments_org\` ON \`secretary_assessments\``);
    await q.query(`DROP TABLE \`secretary_assessments\``);
    await q.query(`DROP INDEX \`uq_assessment_templates\` ON \`assessment_templates\``);
    await q.query(`DROP TABLE \`assessment_templates\``);
    await q.query(`DROP INDEX \`idx_review_comments_session\` ON \`review_comments\``);
    await q.query(`DROP TABLE \`review_comments\``);
    await q.query(`DROP INDEX \`uq_duty_reports\` ON \`duty_reports\``);
    await q.query(`DROP TABLE \`duty_reports\``);
    await q.query(`DROP INDEX \`idx_paper_tallies_session\` ON \`paper_tallies\``);
    await q.query(`DROP TABLE \`paper_tallies\``);
    await q.query(`DROP INDEX \`uq_ballot_grades\` ON \`ballot_grades\``);
    await q.query(`DROP INDEX \`idx_ballot_grades_session\` ON \`ballot_grades\``);
    await q.query(`DROP TABLE \`ballot_grades\``);
    await q.query(`DROP INDEX \`idx_ballots_session\` ON \`ballots\``);
    await q.query(`DROP TABLE \`ballots\``);
    await q.query(`DROP INDEX \`uq_ballot_tokens_hash\` ON \`ballot_tokens\``);
    await q.query(`DROP INDEX \`idx_ballot_tokens_session\` ON \`ballot_tokens\``);
    await q.query(`DROP TABLE \`ballot_tokens\``);
    await q.query(`DROP INDEX \`uq_review_reporters\` ON \`review_reporters\``);
    await q.query(`DROP TABLE \`review_reporters\``);
    await q.query(`DROP INDEX \`idx_review_sessions_org_year\` ON \`review_sessions\``);
    await q.query(`DROP INDEX \`idx_review_sessions_activity\` ON \`review_sessions\``);
    await q.query(`DROP TABLE \`review_sessions\``);
  }
}
