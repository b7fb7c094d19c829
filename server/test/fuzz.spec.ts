/**
 * Property-based fuzzing of every write route (POST/PUT/PATCH/DELETE), found from the router
 * itself: bodies are built from each route's DTO (its class-validator metadata) — sometimes
 * valid-looking, sometimes the wrong type, null, huge, nested, or with prototype keys — and sent
 * through the real app by a county admin and by a member. Every answer must be < 500 in the
 * contract's error shape, and nothing may be logged at error level.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { getMetadataStorage } from 'class-validator';
import {
  asMember,
  asUser,
  buildMember,
  buildTree,
  buildUser,
  createTestContext,
  grantRole,
  TEST_DB,
  type BuiltMember,
  type TestContext,
} from './support/context';

jest.setTimeout(300_000);

const MODULES = path.resolve(__dirname, '../src/modules');
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS || 60);

interface WriteRoute {
  method: 'post' | 'put' | 'patch' | 'delete';
  path: string;
  dto: string | null;
}

/** The write routes and the DTO each validates its body with, read from the route files. */
function writeRoutes(): WriteRoute[] {
  const out: WriteRoute[] = [];
  for (const mod of readdirSync(MODULES)) {
    for (const file of readdirSync(path.join(MODULES, mod)).filter((f) => f.endsWith('.routes.ts'))) {
      const src = readFileSync(path.join(MODULES, mod, file), 'utf8');
      const parts = src.split(/(?=router\.(?:get|post|put|patch|delete)\()/);
      for (const part of parts) {
        const m = /^router\.(post|put|patch|delete)\('([^']+)'/.exec(part);
        if (!m) continue;
        const dto = /validateInput\((\w+), ctx\.request\.body\)/.exec(part)?.[1] ?? null;
        out.push({ method: m[1] as WriteRoute['method'], path: m[2], dto });
      }
    }
  }
  return out;
}

/** Every DTO class, by name. */
function dtoClasses(): Map<string, new () => object> {
  const map = new Map<string, new () => object>();
  for (const mod of readdirSync(MODULES))
    for (const file of readdirSync(path.join(MODULES, mod)).filter((f) => f.endsWith('.dto.ts'))) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exports = require(path.join(MODULES, mod, file)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exports)) if (typeof value === 'function') map.set(name, value as new () => object);
    }
  return map;
}

const junk = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 30 }),
  fc.string({ minLength: 3000, maxLength: 4000 }),
  fc.constant('constructor'),
  fc.constant({ constructor: 1 }),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true}}')),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Values that look right for a property's constraints, or junk. */
function propertyArb(
  constraints: { type: string; name?: string; constraints?: unknown[] }[],
  ids: string[],
  nested: fc.Arbitrary<unknown> | null,
): fc.Arbitrary<unknown> {
  const names = new Set(constraints.map((c) => c.name ?? c.type));
  const isIn = constraints.find((c) => (c.name ?? c.type) === 'isIn')?.constraints?.[0] as unknown[] | undefined;
  const options: fc.Arbitrary<unknown>[] = [junk];
  if (isIn?.length) options.push(fc.constantFrom(...isIn));
  if (names.has('isId')) options.push(fc.constantFrom(...ids));
  if (names.has('isIsoDateTime'))
    options.push(fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()));
  if (names.has('isInt') || names.has('isNumber')) options.push(fc.integer({ min: -5, max: 500 }));
  if (names.has('isBoolean')) options.push(fc.boolean());
  if (names.has('isString') || names.has('isNotEmpty'))
    options.push(fc.string({ minLength: 1, maxLength: 40 }), fc.constantFrom('党员学习', '2026-Q4', '2026-12-01', '13800138000'));
  if (names.has('isArray')) options.push(fc.array(nested ?? fc.constantFrom(...ids), { maxLength: 4 }));
  if (nested) options.push(nested);
  return fc.oneof(...options);
}

/** Bodies for a DTO: its properties (each maybe left out), sometimes an extra key or junk whole. */
function bodyArb(dto: (new () => object) | undefined, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  if (!dto) return fc.oneof(fc.constant({}), fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }));
  const metas = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const byProperty = new Map<string, typeof metas>();
  for (const m of metas) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [prop, list] of byProperty) {
    const nestedType = list.find((m) => m.type === 'nestedValidation');
    // The nested class, from class-transformer's @Type (when declared), one level deep.
    const typeMeta = (Reflect as unknown as { getMetadata?: (k: string, t: object, p: string) => unknown }).getMetadata?.(
      'design:type',
      dto.prototype,
      prop,
    ) as (new () => object) | undefined;
    const nested =
      nestedType && depth < 2 && typeMeta && typeMeta !== Array && typeMeta !== Object ? bodyArb(typeMeta, ids, depth + 1) : null;
    shape[prop] = propertyArb(
      list.map((m) => ({ type: m.type, name: m.name, constraints: m.constraints })),
      ids,
      nested,
    );
  }
  const record = fc.record(shape, { requiredKeys: [] });
  return fc.oneof(
    { weight: 6, arbitrary: record },
    { weight: 1, arbitrary: fc.constant({}) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(record, fc.string({ minLength: 1, maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }))
        .map(([r, k, v]) => ({ ...(r as object), [k]: v })),
    },
    { weight: 1, arbitrary: junk },
  );
}

describe(`fuzzing every write route (${TEST_DB})`, () => {
  let ctx: TestContext;
  const lines: string[] = [];
  let admin: string;
  let member: BuiltMember;
  let ids: string[];
  let orgIds: string[];
  let memberIds: string[];
  let byResource: Record<string, string[]>;

  beforeAll(async () => {
    ctx = await createTestContext({}, { logLines: lines });
    const tree = await buildTree(ctx);
    const user = await buildUser(ctx, 'county', 'pw-county-1', [{ role: 'admin', org: tree.county }]);
    admin = asUser(ctx, user);
    const secretary = await buildMember(ctx, tree.b11, { name: '书记' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    member = await buildMember(ctx, tree.b11, { name: '党员' });
    const activity = await ctx.http
      .post('/api/v1/activities')
      .set('Authorization', admin)
      .send({
        title: '主题党日',
        kind: 'fixed_day',
        orgId: tree.b11.id,
        startsAt: '2026-12-01T09:00:00+08:00',
        endsAt: '2026-12-01T11:00:00+08:00',
        checkinModes: ['qr'],
      });
    ids = [
      tree.county.id,
      tree.t1.id,
      tree.b11.id,
      tree.g111.id,
      secretary.id,
      member.id,
      user.id,
      activity.body.id,
      'nosuchid',
      'checkin',
      'absence',
    ];
    orgIds = [tree.county.id, tree.t1.id, tree.b11.id, tree.g111.id];
    memberIds = [member.id, secretary.id];
    const material = await ctx.http
      .post('/api/v1/study/materials')
      .set('Authorization', admin)
      .send({ title: '党章', kind: 'article', orgId: tree.county.id, body: '正文', minSeconds: 30 });
    const plan = await ctx.http
      .post('/api/v1/study/plans')
      .set('Authorization', admin)
      .send({ title: '计划', orgId: tree.b11.id, startsOn: '2026-12-01', endsOn: '2026-12-31', materialIds: [material.body.id] });
    const notice = await ctx.http
      .post('/api/v1/points/notices')
      .set('Authorization', admin)
      .send({ orgId: tree.t1.id, period: '2026', size: 3 });
    const problem = await ctx.http
      .post('/api/v1/problems')
      .set('Authorization', admin)
      .send({ orgId: tree.b11.id, year: 2026, source: 'review', category: '组织生活', description: '记录不全' });
    const feedback = await ctx.http
      .post('/api/v1/feedback')
      .set('Authorization', asMember(ctx, member))
      .send({ category: 'suggestion', content: '建议' });
    byResource = {
      problems: [problem.body.id].filter(Boolean),
      feedback: [feedback.body.id].filter(Boolean),
      activities: [activity.body.id],
      members: memberIds,
      'mobile-members': memberIds,
      study: [material.body.id, plan.body.id].filter(Boolean),
      points: [notice.body.id].filter(Boolean),
    };
  });
  afterAll(() => ctx.close());

  it('answers every request below 500, in the contract shape, and logs no error', async () => {
    const routes = writeRoutes();
    const dtos = dtoClasses();
    expect(routes.length).toBeGreaterThanOrEqual(40);
    let requests = 0;
    const failures: string[] = [];
    for (const route of routes) {
      if (route.dto) expect(dtos.has(route.dto)).toBe(true);
      // Path parameters: mostly a real id of the right kind (so the body gets read), else any.
      const first = route.path.split('/')[1];
      const paramArb = (name: string) => {
        const right =
          name === ':orgId'
            ? orgIds
            : name === ':memberId'
              ? memberIds
              : name === ':code'
                ? ['checkin', 'absence', 'meeting_committee']
                : (byResource[first] ?? ids);
        return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...right) }, { weight: 1, arbitrary: fc.constantFrom(...ids) });
      };
      const pathArb = fc
        .tuple(...route.path.split('/').map((seg) => (seg.startsWith(':') ? paramArb(seg) : fc.constant(seg))))
        .map((segs) => segs.join('/'));
      await fc.assert(
        fc.asyncProperty(pathArb, bodyArb(route.dto ? dtos.get(route.dto) : undefined, ids), fc.boolean(), async (p, body, asAdmin) => {
          requests++;
          const req = ctx.http[route.method](`/api/v1${p}`).set('Authorization', asAdmin ? admin : asMember(ctx, member));
          const res = await (body === undefined ? req : req.set('Content-Type', 'application/json').send(JSON.stringify(body)));
          const what = `${route.method.toUpperCase()} ${p} ${JSON.stringify(body)?.slice(0, 200)} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
          if (res.status >= 500) failures.push(what);
          // Every error in the contract's shape, with a Chinese message a person can read.
          else if (
            res.status >= 400 &&
            !(typeof res.body?.error?.code === 'string' && /[\u4e00-\u9fff]/.test(res.body.error.message ?? ''))
          )
            failures.push(`shape: ${what}`);
        }),
        // Failures are collected (not thrown) so that one run reports every route's problems.
        { numRuns: RUNS_PER_ROUTE, seed: 2026 },
      );
    }
    const errors = lines.map((l) => JSON.parse(l) as { level: number; msg: string; err?: unknown }).filter((l) => l.level >= 50);
    console.log(`fuzz (${TEST_DB}): ${requests} requests over ${routes.length} write routes, ${failures.length} × 5xx`);
    expect(failures).toEqual([]);
    expect(errors).toEqual([]);
  });
});
