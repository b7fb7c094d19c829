import ExcelJS from 'exceljs';
import { ROSTER_COLUMNS } from '@djzy/shared';
import { Member } from '../src/modules/member/member.entity';
import {
  asUser,
  buildMember,
  buildTree,
  buildUser,
  createTestContext,
  grantRole,
  asMember,
  makeIdCard,
  type TestContext,
} from './support/context';

const HEADERS = ROSTER_COLUMNS.map((c) => c.header);

async function xlsx(rows: (string | number | Date | null)[][], headers: string[] = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('roster import and export', () => {
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let admin: string;
  let t1admin: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    tree = await buildTree(ctx);
    admin = asUser(ctx, await buildUser(ctx, 'county', 'pw-county-1', [{ role: 'admin', org: tree.county }]));
    t1admin = asUser(ctx, await buildUser(ctx, 't1', 'pw-t1-1', [{ role: 'admin', org: tree.t1 }]));
  });
  afterAll(() => ctx.close());

  const upload = (auth: string, data: Buffer, filename = 'roster.xlsx') =>
    ctx.http.post('/api/v1/members/import').set('Authorization', auth).attach('file', data, filename);

  it('imports good rows, reports each bad row with its number, and re-importing changes nothing', async () => {
    const a = makeIdCard();
    const b = makeIdCard({ male: false });
    const c = makeIdCard();
    const file = await xlsx([
      ['导入甲', '男', a, '13700000001', '乙村党支部', '正式党员', '2001-07-01', '高中', '否'],
      ['导入乙', '', b, '', '一号镇党委/甲村党支部/第一党小组', '预备党员', new Date(Date.UTC(2025, 6, 1)), '', '是'],
      ['坏行', '男', '110101198001010011', '', '乙村党支部', '正式党员', '', '', ''],
      [null, null, null, null, null, null, null, null, null],
      ['无组织', '女', c, '', '不存在党支部', '党员', '2001-13-01', '', ''],
      ['重复', '男', a, '', '乙村党支部', '正式党员', '', '', ''],
      ['重名', '男', makeIdCard(), '', '甲村党支部', '正式党员', '', '', ''],
    ]);
    const res = await upload(admin, file);
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(2);
    expect(res.body.updated).toBe(0);
    expect(res.body.errors.map((e: { row: number }) => e.row)).toEqual([4, 6, 7, 8]);
    const msg = (row: number) => res.body.errors.find((e: { row: number }) => e.row === row).message as string;
    expect(msg(4)).toMatch(/身份证号.*不正确/);
    expect(msg(4)).not.toContain('110101198001010011');
    expect(msg(6)).toMatch(/不存在党支部/);
    expect(msg(6)).toMatch(/人员类别「党员」/);
    expect(msg(6)).toMatch(/入党日期/);
    expect(msg(7)).toMatch(/与第 2 行重复/);
    expect(msg(8)).toMatch(/重名/);

    const imported = await ctx.ds.getRepository(Member).findOneByOrFail({ name: '导入乙' });
    expect(imported).toMatchObject({
      orgId: tree.g111.id,
      status: 'probationary',
      joinedAt: '2025-07-01',
      isMobile: true,
      gender: 'female',
    });

    const again = await upload(admin, file);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(again.body.errors).toHaveLength(4);
  });

  it('updates a changed row in place', async () => {
    const id = makeIdCard();
    await upload(admin, await xlsx([['改前', '男', id, '', '乙村党支部', '正式党员', '', '', '']]));
    const res = await upload(admin, await xlsx([['改后', '男', id, '13700000009', '乙村党支部', '正式党员', '', '大专', '']]));
    expect(res.body).toMatchObject({ created: 0, updated: 1, unchanged: 0, errors: [] });
    const m = await ctx.ds.getRepository(Member).findOneByOrFail({ idCardHash: ctx.services.cipher.blindIndex(id)! });
    expect(m.name).toBe('改后');
    expect(ctx.services.cipher.decrypt(m.phoneEnc)).toBe('13700000009');
  });

  it('never touches a member outside the importer scope', async () => {
    const outsider = await buildMember(ctx, tree.b21, { name: '外乡人' });
    const res = await upload(t1admin, await xlsx([['冒名', '男', outsider.idCard, '', '乙村党支部', '正式党员', '', '', '']]));
    expect(res.body.created).toBe(0);
    expect(res.body.errors[0]).toMatchObject({ row: 2 });
    expect(res.body.errors[0].message).toMatch(/不在您的管理范围内/);
    expect((await ctx.ds.getRepository(Member).findOneByOrFail({ id: outsider.id })).name).toBe('外乡人');
    // An org of another township is not found from here either.
    const other = await upload(t1admin, await xlsx([['某人', '男', makeIdCard(), '', '丙村党支部', '正式党员', '', '', '']]));
    expect(other.body.errors[0].message).toMatch(/不存在或不在您的管理范围内/);
  });

  it('rejects an ID number stored as a number by Excel', async () => {
    const res = await upload(admin, await xlsx([['数字', '男', 110101198001010000, '', '乙村党支部', '正式党员', '', '', '']]));
    expect(res.body.errors[0].message).toMatch(/存成了数字/);
  });

  it.each([
    ['not a spreadsheet', async () => Buffer.from('姓名,身份证号\n张三,1'), 400, 'IMPORT_FILE_INVALID'],
    ['wrong columns', async () => xlsx([['a', 'b']], ['名字', '号码']), 400, 'IMPORT_COLUMNS_INVALID'],
    ['only a header', async () => xlsx([]), 400, 'IMPORT_FILE_EMPTY'],
    ['a 10 MB file', async () => Buffer.alloc(10 * 1024 * 1024, 1), 413, 'PAYLOAD_TOO_LARGE'],
  ])('refuses %s with %i %s and writes nothing', async (_name, make, status, code) => {
    const count = await ctx.ds.getRepository(Member).count();
    const res = await upload(admin, await make());
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await ctx.ds.getRepository(Member).count()).toBe(count);
  });

  it('names the missing columns', async () => {
    const res = await upload(admin, await xlsx([['张三']], ['姓名', '性别']));
    expect(res.body.error.details.missing).toEqual(['身份证号', '所在组织', '人员类别']);
    expect(res.body.error.message).toContain('身份证号');
  });

  it('refuses a request without a file, and a JSON body', async () => {
    const none = await ctx.http.post('/api/v1/members/import').set('Authorization', admin).field('x', '1');
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe('IMPORT_FILE_INVALID');
    const json = await ctx.http.post('/api/v1/members/import').set('Authorization', admin).send({ file: 'x' });
    expect(json.status).toBe(400);
  });

  it('refuses members without a managing role', async () => {
    const m = await buildMember(ctx, tree.b11);
    expect((await upload(asMember(ctx, m), await xlsx([]))).status).toBe(403);
  });

  it('exports the roster of a subtree in the import columns, masked unless an admin reveals', async () => {
    const sec = await buildMember(ctx, tree.b12, { name: '乙村书记', phone: '13711112222' });
    await grantRole(ctx, 'branch_secretary', tree.b12, { memberId: sec.id });
    const res = await ctx.http
      .get(`/api/v1/members/export.xlsx?orgId=${tree.b12.id}`)
      .set('Authorization', asMember(ctx, sec))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as string[]).slice(1)).toEqual(HEADERS);
    const rows = ws.getSheetValues().slice(2) as string[][];
    const secRow = rows.find((r) => r[1] === '乙村书记')!;
    expect(secRow[4]).toBe('137****2222');
    // The org as its full path (issue #20), so the file imports again as it is.
    expect(secRow[5]).toBe('测试县委/一号镇党委/乙村党支部');
    expect(rows.every((r) => r[5] === '测试县委/一号镇党委/乙村党支部')).toBe(true);
    const forbidden = await ctx.http
      .get(`/api/v1/members/export.xlsx?orgId=${tree.b12.id}&reveal=true`)
      .set('Authorization', asMember(ctx, sec));
    expect(forbidden.status).toBe(403);
    const other = await ctx.http.get(`/api/v1/members/export.xlsx?orgId=${tree.b21.id}`).set('Authorization', asMember(ctx, sec));
    expect(other.status).toBe(403);
  });

  it('offers a template with the roster headers', async () => {
    const res = await ctx.http
      .get('/api/v1/members/import-template.xlsx')
      .set('Authorization', admin)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    expect((wb.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual(HEADERS);
  });
});
