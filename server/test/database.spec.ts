import { transactionWithRetry } from '../src/core/sql';
import { TEST_DB, createTestContext, type TestContext } from './support/context';

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
