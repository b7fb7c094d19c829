/**
 * The start-up warm-up (issue #19): it runs requests through the real HTTP stack — including a
 * real member's token through the caller's load and the activity look-up — and writes nothing.
 */
import { createLogger } from '../src/core/logger';
import { warmUp } from '../src/core/warm-up';
import { buildMember, buildTree, createTestContext, type TestContext } from './support/context';

const TABLES = ['checkins', 'points_entries', 'points_balances', 'points_rule_usage', 'audit_logs', 'activities', 'members'];

describe('warm-up before listening', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const t of TABLES) out[t] = Number((await ctx.ds.query(`SELECT COUNT(*) AS n FROM ${t}`))[0].n);
    return out;
  };

  test('a real member’s token reaches the caller’s load; nothing is written', async () => {
    const { b11 } = await buildTree(ctx);
    const member = await buildMember(ctx, b11);
    const before = await counts();
    const load = jest.spyOn(ctx.services.loader, 'load');
    const issued: string[] = [];
    const started = Date.now();
    await warmUp(ctx.app as never, ctx.ds, createLogger('silent'), 200, 2, (id) => {
      issued.push(id);
      return ctx.services.tokens.issue({ kind: 'member', id }).token;
    });
    expect(issued).toEqual([member.id]);
    expect(load.mock.calls.filter(([sub]) => sub.id === member.id).length).toBeGreaterThan(100);
    expect(await counts()).toEqual(before);
    expect(Date.now() - started).toBeLessThan(10_000);
    load.mockRestore();
  });

  test('an empty roster: only refused requests, no token asked for', async () => {
    const empty = await createTestContext();
    try {
      const issued: string[] = [];
      await warmUp(empty.app as never, empty.ds, createLogger('silent'), 50, 1, (id) => (issued.push(id), 'x'));
      expect(issued).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});
