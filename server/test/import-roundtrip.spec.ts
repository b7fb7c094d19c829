/**
 * The roster's export → fix → re-import (issue #20): the export writes each member's org as its
 * full path (which the import takes, also from a township admin who cannot see the county), an
 * admin's revealed export imports back to the same roster, the file is named after the org and the
 * day; rejected rows come back with their cells (下载错误行) and import once fixed; the template has
 * dropdowns; dates as people write them; an old .xls is answered with what to do; and the import
 * streams its progress when asked (Accept: application/x-ndjson).
 */
import ExcelJS from 'exceljs';
import type { Test } from 'supertest';
import { ERRORS, IMPORT_ERROR_COLUMN, ROSTER_COLUMNS, type ImportResult, type ImportRowError, type ImportStreamLine } from '@djzy/shared';
import { Member } from '../src/modules/member/member.entity';
import { asUser, buildMember, buildOrg, buildTree, buildUser, createTestContext, makeIdCard, type TestContext } from './support/context';

const HEADERS = ROSTER_COLUMNS.map((c) => c.header);

async function xlsx(rows: (string | number | Date | null)[][], headers: string[] = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The answer's body as bytes (a file, or the streamed lines). */
function binary(req: Test): Test {
  return req.buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  });
}

async function sheetRows(data: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return (wb.worksheets[0].getSheetValues().slice(2) as unknown[][])
    .filter(Boolean)
    .map((r) => r.slice(1).map((v) => (v == null ? '' : String(v))));
}

describe('roster export → fix → re-import', () => {
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let admin: string;
  let t1admin: string;
  let g3a: Awaited<ReturnType<typeof buildOrg>>;
  let g3b: Awaited<ReturnType<typeof buildOrg>>;

  beforeAll(async () => {
    ctx = await createTestContext();
    tree = await buildTree(ctx);
    // Two groups of the same name in two branches: the name alone is ambiguous.
    g3a = await buildOrg(ctx, '第三党小组', 'group', tree.b11);
    g3b = await buildOrg(ctx, '第三党小组', 'group', tree.b12);
    admin = asUser(ctx, await buildUser(ctx, 'county', 'pw-county-1', [{ role: 'admin', org: tree.county }]));
    t1admin = asUser(ctx, await buildUser(ctx, 't1', 'pw-t1-1', [{ role: 'admin', org: tree.t1 }]));
    await buildMember(ctx, g3a, { name: '三组甲' });
    await buildMember(ctx, g3b, { name: '三组乙', phone: null });
    await buildMember(ctx, tree.b12, { name: '乙村某', isMobile: true });
  });
  afterAll(() => ctx.close());

  const upload = (auth: string, data: Buffer, filename = 'roster.xlsx') =>
    ctx.http.post('/api/v1/members/import').set('Authorization', auth).attach('file', data, filename);
  const exportOf = (auth: string, query: string) => binary(ctx.http.get(`/api/v1/members/export.xlsx?${query}`).set('Authorization', auth));

  const snapshot = async () =>
    (await ctx.ds.getRepository(Member).find({ order: { idCardHash: 'ASC' } })).map((m) => ({
      id: m.id,
      name: m.name,
      gender: m.gender,
      orgId: m.orgId,
      status: m.status,
      phone: ctx.services.cipher.decrypt(m.phoneEnc),
      joinedAt: m.joinedAt,
      education: m.education,
      isMobile: !!m.isMobile,
    }));

  it('exports full org paths, named after the org and the day, and a revealed export imports back to the same roster', async () => {
    const res = await exportOf(t1admin, `orgId=${tree.t1.id}&reveal=true`);
    expect(res.status).toBe(200);
    const disposition = decodeURIComponent(res.headers['content-disposition']);
    expect(disposition).toMatch(/党员名册-一号镇党委-\d{4}-\d{2}-\d{2}-完整信息\.xlsx/);
    const rows = await sheetRows(res.body);
    const org = (HEADERS as string[]).indexOf('所在组织');
    expect(rows.find((r) => r[0] === '三组甲')![org]).toBe('测试县委/一号镇党委/甲村党支部/第三党小组');
    expect(rows.find((r) => r[0] === '三组乙')![org]).toBe('测试县委/一号镇党委/乙村党支部/第三党小组');

    // Imported as it is by the township admin (who does not manage 测试县委): nothing changes.
    const before = await snapshot();
    const again = await upload(t1admin, res.body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, errors: [] });
    expect(again.body.unchanged).toBe(rows.length);
    expect(await snapshot()).toEqual(before);

    // Fixed in Excel (a member moved to the other 第三党小组), it imports as that one change.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    ws.eachRow((row) => {
      if (row.getCell(1).value === '三组甲') row.getCell(org + 1).value = '测试县委/一号镇党委/乙村党支部/第三党小组';
    });
    const fixed = await upload(t1admin, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(fixed.body).toMatchObject({ created: 0, updated: 1, errors: [] });
    expect((await ctx.ds.getRepository(Member).findOneByOrFail({ name: '三组甲' })).orgId).toBe(g3b.id);
  });

  it('a masked export is named without 完整信息 and masks the numbers', async () => {
    const res = await exportOf(admin, '');
    expect(decodeURIComponent(res.headers['content-disposition'])).toMatch(/党员名册-测试县委-\d{4}-\d{2}-\d{2}\.xlsx/);
    const row = (await sheetRows(res.body)).find((r) => r[0] === '三组甲')!;
    expect(row[(HEADERS as string[]).indexOf('身份证号')]).toContain('*');
    // Imported back, its rows say why they cannot be matched, and nothing changes.
    const before = await snapshot();
    const back = await upload(admin, res.body);
    expect(back.body.created + back.body.updated).toBe(0);
    expect(back.body.errors.length).toBeGreaterThan(0);
    expect(back.body.errors[0].message).toMatch(/隐去中间几位.*显示完整信息/);
    expect(await snapshot()).toEqual(before);
  });

  it('returns each rejected row with its cells; fixed, they import', async () => {
    const good = makeIdCard();
    const bad = makeIdCard();
    const res = await upload(
      admin,
      await xlsx([
        ['好人', '男', good, '', '乙村党支部', '正式党员', '', '', ''],
        ['坏人', '男', bad, '', '第三党小组', '正式党员', '1990年13月', '大专', '是'],
      ]),
    );
    expect(res.body.created).toBe(1);
    const [e] = res.body.errors as ImportRowError[];
    expect(e.row).toBe(3);
    expect(e.message).toMatch(/重名/);
    expect(e.message).toMatch(/入党日期/);
    expect(e.values).toEqual({
      name: '坏人',
      gender: '男',
      idCard: bad,
      phone: '',
      org: '第三党小组',
      status: '正式党员',
      joinedAt: '1990年13月',
      education: '大专',
      isMobile: '是',
    });

    // The console's 下载错误行 file: the roster columns with the cells, 错误原因 last (ignored).
    const fixedValues = { ...e.values, org: '甲村党支部/第三党小组', joinedAt: '1990年12月' };
    const file = await xlsx(
      [[...ROSTER_COLUMNS.map((c) => fixedValues[c.key] ?? ''), `第 ${e.row} 行：${e.message}`]],
      [...HEADERS, IMPORT_ERROR_COLUMN],
    );
    const again = await upload(admin, file);
    expect(again.body).toMatchObject({ created: 1, errors: [] });
    const m = await ctx.ds.getRepository(Member).findOneByOrFail({ name: '坏人' });
    expect(m).toMatchObject({ orgId: g3a.id, joinedAt: '1990-12-01', education: '大专', isMobile: true });
  });

  it.each([
    ['1985.07', '1985-07-01'],
    ['1985年7月', '1985-07-01'],
    ['1985-07-01', '1985-07-01'],
    ['1985/7/1', '1985-07-01'],
    ['1985年7月1日', '1985-07-01'],
    ['1985-7', '1985-07-01'],
  ])('takes the date %s as %s', async (text, day) => {
    const id = makeIdCard();
    const res = await upload(admin, await xlsx([[`日期${text}`, '男', id, '', '乙村党支部', '正式党员', text, '', '']]));
    expect(res.body.errors).toEqual([]);
    expect((await ctx.ds.getRepository(Member).findOneByOrFail({ idCardHash: ctx.services.cipher.blindIndex(id)! })).joinedAt).toBe(day);
  });

  it('asks about 1985.10 typed as a number (Excel keeps 1985.1), and takes 1985.07 typed as a number', async () => {
    const res = await upload(
      admin,
      await xlsx([
        ['数字十月', '男', makeIdCard(), '', '乙村党支部', '正式党员', 1985.1, '', ''],
        ['数字七月', '男', makeIdCard(), '', '乙村党支部', '正式党员', 1985.07, '', ''],
      ]),
    );
    expect(res.body.created).toBe(1);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].message).toMatch(/分不清是 1 月还是 10 月/);
    expect((await ctx.ds.getRepository(Member).findOneByOrFail({ name: '数字七月' })).joinedAt).toBe('1985-07-01');
  });

  it('answers an old .xls file with 请另存为 .xlsx and writes nothing', async () => {
    const count = await ctx.ds.getRepository(Member).count();
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096, 0)]);
    const res = await upload(admin, xls, '名册.xls');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('IMPORT_XLS_UNSUPPORTED');
    expect(res.body.error.message).toContain('请另存为 .xlsx');
    expect(res.body.error.message).toBe(ERRORS.IMPORT_XLS_UNSUPPORTED.message);
    expect(await ctx.ds.getRepository(Member).count()).toBe(count);
  });

  it('offers dropdowns for 性别, 人员类别 and 流动党员 in the template (and the export)', async () => {
    for (const res of [
      await binary(ctx.http.get('/api/v1/members/import-template.xlsx').set('Authorization', admin)),
      await exportOf(admin, ''),
    ]) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      const list = (header: string) => {
        const col = (HEADERS as string[]).indexOf(header) + 1;
        const v = ws.getCell(50, col).dataValidation;
        return v?.type === 'list' ? v.formulae?.[0] : undefined;
      };
      expect(list('性别')).toBe('"男,女"');
      expect(list('流动党员')).toBe('"是,否"');
      expect(list('人员类别')).toContain('正式党员');
      expect(list('姓名')).toBeUndefined();
    }
  });

  it('streams its progress and then the result when asked for lines', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => [`流式${i}`, '', makeIdCard(), '', '乙村党支部', '正式党员', '', '', '']);
    rows.push(['流式坏行', '', '123', '', '乙村党支部', '正式党员', '', '', '']);
    const res = await binary(
      ctx.http
        .post('/api/v1/members/import')
        .set('Authorization', admin)
        .set('Accept', 'application/x-ndjson')
        .attach('file', await xlsx(rows), 'big.xlsx'),
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/x-ndjson/);
    const lines = (res.body as Buffer)
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ImportStreamLine);
    const progress = lines.filter((l): l is Extract<ImportStreamLine, { type: 'progress' }> => l.type === 'progress');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.every((p) => p.total === 1501 && p.done <= p.total)).toBe(true);
    expect(progress[progress.length - 1]).toEqual({ type: 'progress', phase: 'write', done: 1501, total: 1501 });
    const last = lines[lines.length - 1] as { type: 'result'; result: ImportResult };
    expect(last.type).toBe('result');
    expect(last.result.created).toBe(1500);
    expect(last.result.errors.map((e) => e.row)).toEqual([1502]);

    // A bad file is still a plain 4xx, before any line.
    const bad = await ctx.http
      .post('/api/v1/members/import')
      .set('Authorization', admin)
      .set('Accept', 'application/x-ndjson')
      .attach('file', Buffer.from('x,y'), 'a.xlsx');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('IMPORT_FILE_INVALID');
  });

  it('two imports of the same new rows at once create each member once', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => [`并发${i}`, '', makeIdCard(), '', '乙村党支部', '正式党员', '', '', '']);
    const file = await xlsx(rows);
    const before = await ctx.ds.getRepository(Member).count();
    const answers = await Promise.all([upload(admin, file), upload(admin, file)]);
    for (const a of answers) {
      expect([200, 409]).toContain(a.status);
      if (a.status === 409) expect(a.body.error.code).toBe('CONFLICT');
    }
    expect(await ctx.ds.getRepository(Member).count()).toBe(before + 30);
    const created = answers.filter((a) => a.status === 200).reduce((n, a) => n + a.body.created, 0);
    expect(created).toBe(30);
  });
});
