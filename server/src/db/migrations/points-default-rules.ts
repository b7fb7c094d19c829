import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The default points rules (portable SQL, used by both dialects). Caps are in points; the
 * org-life meetings are capped at their required yearly count (支委会 monthly → 12 × 2 points).
 */
const RULES: [code: string, name: string, points: number, dailyCap: number | null, yearlyCap: number | null][] = [
  ['checkin', '参加组织活动', 2, 6, null],
  ['study_online', '完成在线学习', 1, 5, 200],
  ['study_note', '撰写学习心得', 2, 2, 50],
  ['absence', '无故缺席组织生活', -3, null, null],
  ['contact_logged', '联系流动党员', 1, 5, 100],
  ['adjustment', '管理员调整', 0, null, null],
  ['meeting_committee', '参加支委会', 2, null, 24],
  ['meeting_group', '参加党小组会', 2, null, 24],
  ['meeting_fixed_day', '参加主题党日', 2, null, 24],
  ['meeting_general', '参加支部党员大会', 3, null, 12],
  ['meeting_lecture', '参加党课', 3, null, 12],
  ['meeting_org_life', '参加组织生活会', 5, null, 5],
  ['meeting_appraisal', '参加民主评议党员', 5, null, 5],
];

export class PointsDefaultRules1795761708760 implements MigrationInterface {
  name = 'PointsDefaultRules1795761708760';

  public async up(q: QueryRunner): Promise<void> {
    for (const [code, name, points, dailyCap, yearlyCap] of RULES)
      await q.query('INSERT INTO points_rules (code, name, points, dailyCap, yearlyCap, enabled, updatedAt) VALUES (?, ?, ?, ?, ?, 1, ?)', [
        code,
        name,
        points,
        dailyCap,
        yearlyCap,
        '2026-11-27 00:00:00.000',
      ]);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM points_rules WHERE code IN (${RULES.map(() => '?').join(', ')})`,
      RULES.map((r) => r[0]),
    );
  }
}
