import { AuditLog } from '../src/modules/audit/audit-log.entity';
import { Member } from '../src/modules/member/member.entity';
import {
  asMember,
  asUser,
  buildMember,
  buildTree,
  buildUser,
  createTestContext,
  grantRole,
  makeIdCard,
  type BuiltMember,
  type TestContext,
} from './support/context';

describe('roster: /members', () => {
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let countyAdmin: string;
  let townshipAdmin: string;
  let secretaryB11: string;
  let plainMember: string;
  let inB11: BuiltMember;
  let inB12: BuiltMember;
  let inT2: BuiltMember;
  let secretary: BuiltMember;

  beforeAll(async () => {
    ctx = await createTestContext();
    tree = await buildTree(ctx);
    countyAdmin = asUser(ctx, await buildUser(ctx, 'county', 'pw-county-1', [{ role: 'admin', org: tree.county }]));
    townshipAdmin = asUser(ctx, await buildUser(ctx, 't1admin', 'pw-t1-1', [{ role: 'admin', org: tree.t1 }]));
    secretary = await buildMember(ctx, tree.b11, { name: '甲村书记' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    secretaryB11 = asMember(ctx, secretary);
    inB11 = await buildMember(ctx, tree.g111, { name: '甲村党员', phone: '13812345678' });
    inB12 = await buildMember(ctx, tree.b12, { name: '乙村党员' });
    inT2 = await buildMember(ctx, tree.b21, { name: '丙村党员', isMobile: true });
    plainMember = asMember(ctx, inB11);
  });
  afterAll(() => ctx.close());

  const list = (auth: string, query = '') => ctx.http.get(`/api/v1/members${query}`).set('Authorization', auth);

  describe('scope', () => {
    it('a county admin sees everyone, a township admin only the township, a secretary only the branch', async () => {
      const all = await list(countyAdmin, '?pageSize=100');
      expect(all.body.total).toBe(4);
      const t1 = await list(townshipAdmin, '?pageSize=100');
      expect(t1.body.items.map((m: { name: string }) => m.name).sort()).toEqual(['乙村党员', '甲村书记', '甲村党员'].sort());
      const b11 = await list(secretaryB11, '?pageSize=100');
      expect(b11.body.items.map((m: { name: string }) => m.name).sort()).toEqual(['甲村书记', '甲村党员'].sort());
      expect(b11.body.items.find((m: { name: string }) => m.name === '甲村党员')).toMatchObject({
        orgName: '第一党小组',
        branchName: '甲村党支部',
      });
    });

    it('a member without a managing role may not list the roster', async () => {
      const res = await list(plainMember);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    });

    it('an orgId outside the caller scope is 403', async () => {
      const res = await list(secretaryB11, `?orgId=${tree.b12.id}`);
      expect(res.status).toBe(403);
      expect((await list(townshipAdmin, `?orgId=${tree.t2.id}`)).status).toBe(403);
      expect((await list(townshipAdmin, `?orgId=${tree.b12.id}`)).body.total).toBe(1);
    });

    it.each(['get', 'patch'] as const)('%s /members/:id of another branch is 404 for a branch secretary', async (method) => {
      for (const other of [inB12, inT2]) {
        const req =
          method === 'get'
            ? ctx.http.get(`/api/v1/members/${other.id}`)
            : ctx.http.patch(`/api/v1/members/${other.id}`).send({ name: '改名' });
        const res = await req.set('Authorization', secretaryB11);
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('NOT_FOUND');
      }
      const untouched = await ctx.ds.getRepository(Member).findOneByOrFail({ id: inB12.id });
      expect(untouched.name).toBe('乙村党员');
    });

    it('a member can read themself but not a neighbour', async () => {
      expect((await ctx.http.get(`/api/v1/members/${inB11.id}`).set('Authorization', plainMember)).status).toBe(200);
      expect((await ctx.http.get(`/api/v1/members/${secretary.id}`).set('Authorization', plainMember)).status).toBe(404);
    });

    it('unknown and malformed ids are 404', async () => {
      expect((await ctx.http.get('/api/v1/members/zzzzzzzzzzzz').set('Authorization', countyAdmin)).status).toBe(404);
      expect((await ctx.http.get('/api/v1/members/%27%20OR%201%3D1').set('Authorization', countyAdmin)).status).toBe(404);
    });
  });

  describe('personal data', () => {
    it('masks phone and ID number in lists and details', async () => {
      const res = await list(countyAdmin, `?q=${encodeURIComponent('甲村党员')}`);
      expect(res.body.items[0].phone).toBe('138****5678');
      expect(res.body.items[0].idCard).toBe(`**************${inB11.idCard.slice(-4)}`);
      const detail = await ctx.http.get(`/api/v1/members/${inB11.id}`).set('Authorization', countyAdmin);
      expect(detail.body.phone).toBe('138****5678');
    });

    it('stores ID numbers and phones only encrypted', async () => {
      const rows = await ctx.ds.query('SELECT * FROM members');
      const dump = JSON.stringify(rows);
      expect(dump).not.toContain(inB11.idCard);
      expect(dump).not.toContain('13812345678');
    });

    it('reveals to an admin and writes it to the audit log', async () => {
      const before = await ctx.ds.getRepository(AuditLog).countBy({ action: 'member.reveal' });
      const res = await list(townshipAdmin, `?orgId=${tree.b11.id}&reveal=true`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((m: { phone: string }) => m.phone)).toContain('13812345678');
      const one = await ctx.http.get(`/api/v1/members/${inB11.id}?reveal=true`).set('Authorization', countyAdmin);
      expect(one.body.idCard).toBe(inB11.idCard);
      const logs = await ctx.ds.getRepository(AuditLog).findBy({ action: 'member.reveal' });
      expect(logs.length).toBe(before + 2);
      expect(JSON.stringify(logs)).not.toContain('13812345678');
    });

    it('refuses reveal to a branch secretary', async () => {
      const res = await list(secretaryB11, '?reveal=true');
      expect(res.status).toBe(403);
      expect((await ctx.http.get(`/api/v1/members/${inB11.id}?reveal=true`).set('Authorization', secretaryB11)).status).toBe(403);
    });

    it('finds a member by exact phone or ID number, and by part of the name', async () => {
      expect((await list(countyAdmin, '?q=13812345678')).body.items.map((m: { id: string }) => m.id)).toEqual([inB11.id]);
      expect((await list(countyAdmin, `?q=${inB11.idCard}`)).body.items.map((m: { id: string }) => m.id)).toEqual([inB11.id]);
      expect((await list(countyAdmin, `?q=${encodeURIComponent('丙村')}`)).body.total).toBe(1);
      expect((await list(countyAdmin, `?q=${encodeURIComponent('%')}`)).body.total).toBe(0);
      expect((await list(countyAdmin, '?mobile=true')).body.items.map((m: { id: string }) => m.id)).toEqual([inT2.id]);
    });
  });

  describe('paging and query validation', () => {
    it('pages with total', async () => {
      const p1 = await list(countyAdmin, '?pageSize=3&page=1');
      const p2 = await list(countyAdmin, '?pageSize=3&page=2');
      expect(p1.body.items).toHaveLength(3);
      expect(p2.body.items).toHaveLength(1);
      expect(p1.body.total).toBe(4);
      const ids = [...p1.body.items, ...p2.body.items].map((m: { id: string }) => m.id);
      expect(new Set(ids).size).toBe(4);
    });

    it.each([
      ['?pageSize=101', 'pageSize'],
      ['?pageSize=0', 'pageSize'],
      ['?page=-1', 'page'],
      ['?page=abc', 'page'],
      ['?mobile=maybe', 'mobile'],
      ['?status=boss', 'status'],
      ['?orgId=%3Cscript%3E', 'orgId'],
      ['?q=' + 'x'.repeat(51), 'q'],
      ['?unknown=1', 'unknown'],
    ])('%s → 400 naming %s', async (query, field) => {
      const res = await list(countyAdmin, query);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    });
  });

  describe('create and update', () => {
    const valid = () => ({
      name: '新党员',
      idCard: makeIdCard(),
      phone: '13900001111',
      orgId: tree.b11.id,
      status: 'probationary',
      joinedAt: '2025-07-01',
    });

    it('creates a member in scope and derives gender and birth date from the ID number', async () => {
      const body = valid();
      const res = await ctx.http.post('/api/v1/members').set('Authorization', secretaryB11).send(body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        name: '新党员',
        orgId: tree.b11.id,
        status: 'probationary',
        phone: '139****1111',
        birthDate: '1980-01-01',
        gender: 'male',
        wechatBound: false,
      });
      const audit = await ctx.ds.getRepository(AuditLog).findOneBy({ action: 'member.create', targetId: res.body.id });
      expect(audit).not.toBeNull();
    });

    it('refuses a duplicate ID number with 409 and writes nothing', async () => {
      const body = valid();
      expect((await ctx.http.post('/api/v1/members').set('Authorization', countyAdmin).send(body)).status).toBe(201);
      const count = await ctx.ds.getRepository(Member).count();
      const dup = await ctx.http
        .post('/api/v1/members')
        .set('Authorization', countyAdmin)
        .send({ ...body, name: '另一人' });
      expect(dup.status).toBe(409);
      expect(dup.body.error.code).toBe('DUPLICATE_ID_CARD');
      expect(await ctx.ds.getRepository(Member).count()).toBe(count);
    });

    it('refuses to create outside scope, or in a township org', async () => {
      const out = await ctx.http
        .post('/api/v1/members')
        .set('Authorization', secretaryB11)
        .send({ ...valid(), orgId: tree.b12.id });
      expect(out.status).toBe(403);
      const township = await ctx.http
        .post('/api/v1/members')
        .set('Authorization', countyAdmin)
        .send({ ...valid(), orgId: tree.t1.id });
      expect(township.status).toBe(400);
      expect(township.body.error.details[0]).toEqual({ field: 'orgId', message: '党员只能编入党支部或党小组' });
      expect((await ctx.http.post('/api/v1/members').set('Authorization', plainMember).send(valid())).status).toBe(403);
    });

    it.each([
      [{ idCard: '110101198001010011' }, 'idCard'],
      [{ idCard: 123 }, 'idCard'],
      [{ name: '' }, 'name'],
      [{ name: '长'.repeat(51) }, 'name'],
      [{ name: 42 }, 'name'],
      [{ phone: '12345' }, 'phone'],
      [{ status: 'boss' }, 'status'],
      [{ joinedAt: '2025-02-30' }, 'joinedAt'],
      [{ gender: 'x' }, 'gender'],
      [{ isMobile: 'yes' }, 'isMobile'],
      [{ orgId: undefined }, 'orgId'],
      [{ admin: true }, 'admin'],
    ])('refuses %j naming %s, writing nothing', async (patch, field) => {
      const count = await ctx.ds.getRepository(Member).count();
      const res = await ctx.http
        .post('/api/v1/members')
        .set('Authorization', countyAdmin)
        .send({ ...valid(), ...patch });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(await ctx.ds.getRepository(Member).count()).toBe(count);
    });

    it('refuses a body that is not an object, broken JSON and a body over 1 MiB', async () => {
      const arr = await ctx.http.post('/api/v1/members').set('Authorization', countyAdmin).send([1, 2]);
      expect(arr.status).toBe(400);
      const broken = await ctx.http
        .post('/api/v1/members')
        .set('Authorization', countyAdmin)
        .set('Content-Type', 'application/json')
        .send('{"name":');
      expect(broken.status).toBe(400);
      expect(broken.body.error.code).toBe('BAD_JSON');
      const huge = await ctx.http
        .post('/api/v1/members')
        .set('Authorization', countyAdmin)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ ...valid(), name: 'x'.repeat(1024 * 1024 + 10) }));
      expect(huge.status).toBe(413);
      expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('updates fields, moves within scope, clears the phone, and audits the changed fields only', async () => {
      const m = await buildMember(ctx, tree.b11, { name: '待修改' });
      const res = await ctx.http
        .patch(`/api/v1/members/${m.id}`)
        .set('Authorization', townshipAdmin)
        .send({ name: '已修改', orgId: tree.b12.id, phone: '' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: '已修改', orgId: tree.b12.id, branchName: '乙村党支部', phone: null });
      const audit = await ctx.ds.getRepository(AuditLog).findOneByOrFail({ action: 'member.update', targetId: m.id });
      expect(JSON.parse(audit.details!).fields.sort()).toEqual(['name', 'orgId', 'phone']);
      const moveOut = await ctx.http.patch(`/api/v1/members/${m.id}`).set('Authorization', townshipAdmin).send({ orgId: tree.b21.id });
      expect(moveOut.status).toBe(403);
      const badField = await ctx.http.patch(`/api/v1/members/${m.id}`).set('Authorization', townshipAdmin).send({ idCard: 'abc' });
      expect(badField.status).toBe(400);
    });

    it('under parallel requests creates each member once: one 201 per ID number, the rest 409', async () => {
      const before = await ctx.ds.getRepository(Member).count();
      const same = valid();
      const distinct = Array.from({ length: 10 }, () => valid());
      const results = await Promise.all([
        ...Array.from({ length: 10 }, () => ctx.http.post('/api/v1/members').set('Authorization', countyAdmin).send(same)),
        ...distinct.map((b) => ctx.http.post('/api/v1/members').set('Authorization', countyAdmin).send(b)),
      ]);
      const sameStatuses = results.slice(0, 10).map((r) => r.status);
      expect(sameStatuses.filter((s) => s === 201)).toHaveLength(1);
      expect(sameStatuses.filter((s) => s === 409)).toHaveLength(9);
      expect(
        results
          .slice(0, 10)
          .filter((r) => r.status === 409)
          .every((r) => r.body.error.code === 'DUPLICATE_ID_CARD'),
      ).toBe(true);
      expect(results.slice(10).every((r) => r.status === 201)).toBe(true);
      expect(await ctx.ds.getRepository(Member).count()).toBe(before + 11);
    });

    it('refuses to change the ID number to one already on the roster', async () => {
      const a = await buildMember(ctx, tree.b11);
      const b = await buildMember(ctx, tree.b11);
      const res = await ctx.http.patch(`/api/v1/members/${a.id}`).set('Authorization', countyAdmin).send({ idCard: b.idCard });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('DUPLICATE_ID_CARD');
    });
  });
});

describe('org tree: /orgs', () => {
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  beforeAll(async () => {
    ctx = await createTestContext();
    tree = await buildTree(ctx);
  });
  afterAll(() => ctx.close());

  it('gives a county admin the whole tree, nested', async () => {
    const u = await buildUser(ctx, 'c', 'pw-c-1', [{ role: 'admin', org: tree.county }]);
    const res = await ctx.http.get('/api/v1/orgs').set('Authorization', asUser(ctx, u));
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({ id: tree.county.id, kind: 'county', parentId: null });
    expect(res.body[0].children.map((c: { name: string }) => c.name).sort()).toEqual(['一号镇党委', '二号镇党委']);
  });

  it('gives a branch secretary their branch only, and a plain member their own branch', async () => {
    const sec = await buildMember(ctx, tree.b21);
    await grantRole(ctx, 'branch_secretary', tree.b21, { memberId: sec.id });
    const res = await ctx.http.get('/api/v1/orgs').set('Authorization', asMember(ctx, sec));
    expect(res.body.map((o: { id: string }) => o.id)).toEqual([tree.b21.id]);
    const plain = await buildMember(ctx, tree.g111);
    const mine = await ctx.http.get('/api/v1/orgs').set('Authorization', asMember(ctx, plain));
    expect(mine.body.map((o: { id: string }) => o.id)).toEqual([tree.b11.id]);
    expect(mine.body[0].children[0]).toMatchObject({ id: tree.g111.id, memberCount: 1 });
  });

  it('needs a token', async () => {
    expect((await ctx.http.get('/api/v1/orgs')).status).toBe(401);
  });
});

describe('health and the HTTP edge', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('reports ok, and 503 with db down when the database is gone', async () => {
    const ok = await ctx.http.get('/api/v1/health');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ status: 'ok', db: 'ok' });
    expect(ok.headers['x-request-id']).toBeDefined();
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await ctx.http.get('/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
    expect(res.body.error.message).toBe('接口不存在');
  });

  it('answers a wrong method with 405', async () => {
    const res = await ctx.http.delete('/api/v1/health');
    expect(res.status).toBe(405);
    expect(res.body.error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('allows another origin (the H5 preview and the console in development)', async () => {
    const res = await ctx.http.options('/api/v1/me').set('Origin', 'http://localhost:10086').set('Access-Control-Request-Method', 'GET');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:10086');
  });

  it('goes to 503 when the database is unreachable', async () => {
    await ctx.ds.destroy();
    const res = await ctx.http.get('/api/v1/health');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'degraded', db: 'down' });
  });
});
