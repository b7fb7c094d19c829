import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Appraisals1796543812569 implements MigrationInterface {
  name = 'Appraisals1796543812569';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`appraisal_rounds\` (\`id\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`year\` int NOT NULL, \`meetingActivityId\` varchar(24) NOT NULL, \`status\` varchar(16) NOT NULL, \`reportedAt\` datetime(3) NULL, \`createdBy\` varchar(24) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_appraisal_rounds_org_year\` (\`orgId\`, \`year\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`appraisals\` (\`id\` varchar(24) NOT NULL, \`roundId\` varchar(24) NOT NULL, \`memberId\` varchar(24) NOT NULL, \`memberStatus\` varchar(16) NOT NULL, \`excludedReason\` varchar(16) NULL, \`excludedNote\` varchar(500) NULL, \`selfReview\` varchar(2000) NULL, \`tallyExcellent\` int NULL, \`tallyQualified\` int NULL, \`tallyBasic\` int NULL, \`tallyUnqualified\` int NULL, \`grade\` varchar(24) NULL, \`grounds\` varchar(300) NULL, \`basisNote\` varchar(500) NULL, \`decidedBy\` varchar(24) NULL, \`decidedAt\` datetime(3) NULL, \`feedbackAt\` datetime(3) NULL, \`disposalId\` varchar(24) NULL, INDEX \`idx_appraisals_member\` (\`memberId\`), UNIQUE INDEX \`uq_appraisals_round_member\` (\`roundId\`, \`memberId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await q.query(
      `CREATE TABLE \`disposals\` (\`id\` varchar(24) NOT NULL, \`memberId\` varchar(24) NOT NULL, \`orgId\` varchar(24) NOT NULL, \`kind\` varchar(16) NOT NULL, \`grounds\` varchar(300) NOT NULL, \`status\` varchar(16) NOT NULL, \`appraisalRoundId\` varchar(24) NULL, \`proposedOn\` varchar(10) NULL, \`filedOn\` varchar(10) NULL, \`investigatedOn\` varchar(10) NULL, \`investigationFindings\` varchar(2000) NULL, \`talkOn\` varchar(10) NULL, \`talkRecord\` varchar(2000) NULL, \`pretrialOn\` varchar(10) NULL, \`pretrialResult\` varchar(2000) NULL, \`voteOn\` varchar(10) NULL, \`shouldAttend\` int NULL, \`present\` int NULL, \`agree\` int NULL, \`against\` int NULL, \`abstain\` int NULL, \`defenceNote\` varchar(2000) NULL, \`approvedOn\` varchar(10) NULL, \`approvedBy\` varchar(24) NULL, \`effectiveOn\` varchar(10) NULL, \`rectifyMonths\` int NULL, \`rectifyUntil\` varchar(10) NULL, \`expiryReviewOn\` varchar(10) NULL, \`expiryReviewResult\` varchar(16) NULL, \`expiryReviewNote\` varchar(2000) NULL, \`rejoinBarUntil\` varchar(10) NULL, \`note\` varchar(500) NULL, \`lastStepOn\` varchar(10) NULL, \`createdBy\` varchar(24) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, INDEX \`idx_disposals_approved\` (\`approvedOn\`), INDEX \`idx_disposals_member\` (\`memberId\`), INDEX \`idx_disposals_org\` (\`orgId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`idx_disposals_org\` ON \`disposals\``);
    await q.query(`DROP INDEX \`idx_disposals_member\` ON \`disposals\``);
    await q.query(`DROP INDEX \`idx_disposals_approved\` ON \`disposals\``);
    await q.query(`DROP TABLE \`disposals\``);
    await q.query(`DROP INDEX \`uq_appraisals_round_member\` ON \`appraisals\``);
    await q.query(`DROP INDEX \`idx_appraisals_member\` ON \`appraisals\``);
    await q.query(`DROP TABLE \`appraisals\``);
    await q.query(`DROP INDEX \`uq_appraisal_rounds_org_year\` ON \`appraisal_rounds\``);
    await q.query(`DROP TABLE \`appraisal_rounds\``);
  }
}
