/**
 * Who should attend (应到), by kind: a 支委会 expects its committee (with 列席 named apart), a
 * 党小组会 its group, a 主题党日 the branch's Party members, a township meeting those it names.
 * Non-members (申请人, 积极分子, 发展对象) are never expected and never earn member points; a
 * mobile member away is listed as 流动在外, not absent, unless the activity allows remote
 * participation. The attendance figures, the points and the absence follow-up all read this.
 */
import ExcelJS from 'exceljs';
import { PointsEntry } from '../src/modules/points/points.entity';
import { Activity } from '../src/modules/activity/activity.entity';
import {
  asMember,
  asUser,
  buildMember,
  buildTree,
  buildUser,
  createTestContext,
  grantRole,
  testClock,
  type BuiltMember,
  type TestContext,
} from './support/context';

type Row = { memberId: string; name: string; method: string | null };
const ids = (rows: Row[]) => rows.map((r) => r.memberId).sort();

describe('who should attend', () => {
  const clock = testClock('2026-11-20T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let sec: string;
  let township: string;
  let secretary: BuiltMember;
  let committee: BuiltMember;
  let awayCommittee: BuiltMember;
  let plain: BuiltMember;
  let candidate: BuiltMember;
  let away: BuiltMember;
  let neighbour: BuiltMember;
  let outsider: BuiltMember;

  beforeAll(async () => {
    ctx = await createTestContext({}, { now: clock.now });
    tree = await buildTree(ctx);
    secretary = await buildMember(ctx, tree.b11, { name: '书记' });
    committee = await buildMember(ctx, tree.b11, { name: '组织委员' });
    awayCommittee = await buildMember(ctx, tree.b11, { name: '宣传委员', isMobile: true });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    await grantRole(ctx, 'branch_committee', tree.b11, { memberId: committee.id });
    await grantRole(ctx, 'branch_committee', tree.b11, { memberId: awayCommittee.id });
    plain = await buildMember(ctx, tree.g111, { name: '小组党员' });
    candidate = await buildMember(ctx, tree.b11, { name: '发展对象', status: 'candidate' });
    away = await buildMember(ctx, tree.b11, { name: '外出党员', isMobile: true });
    neighbour = await buildMember(ctx, tree.b12, { name: '乙村党员' });
    outsider = await buildMember(ctx, tree.b21, { name: '外镇党员' });
    sec = asMember(ctx, secretary);
    township = asUser(ctx, await buildUser(ctx, 'tadmin', 'pw-tadmin-1', [{ role: 'admin', org: tree.t1 }]));
  });
  afterAll(() => ctx.close());

  const create = (who: string, body: object) =>
    ctx.http
      .post('/api/v1/activities')
      .set('Authorization', who)
      .send({
        orgId: tree.b11.id,
        startsAt: '2026-12-01T09:00:00+08:00',
        endsAt: '2026-12-01T11:00:00+08:00',
        checkinModes: ['qr'],
        ...body,
      });
  async function published(who: string, body: object): Promise<string> {
    clock.set('2026-11-20T09:00:00+08:00');
    const res = await create(who, body);
    expect(res.status).toBe(201);
    await ctx.http.post(`/api/v1/activities/${res.body.id}/publish`).set('Authorization', who).expect(200);
    clock.set('2026-12-01T09:05:00+08:00');
    return res.body.id;
  }
  const code = async (id: string) =>
    (await ctx.http.get(`/api/v1/activities/${id}/checkin-code`).set('Authorization', sec)).body.shortCode as string;
  const checkIn = async (m: BuiltMember, id: string, extra: object = {}) =>
    ctx.http
      .post('/api/v1/checkins')
      .set('Authorization', asMember(ctx, m))
      .send({ activityId: id, shortCode: await code(id), ...extra });
  const sheet = async (id: string) =>
    (await ctx.http.get(`/api/v1/activities/${id}/attendance`).set('Authorization', sec).expect(200)).body;
  const pointsOf = (m: BuiltMember, activityId: string) =>
    ctx.ds.getRepository(PointsEntry).findBy({ memberId: m.id, sourceId: activityId });

  it('a 支委会 expects its committee; 列席 and a 发展对象 sit in without points; the member away is listed apart', async () => {
    const res = await create(sec, {
      title: '支委会：研究发展党员工作',
      kind: 'committee_meeting',
      attendees: { observerMemberIds: [neighbour.id, candidate.id] },
    });
    expect(res.status).toBe(201);
    expect(res.body.attendees.scope).toBe('committee');
    expect(res.body.attendees.observers.map((o: { name: string }) => o.name).sort()).toEqual(['乙村党员', '发展对象'].sort());
    await ctx.http.post(`/api/v1/activities/${res.body.id}/publish`).set('Authorization', sec).expect(200);
    const id = res.body.id as string;
    clock.set('2026-12-01T09:05:00+08:00');

    // Not for an ordinary member: not in their list, not readable, no check-in.
    const list = await ctx.http.get('/api/v1/activities').set('Authorization', asMember(ctx, plain));
    expect(list.body.items.map((a: { id: string }) => a.id)).not.toContain(id);
    expect((await ctx.http.get(`/api/v1/activities/${id}`).set('Authorization', asMember(ctx, plain))).status).toBe(404);
    const refused = await checkIn(plain, id);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('NOT_INVITED');
    // The committee and those sitting in see it, each told how they stand.
    const seen = await ctx.http.get(`/api/v1/activities/${id}`).set('Authorization', asMember(ctx, neighbour));
    expect(seen.body).toMatchObject({ myStanding: 'observer', attendees: null });
    expect(
      (await ctx.http.get('/api/v1/activities').set('Authorization', asMember(ctx, committee))).body.items.map((a: { id: string }) => a.id),
    ).toContain(id);
    expect((await ctx.http.get(`/api/v1/activities/${id}`).set('Authorization', asMember(ctx, awayCommittee))).body.myStanding).toBe(
      'away',
    );

    const mine = await checkIn(secretary, id);
    expect(mine.status).toBe(201);
    expect(mine.body.pointsAwarded).toBeGreaterThan(0);
    for (const m of [neighbour, candidate]) {
      const r = await checkIn(m, id);
      expect(r.status).toBe(201);
      expect(r.body.pointsAwarded).toBe(0);
      expect(await pointsOf(m, id)).toEqual([]);
    }

    const s = await sheet(id);
    expect(s.expected).toBe(2);
    expect(ids(s.present)).toEqual([secretary.id]);
    expect(ids(s.absent)).toEqual([committee.id]);
    expect(ids(s.observers)).toEqual([neighbour.id, candidate.id].sort());
    expect(s.observers.every((r: Row) => r.method === 'qr')).toBe(true);
    expect(ids(s.away)).toEqual([awayCommittee.id]);
    expect(s.guests).toEqual([]);
    expect(s.rate).toBe(0.5);

    // The sheet says so too.
    const xlsx = await ctx.http
      .get(`/api/v1/activities/${id}/attendance.xlsx`)
      .set('Authorization', sec)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const summary = String(wb.worksheets[0].getCell('A3').value);
    expect(summary).toContain('应到 2 人');
    expect(summary).toContain('列席 2 人');
    expect(summary).toContain('流动在外 1 人');

    // The member away came home for it: present, and the points are theirs.
    const back = await checkIn(awayCommittee, id);
    expect(back.body.pointsAwarded).toBeGreaterThan(0);
    const after = await sheet(id);
    expect(after.expected).toBe(3);
    expect(after.away).toEqual([]);

    // Closing: only the committee member who did not come is absent (points taken once).
    clock.set('2026-12-02T09:00:00+08:00');
    const closed = await ctx.http.post(`/api/v1/activities/${id}/close`).set('Authorization', sec).expect(200);
    expect(closed.body.absent).toBe(1);
    const absences = await ctx.ds.getRepository(PointsEntry).findBy({ sourceId: id, ruleCode: 'absence' });
    expect(absences.map((e) => e.memberId)).toEqual([committee.id]);
  });

  it('a 主题党日 expects the branch’s Party members: non-members are guests, the member away is not absent unless it allows remote participation', async () => {
    const id = await published(sec, { title: '主题党日', kind: 'fixed_day' });
    const r = await checkIn(candidate, id);
    expect(r.status).toBe(201);
    expect(r.body.pointsAwarded).toBe(0);
    await checkIn(plain, id).then((x) => expect(x.body.pointsAwarded).toBeGreaterThan(0));
    const s = await sheet(id);
    expect(ids(s.guests)).toEqual([candidate.id]);
    expect(ids(s.away)).toEqual([away.id, awayCommittee.id].sort());
    expect(ids(s.present)).toEqual([plain.id]);
    expect(ids(s.absent)).toEqual([secretary.id, committee.id].sort());
    expect(s.expected).toBe(3);
    expect((await ctx.http.get(`/api/v1/activities/${id}`).set('Authorization', asMember(ctx, candidate))).body.myStanding).toBe('guest');

    const remote = await published(sec, { title: '网上主题党日', kind: 'fixed_day', allowRemote: true });
    const joined = await ctx.http
      .post('/api/v1/checkins')
      .set('Authorization', asMember(ctx, away))
      .send({ activityId: remote, remote: true });
    expect(joined.status).toBe(201);
    expect(joined.body.pointsAwarded).toBeGreaterThan(0);
    const rs = await sheet(remote);
    expect(rs.away).toEqual([]);
    expect(ids(rs.present)).toEqual([away.id]);
    expect(ids(rs.absent)).toEqual([secretary.id, committee.id, awayCommittee.id, plain.id].sort());
  });

  it('a 党小组会 expects its group; a township meeting only those it names', async () => {
    const bad = await create(sec, { title: '党小组会', kind: 'group_meeting', attendees: { scope: 'group' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ field: 'attendees.scope' });
    const group = await published(sec, {
      title: '第一党小组会',
      kind: 'group_meeting',
      orgId: tree.g111.id,
      attendees: { scope: 'group' },
    });
    const gs = await sheet(group);
    expect(ids(gs.absent)).toEqual([plain.id]);
    expect(gs.expected).toBe(1);
    expect((await ctx.http.get(`/api/v1/activities/${group}`).set('Authorization', asMember(ctx, away))).status).toBe(404);

    const meeting = await published(township, {
      title: '全镇党建工作推进会',
      kind: 'party_building_meeting',
      orgId: tree.t1.id,
      attendees: { scope: 'members', extraMemberIds: [secretary.id, neighbour.id], observerMemberIds: [committee.id] },
    });
    const ts = (await ctx.http.get(`/api/v1/activities/${meeting}/attendance`).set('Authorization', township).expect(200)).body;
    expect(ts.expected).toBe(2);
    expect(ids(ts.absent)).toEqual([secretary.id, neighbour.id].sort());
    expect(ids(ts.observers)).toEqual([committee.id]);
    expect((await checkIn(plain, meeting)).status).toBe(403);
  });

  it('edits who attends while a draft; a kind’s default follows the kind', async () => {
    clock.set('2026-11-20T09:00:00+08:00');
    const draft = await create(sec, { title: '支部党员大会', kind: 'general_meeting' });
    expect(draft.body.attendees).toEqual({ scope: 'org', extras: [], observers: [] });
    const id = draft.body.id;
    const toCommittee = await ctx.http
      .patch(`/api/v1/activities/${id}`)
      .set('Authorization', sec)
      .send({ kind: 'committee_meeting', title: '支委会' });
    expect(toCommittee.body.attendees.scope).toBe('committee');
    const observers = await ctx.http
      .patch(`/api/v1/activities/${id}`)
      .set('Authorization', sec)
      .send({ attendees: { observerMemberIds: [neighbour.id] } });
    expect(observers.status).toBe(200);
    expect(observers.body.attendees).toMatchObject({
      scope: 'committee',
      observers: [{ id: neighbour.id, name: '乙村党员', orgName: '乙村党支部' }],
    });
    // A scope chosen by hand stays when the kind changes.
    const chosen = await ctx.http
      .patch(`/api/v1/activities/${id}`)
      .set('Authorization', sec)
      .send({ attendees: { scope: 'org', observerMemberIds: [] } });
    expect(chosen.body.attendees).toEqual({ scope: 'org', extras: [], observers: [] });
    const kept = await ctx.http.patch(`/api/v1/activities/${id}`).set('Authorization', sec).send({ kind: 'org_life_meeting' });
    expect(kept.body.attendees.scope).toBe('org');
  });

  it('refuses whom it cannot invite, with a Chinese message, writing nothing', async () => {
    clock.set('2026-11-20T09:00:00+08:00');
    const before = await ctx.ds.getRepository(Activity).count();
    const cases: [object, string][] = [
      [{ kind: 'committee_meeting', attendees: { observerMemberIds: [outsider.id] } }, 'attendees.observerMemberIds'],
      [{ kind: 'fixed_day', attendees: { extraMemberIds: [outsider.id] } }, 'attendees.extraMemberIds'],
      [{ kind: 'fixed_day', extraMemberIds: [outsider.id] }, 'attendees.extraMemberIds'],
      [
        { kind: 'fixed_day', attendees: { extraMemberIds: [neighbour.id], observerMemberIds: [neighbour.id] } },
        'attendees.observerMemberIds',
      ],
      [{ kind: 'party_building_meeting', attendees: { scope: 'members' } }, 'attendees.extraMemberIds'],
      [{ kind: 'fixed_day', attendees: { scope: 'everyone' } }, 'attendees.scope'],
      [{ kind: 'fixed_day', attendees: { observerMemberIds: ['not-an-id'] } }, 'attendees.observerMemberIds'],
      [{ kind: 'fixed_day', attendees: 'committee' }, 'attendees'],
    ];
    for (const [body, field] of cases) {
      const res = await create(sec, { title: '坏请求', ...body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      const detail = res.body.error.details.find((d: { field: string }) => d.field.startsWith(field));
      expect(detail).toBeDefined();
      expect(detail.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const outside = await create(sec, { title: '坏请求', kind: 'fixed_day', attendees: { observerMemberIds: [outsider.id] } });
    expect(outside.body.error.details[0].message).toContain('外镇党员');
    const batch = await ctx.http
      .post('/api/v1/activities/batch')
      .set('Authorization', township)
      .send({
        orgIds: [tree.b11.id, tree.b12.id],
        activity: {
          title: '下发',
          kind: 'fixed_day',
          startsAt: '2026-12-01T09:00:00+08:00',
          endsAt: '2026-12-01T11:00:00+08:00',
          checkinModes: ['qr'],
          attendees: { observerMemberIds: [neighbour.id] },
        },
      });
    expect(batch.status).toBe(400);
    expect(await ctx.ds.getRepository(Activity).count()).toBe(before);
  });

  it('下发 to several branches gives each 支委会 its own committee', async () => {
    clock.set('2026-11-20T09:00:00+08:00');
    const b12sec = await buildMember(ctx, tree.b12, { name: '乙村书记' });
    await grantRole(ctx, 'branch_secretary', tree.b12, { memberId: b12sec.id });
    const res = await ctx.http
      .post('/api/v1/activities/batch')
      .set('Authorization', township)
      .send({
        orgIds: [tree.b11.id, tree.b12.id],
        publish: true,
        activity: {
          title: '12月支委会',
          kind: 'committee_meeting',
          startsAt: '2026-12-03T09:00:00+08:00',
          endsAt: '2026-12-03T11:00:00+08:00',
          checkinModes: ['qr'],
        },
      });
    expect(res.status).toBe(201);
    const [a11, a12] = res.body.map((a: { id: string }) => a.id);
    const s11 = (await ctx.http.get(`/api/v1/activities/${a11}/attendance`).set('Authorization', township)).body;
    const s12 = (await ctx.http.get(`/api/v1/activities/${a12}/attendance`).set('Authorization', township)).body;
    expect(ids(s11.absent)).toEqual([secretary.id, committee.id].sort());
    expect(ids(s12.absent)).toEqual([b12sec.id]);
  });
});
