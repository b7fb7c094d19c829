/**
 * `GET /problems.xlsx`: the 问题清单 of the 三张清单 as a spreadsheet, through the real app on both
 * databases with a fake clock — the list's filters and scope, the latest 整改措施, the 完成情况
 * with the derived overdue, 销号时间, and the file named after the org and year.
 */
import ExcelJS from 'exceljs';
import { asMember, asUser, buildMember, buildTree, buildUser, createTestContext, testClock, type TestContext } from './support/context';

describe('问题清单 export', () => {
  const clock = testClock('2026-03-02T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let township: string;
  let otherTownship: string;

  beforeAll(async () => {
    ctx = await createTestContext({}, { now: clock.now });
    tree = await buildTree(ctx);
    township = asUser(ctx, await buildUser(ctx, 'x1admin', 'pw-x1admin-1', [{ role: 'admin', org: tree.t1 }]));
    otherTownship = asUser(ctx, await buildUser(ctx, 'x2admin', 'pw-x2admin-1', [{ role: 'admin', org: tree.t2 }]));
  });
  afterAll(() => ctx.close());

  const post = (who: string, path: string, body: object = {}) => ctx.http.post(`/api/v1${path}`).set('Authorization', who).send(body);
  const sheet = async (who: string, query: string) => {
    const res = await ctx.http
      .get(`/api/v1/problems.xlsx${query}`)
      .set('Authorization', who)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    if (res.status !== 200) return { res, rows: [] as string[][] };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('问题清单')!;
    const rows: string[][] = [];
    ws.eachRow((row) =>
      rows.push((row.values as ExcelJS.CellValue[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))),
    );
    return { res, rows };
  };

  it('lists the filtered problems in the 三张清单 columns, with the latest measure, status and 销号时间', async () => {
    const secretary = await buildMember(ctx, tree.b11, { name: '甲村书记' });
    const create = async (orgId: string, description: string, year = 2026) => {
      const r = await post(township, '/problems', { orgId, year, source: 'review', category: '组织生活', description });
      expect(r.status).toBe(201);
      return r.body.id as string;
    };
    const closed = await create(tree.b11.id, '“三会一课”记录不规范');
    const late = await create(tree.b12.id, '党员活动室制度未上墙');
    await create(tree.b11.id, '上一年度的问题', 2025);
    await post(township, `/problems/${closed}/assign`, { responsibleMemberId: secretary.id, deadline: '2026-03-20' });
    const sec = asMember(ctx, secretary);
    await post(sec, `/problems/${closed}/progress`, { text: '先补了签到表' });
    clock.set('2026-03-05T09:00:00+08:00');
    await post(sec, `/problems/${closed}/progress`, { text: '补齐会议记录，召开专题组织生活会' });
    await post(sec, `/problems/${closed}/submit`);
    clock.set('2026-03-06T10:00:00+08:00');
    expect((await post(township, `/problems/${closed}/recheck`, { result: 'pass', note: '整改到位' })).body.status).toBe('closed');
    await post(township, `/problems/${late}/assign`, { responsibleMemberId: secretary.id, deadline: '2026-03-10' });
    clock.set('2026-03-15T09:00:00+08:00');

    const { res, rows } = await sheet(township, `?orgId=${tree.t1.id}&year=2026`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(res.headers['content-disposition'])![1])).toBe(
      '问题清单-一号镇党委-2026.xlsx',
    );
    expect(rows[0][0]).toBe('一号镇党委 2026年问题清单');
    expect(rows[2]).toEqual(['序号', '单位', '问题来源', '问题类别', '问题描述', '整改措施', '责任人', '整改时限', '完成情况', '销号时间']);
    const body = rows.slice(3);
    expect(body).toHaveLength(2);
    const byDesc = new Map(body.map((r) => [r[4], r]));
    expect(byDesc.get('“三会一课”记录不规范')).toEqual([
      expect.any(String),
      '甲村党支部',
      '述职评议指出',
      '组织生活',
      '“三会一课”记录不规范',
      '补齐会议记录，召开专题组织生活会',
      '甲村书记',
      '2026-03-20',
      '已销号',
      '2026-03-06',
    ]);
    expect(byDesc.get('党员活动室制度未上墙')?.slice(5)).toEqual(['', '甲村书记', '2026-03-10', '已交办（逾期 5 天）', '']);
    expect(body.map((r) => r[0]).sort()).toEqual(['1', '2']);

    // The list's filters: only the overdue one; and another township sees none of them.
    const overdue = await sheet(township, '?overdue=true&year=2026');
    expect(overdue.rows.slice(3).map((r) => r[4])).toEqual(['党员活动室制度未上墙']);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(overdue.res.headers['content-disposition'])![1])).toBe(
      '问题清单-一号镇党委-2026.xlsx',
    );
    const other = await sheet(otherTownship, '');
    expect(other.res.status).toBe(200);
    expect(other.rows.slice(3)).toEqual([]);
    expect((await sheet(otherTownship, `?orgId=${tree.t1.id}`)).res.status).toBe(403);
    expect((await sheet(township, '?status=gossip')).res.status).toBe(400);
  });
});
