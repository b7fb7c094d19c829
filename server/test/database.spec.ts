import { IsNull } from 'typeorm';
import { transactionWithRetry } from '../src/core/sql';
import { Member } from '../src/modules/member/member.entity';
import { Org } from '../src/modules/org/org.entity';
import { TEST_DB, buildMember, buildTree, createTestContext, type TestContext } from './support/context';

/** MySQL sessions run READ COMMITTED from the moment the pool opens them (db/data-source.ts). */
(TEST_DB === 'mysql' ? describe : describe.skip)('MySQL sessions', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const level = async (q: (sql: string) => Promise<Record<string, string>[]>) => {
    // MySQL 8 has transaction_isolation; MariaDB 10.x tx_isolation (and, from 11.1, both).
    const rows = await q('SELECT @@tx_isolation AS level').catch(() => q('SELECT @@transaction_isolation AS level'));
    return rows[0].level;
  };

  it('is READ COMMITTED on every pooled connection, in and out of transactions, with no SET per transaction', async () => {
    const inside = await Promise.all(Array.from({ length: 12 }, () => transactionWithRetry(ctx.ds, (em) => level((sql) => em.query(sql)))));
    expect(new Set(inside)).toEqual(new Set(['READ-COMMITTED']));
    const outside = await Promise.all(Array.from({ length: 12 }, () => level((sql) => ctx.ds.query(sql))));
    expect(new Set(outside)).toEqual(new Set(['READ-COMMITTED']));
  });
});

/**
 * A where criterion whose value is undefined or null must never widen to "every row". TypeORM
 * 0.3 dropped such keys (findOneBy({ id: undefined }) gave the first row, countBy every row);
 * 1.x throws, which services turn into a 500 rather than someone else's record.
 */
describe(`where criteria with undefined or null (${TEST_DB})`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    const { county } = await buildTree(ctx);
    await buildMember(ctx, county);
  });
  afterAll(() => ctx.close());

  it('throws instead of matching everything', async () => {
    const members = ctx.ds.getRepository(Member);
    const orgs = ctx.ds.getRepository(Org);
    const nothing = undefined as unknown as string;
    await expect(members.findOneBy({ id: nothing })).rejects.toThrow(/Undefined value/);
    await expect(members.countBy({ orgId: nothing })).rejects.toThrow(/Undefined value/);
    await expect(orgs.findBy({ parentId: null as unknown as string })).rejects.toThrow(/Null value/);
    await expect(members.update({ id: nothing }, { name: 'x' })).rejects.toThrow(/Undefined value/);
    await expect(orgs.delete({ parentId: null as unknown as string })).rejects.toThrow(/Null value/);
    expect(await orgs.countBy({ parentId: IsNull() })).toBe(1);
  });
});
