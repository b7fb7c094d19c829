/**
 * The demo county that `npm start` seeds: what a visitor is told to try must be there, linked to
 * the right records, and its points must add up.
 */
import { seedDemo } from '../src/demo/seed';
import { seedDemoActivities } from '../src/demo/seed-activities';
import { verifyBalances } from '../src/modules/points/points.verify';
import { TEST_DB, createTestContext, type TestContext } from './support/context';

jest.setTimeout(120_000);

(TEST_DB === 'sqlite' ? describe : describe.skip)('demo county seed', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    const seeded = await seedDemo(ctx.ds, ctx.services.cipher, { adminPassword: 'Demo@2026' });
    expect(seeded.seeded).toBe(true);
    await seedDemoActivities(ctx.ds, ctx.services);
  });
  afterAll(() => ctx.close());

  const titlesOf = async (sql: string) => (await ctx.ds.query(sql)) as { owner: string; title: string }[];

  it('links every branch’s online study to the charter and the quiz, and its plan to the charter and the video', async () => {
    const branches = Number((await ctx.ds.query("SELECT COUNT(*) AS n FROM orgs WHERE kind = 'branch'"))[0].n);
    const online = await titlesOf(
      `SELECT a.id AS owner, s.title AS title FROM activities a JOIN activity_materials l ON l.activityId = a.id JOIN study_materials s ON s.id = l.materialId
        WHERE a.studyMode = 'online' ORDER BY a.id, l.position`,
    );
    expect(online.length).toBe(branches * 2);
    for (let i = 0; i < online.length; i += 2)
      expect([online[i].title, online[i + 1].title]).toEqual(['中国共产党章程（学习要点）', '党史知识小测验']);
    const plans = await titlesOf(
      `SELECT p.id AS owner, s.title AS title FROM study_plans p JOIN study_plan_materials l ON l.planId = p.id JOIN study_materials s ON s.id = l.materialId ORDER BY p.id, l.position`,
    );
    expect(plans.length).toBe(branches * 2);
    for (let i = 0; i < plans.length; i += 2) expect([plans[i].title, plans[i + 1].title]).toEqual(['中国共产党章程（学习要点）', '乡村振兴政策解读（视频）']);
    const pairs = Number((await ctx.ds.query('SELECT COUNT(*) AS n FROM activity_study_pairs'))[0].n);
    expect(pairs).toBeGreaterThan(0);
  });

  it('has a meeting open for check-in now and lectures with their topic', async () => {
    const open = await ctx.ds.query("SELECT startsAt, endsAt FROM activities WHERE title LIKE '主题党日：学习年终民主评议党员工作要求%'");
    expect(open).toHaveLength(1);
    const lectures = await ctx.ds.query("SELECT topic FROM activities WHERE kind = 'party_lecture'");
    expect(lectures.length).toBeGreaterThan(0);
    expect(lectures.every((l: { topic: string | null }) => !!l.topic)).toBe(true);
  });

  it('keeps the points balances equal to the ledger', async () => {
    const v = await verifyBalances(ctx.ds);
    expect(v.entries).toBeGreaterThan(1000);
    expect(v.drift).toEqual([]);
  });
});
