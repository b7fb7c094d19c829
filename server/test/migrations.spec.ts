import { TEST_DB, createTestContext, type TestContext } from './support/context';

describe(`migrations (${TEST_DB})`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('leave no difference between the entities and the migrated schema', async () => {
    const sql = await ctx.ds.driver.createSchemaBuilder().log();
    // MariaDB reports nullable columns and some indexes as changed when they are not; anything
    // else (a missing table, column or index) is a migration someone forgot to write.
    const all = sql.upQueries.map((q) => q.query).filter((q) => !/ALTER TABLE `\w+` CHANGE `(\w+)` `\1` /.test(q));
    const indexName = (q: string) => /^(?:DROP|CREATE(?: UNIQUE)?) INDEX `(\w+)`/.exec(q)?.[1];
    const recreated = new Set(
      all
        .filter((q) => q.startsWith('DROP INDEX'))
        .map(indexName)
        .filter((n) => all.some((q) => q.startsWith('CREATE') && indexName(q) === n)),
    );
    const real = all.filter((q) => !recreated.has(indexName(q) ?? ''));
    expect(real).toEqual([]);
  });

  it('seed the default points rules', async () => {
    const rows: { code: string }[] = await ctx.ds.query('SELECT code FROM points_rules');
    expect(rows.map((r) => r.code)).toEqual(expect.arrayContaining(['checkin', 'study_online', 'study_note', 'absence', 'contact_logged']));
  });

  it('can be undone and redone', async () => {
    const n = ctx.ds.migrations.length;
    for (let i = 0; i < n; i++) await ctx.ds.undoLastMigration();
    const applied = await ctx.ds.runMigrations();
    expect(applied).toHaveLength(n);
    // Every DDL statement of every migration twice: on MariaDB under a loaded machine this takes
    // seconds, not the default five.
  }, 60_000);
});
