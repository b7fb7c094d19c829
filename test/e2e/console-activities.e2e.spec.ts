/**
 * The console's 组织生活 screens in Chromium against the real server: a 主题党日 with 定位签到
 * created (a bad radius first, answered by the server's field message), published and seen in the
 * list and the calendar; the open-now 主题党日's full-screen QR page (the code rotates, the count is
 * live); 代签 of a member found by name, the sheet exported; 记实 minutes and photos (a real PNG
 * accepted, a text file named .png refused with the server's message); 整改通知 with a 销号; and
 * 组织生活落实情况 with the branches' missed meetings and a plan change.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server -w @djzy/admin`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import {
  CHECKIN_SCENE_PAGE,
  isPartyMember,
  periodKeysOf,
  type ActivityRecordView,
  type ActivityView,
  type AttendanceResponse,
  type CheckinCodeResponse,
  type LeaveRequestView,
  type MemberSummary,
  type ErrorBody,
  type OrgLifeFrequencyResponse,
  type OrgNode,
  type Page as ListPage,
  type RectificationNoticeView,
} from '@djzy/shared';
import { startFakeWechat, type FakeWechat } from '../fake-wechat/fake-wechat';
import { openBrowser, type Browser } from '../support/browser';
import {
  adminLogin,
  api,
  call,
  consoleChooseOption,
  consoleMenu,
  consolePickOrg,
  consoleSignIn,
  devLogin,
  firstBranchOf,
  openDropdown,
  waitUntil,
} from '../support/e2e';
import { clientEnv, startServer, type RunningServer } from '../support/server';
import { e2eSuite, requireBuild } from '../support/suite';

jest.setTimeout(180_000);

const OPEN_NOW_TITLE = '主题党日：学习年终民主评议党员工作要求（进行中，可扫码签到）';

/** A valid 2×2 RGB PNG, built byte by byte (signature, IHDR, IDAT, IEND with their CRCs). */
function tinyPng(): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  // Two scanlines, each a filter byte and two red pixels.
  const pixels = Buffer.from([0, 200, 22, 29, 200, 22, 29, 0, 200, 22, 29, 200, 22, 29]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('web console: 组织生活 (activities, check-in, 记实, follow-up)', () => {
  const { server, page, browser } = e2eSuite({
    client: 'console',
    database: {
      own: 'it signs members in to the one open 主题党日 (h5-activities checks in to it) and changes the county’s org-life plan',
    },
  });
  let adminToken: string;
  let branch: OrgNode;
  let openNow: ActivityView;
  let workDir: string;
  const run = Date.now() % 100_000;
  const year = Number(periodKeysOf(new Date()).year);
  const title = `主题党日：重温入党誓词${run}`;
  let created: ActivityView;

  const goTo = (label: string, urlEnd: string) => consoleMenu(page, label, urlEnd);
  const attendance = () => api<AttendanceResponse>(server, adminToken, `/activities/${openNow.id}/attendance`);

  beforeAll(async () => {
    const login = await adminLogin(server);
    adminToken = login.token;
    branch = firstBranchOf(await api<OrgNode[]>(server, adminToken, '/orgs'), '城关镇');
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const near = await api<ListPage<ActivityView>>(server, adminToken, `/activities?from=${from}&to=${to}&pageSize=100`);
    const found = near.items.find((a) => a.title === OPEN_NOW_TITLE);
    if (!found) throw new Error('the open-now 主题党日 is missing from the demo data');
    openNow = found;
    expect(openNow.orgId).toBe(branch.id);

    workDir = mkdtempSync(path.join(tmpdir(), 'djzy-console-activities-'));
  });

  afterAll(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  test('the admin signs in and finds the 组织生活 menu', async () => {
    await consoleSignIn(page, server);
    await page.locator('.ant-menu-submenu-title', { hasText: '组织生活' }).click();
    for (const label of ['活动管理', '整改通知', '组织生活落实情况']) await page.locator('.ant-menu-item', { hasText: label }).waitFor();
    await goTo('活动管理', '/activities');
    await page.locator('[data-testid=activity-table] tbody tr.ant-table-row').first().waitFor();
  });

  test('新建活动: a 主题党日 with 定位签到; a bad radius gets the server’s message on its field; then saved and published', async () => {
    await page.locator('[data-testid=activity-new]').click();
    const drawer = page.locator('.ant-drawer', { hasText: '新建活动' });
    await drawer.locator('#activity_title').fill(title);
    await expect(drawer.locator('.ant-form-item:has(label[for="activity_kind"]) .ant-select').innerText()).resolves.toContain('主题党日');
    await consolePickOrg(page, 'activity-org', branch);
    // The location fields appear only with 定位签到.
    await expect(drawer.locator('[data-testid=location-fields]').count()).resolves.toBe(0);
    await drawer.locator('label', { hasText: '定位签到' }).click();
    await drawer.locator('[data-testid=location-fields]').waitFor();
    await drawer.locator('#activity_location_name').fill('村党员活动室');
    await drawer.locator('#location-lat').fill('38.4512');
    await drawer.locator('#location-lng').fill('115.5231');
    await drawer.locator('#location-radius').fill('5');

    const posts: string[] = [];
    const onRequest = (r: { method(): string; url(): string }) =>
      r.method() === 'POST' && r.url().endsWith('/api/v1/activities') && posts.push(r.url());
    page.on('request', onRequest);
    await drawer.locator('[data-testid=activity-save]').click();
    const radiusItem = drawer.locator('.ant-form-item:has(#location-radius)');
    await radiusItem.locator('.ant-form-item-explain-error').waitFor();
    const shown = await radiusItem.locator('.ant-form-item-explain-error').innerText();
    // The message is the server's own, word for word (the console has no rule of its own here).
    expect(posts).toHaveLength(1);
    const refused = await call<ErrorBody>(server, adminToken, '/activities', {
      method: 'POST',
      body: JSON.stringify({
        title,
        kind: 'fixed_day',
        orgId: branch.id,
        startsAt: '2030-01-01T09:00:00+08:00',
        endsAt: '2030-01-01T11:00:00+08:00',
        checkinModes: ['qr', 'geo'],
        location: { name: '村党员活动室', lat: 38.4512, lng: 115.5231, radiusM: 5 },
      }),
    });
    expect(refused.status).toBe(400);
    const detail = (refused.body.error.details as { field: string; message: string }[]).find((d) => d.field === 'location.radiusM');
    expect(detail).toBeDefined();
    expect(shown).toBe(detail!.message);
    expect(shown).toContain('20');

    await drawer.locator('#location-radius').fill('200');
    await drawer.locator('[data-testid=activity-save]').click();
    await drawer.waitFor({ state: 'hidden' });
    page.off('request', onRequest);
    expect(posts).toHaveLength(2);

    const drafts = await api<ListPage<ActivityView>>(server, adminToken, `/activities?orgId=${branch.id}&status=draft&pageSize=100`);
    const draft = drafts.items.find((a) => a.title === title);
    expect(draft).toBeDefined();
    created = draft!;
    expect(created.kind).toBe('fixed_day');
    expect(created.checkinModes).toEqual(expect.arrayContaining(['qr', 'geo']));
    expect(created.location).toEqual({ name: '村党员活动室', lat: 38.4512, lng: 115.5231, radiusM: 200 });
    expect(created.startsAt).toMatch(/\+08:00$/);

    // The list, filtered to the branch, shows the draft; 发布 asks first, then publishes.
    await consolePickOrg(page, 'activity-filter-org', branch);
    const row = page.locator(`[data-testid=activity-table] tr[data-row-key="${created.id}"]`);
    await row.waitFor();
    await expect(row.locator('[data-testid=activity-status]').innerText()).resolves.toBe('草稿');
    await row.locator(`[data-testid=activity-publish-${created.id}]`).click();
    const confirm = page.locator('.ant-modal-confirm', { hasText: '发布活动预告' });
    await confirm.waitFor();
    await confirm.locator('.ant-btn-primary').click();
    await row.locator('[data-testid=activity-status]', { hasText: '已发布' }).waitFor();
    const after = await api<ActivityView>(server, adminToken, `/activities/${created.id}`);
    expect(after.status).toBe('published');
    expect(after.publishedAt).not.toBeNull();
  });

  test('日历: the published activity is on its day of the month', async () => {
    await page.locator('[data-testid=activity-view]').locator('.ant-segmented-item', { hasText: '日历' }).click();
    const calendar = page.locator('[data-testid=activity-calendar]');
    await calendar.waitFor();
    const day = new Date(created.startsAt);
    const local = new Date(day.getTime() + 8 * 3600_000);
    const [y, m] = [local.getUTCFullYear(), local.getUTCMonth() + 1];
    const nowLocal = new Date(Date.now() + 8 * 3600_000);
    if (y !== nowLocal.getUTCFullYear()) {
      await calendar.locator('.ant-picker-calendar-year-select').click();
      await consoleChooseOption(page, openDropdown(page).locator('.ant-select-item-option', { hasText: String(y) }));
    }
    if (m !== nowLocal.getUTCMonth() + 1 || y !== nowLocal.getUTCFullYear()) {
      await calendar.locator('.ant-picker-calendar-month-select').click();
      await consoleChooseOption(page, openDropdown(page).locator('.ant-select-item-option', { hasText: new RegExp(`^${m}月$`) }));
    }
    const dateKey = `${y}-${String(m).padStart(2, '0')}-${String(local.getUTCDate()).padStart(2, '0')}`;
    const cell = calendar.locator(`[data-testid="calendar-day-${dateKey}"]`);
    await cell.locator(`[data-testid="calendar-activity-${created.id}"]`).waitFor();
    await expect(cell.innerText()).resolves.toContain(title);
    // Clicking it opens the activity.
    await cell.locator(`[data-testid="calendar-activity-${created.id}"]`).click();
    await page.waitForURL(new RegExp(`/console/activities/${created.id}$`));
    await expect(page.locator('[data-testid=activity-title]').innerText()).resolves.toBe(title);
  });

  test('签到二维码: a full-screen page whose code and 6-digit 签到码 rotate, whose count follows check-ins; without WeChat (503) the plain QR code with its note', async () => {
    await page.goto(`${server.baseUrl}/console/activities/${openNow.id}`);
    await expect(page.locator('[data-testid=activity-title]').innerText()).resolves.toBe(OPEN_NOW_TITLE);
    const codeRequests: number[] = [];
    browser.context.on('request', (r) => r.url().includes(`/activities/${openNow.id}/checkin-code`) && codeRequests.push(Date.now()));
    // The 小程序码 is asked for with the bearer token; the demo has no WeChat credentials: 503.
    const imageAnswers: { status: number; auth: string }[] = [];
    browser.context.on('response', (r) => {
      if (r.url().includes(`/activities/${openNow.id}/checkin-qr.png`))
        imageAnswers.push({ status: r.status(), auth: r.request().headers().authorization ?? '' });
    });
    const [qr] = await Promise.all([browser.context.waitForEvent('page'), page.locator('[data-testid=open-qr]').click()]);
    await qr.waitForURL(new RegExp(`/console/activities/${openNow.id}/qr$`));
    // No console chrome on the projector.
    await qr.locator('[data-testid=qr-page]').waitFor();
    await expect(qr.locator('.ant-layout-sider').count()).resolves.toBe(0);
    await qr.locator('[data-testid=qr-title]', { hasText: OPEN_NOW_TITLE }).waitFor();
    await expect(qr.locator('[data-testid=qr-title]').innerText()).resolves.toBe(OPEN_NOW_TITLE);
    const canvas = qr.locator('[data-testid=qr-canvas]');
    await waitUntil(async () => ((await canvas.getAttribute('data-qr')) ?? '').startsWith(`djzy:checkin:${openNow.id}:`), 'the first code');
    const first = (await canvas.getAttribute('data-qr'))!;
    // The code is really drawn, large enough for the back of the room.
    const drawn = await canvas.evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d')!;
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      let dark = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i] < 100) dark++;
      return { width: c.width, dark };
    });
    expect(drawn.width).toBeGreaterThanOrEqual(240);
    expect(drawn.dark).toBeGreaterThan(1000);

    // Without WeChat the plain QR code stays, with the note that the mini-program's 扫码签到 reads it.
    const note = qr.locator('[data-testid=qr-fallback-note]');
    await note.waitFor();
    await expect(note.innerText()).resolves.toBe('小程序码暂不可用，可用微信小程序内“扫码签到”扫描此码');
    await expect(qr.locator('[data-testid=qr-box]').getAttribute('data-mode')).resolves.toBe('qr');
    await expect(qr.locator('[data-testid=qr-wxacode]').count()).resolves.toBe(0);
    await expect(canvas.isVisible()).resolves.toBe(true);
    expect(imageAnswers.length).toBeGreaterThanOrEqual(1);
    for (const a of imageAnswers) {
      expect(a.status).toBe(503);
      expect(a.auth).toMatch(/^Bearer \S+$/);
    }

    // The 6 digits under the code: the API's own shortCode (read as the admin), very large, spaced.
    const shortCode = qr.locator('[data-testid=qr-short-code]');
    const digitsOnPage = async () => (await shortCode.innerText()).trim();
    const apiCode = () => api<CheckinCodeResponse>(server, adminToken, `/activities/${openNow.id}/checkin-code`);
    await waitUntil(async () => /^\d{6}$/.test(await digitsOnPage()), 'the 6-digit 签到码 on the projector');
    // Equal to the API's (asked again if the slot turned between the two reads).
    await waitUntil(async () => (await digitsOnPage()) === (await apiCode()).shortCode, 'the projected 签到码 to be the API’s', 12_000);
    const firstDigits = await digitsOnPage();
    await expect(shortCode.getAttribute('data-code')).resolves.toBe(firstDigits);
    const look = await shortCode.evaluate((el) => {
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return {
        fontSize: parseFloat(style.fontSize),
        letterSpacing: parseFloat(style.letterSpacing) || 0,
        bottom: box.bottom,
        width: box.width,
      };
    });
    expect(look.fontSize).toBeGreaterThanOrEqual(96);
    expect(look.letterSpacing).toBeGreaterThan(0);
    expect(look.width).toBeGreaterThan(6 * look.fontSize * 0.6);
    await qr.getByText('也可在小程序中输入签到码', { exact: true }).waitFor();

    // The count: present / expected, as the attendance says; a check-in shows up within seconds.
    const before = await attendance();
    await qr
      .locator('[data-testid=qr-count]', {
        hasText: `已签到 ${before.present.length} / ${before.present.length + before.absent.length} 人`,
      })
      .waitFor();
    const someone = before.absent[0];
    await api(server, adminToken, `/activities/${openNow.id}/checkins`, {
      method: 'POST',
      body: JSON.stringify({ memberId: someone.memberId }),
    });
    await qr
      .locator('[data-testid=qr-count]', {
        hasText: `已签到 ${before.present.length + 1} / ${before.present.length + before.absent.length} 人`,
      })
      .waitFor({ timeout: 12_000 });

    // The code is fetched again on its own just after the slot turns (a slot is 30 s): the token
    // and the 6 digits change together, within the slot and a second or so.
    await waitUntil(async () => (await canvas.getAttribute('data-qr')) !== first, 'a new token on the projected code', 35_000);
    const second = (await canvas.getAttribute('data-qr'))!;
    expect(second.startsWith(`djzy:checkin:${openNow.id}:`)).toBe(true);
    expect(codeRequests.length).toBeGreaterThanOrEqual(2);
    // Both answers were the server's own current codes: the newest is accepted by the API's parser shape.
    const fresh = await api<{ qrText: string }>(server, adminToken, `/activities/${openNow.id}/checkin-code`);
    expect(fresh.qrText.split(':').slice(0, 3)).toEqual(second.split(':').slice(0, 3));
    await waitUntil(
      async () => /^\d{6}$/.test(await digitsOnPage()) && (await digitsOnPage()) !== firstDigits,
      'new 签到码 digits',
      35_000,
    );
    await waitUntil(async () => (await digitsOnPage()) === (await apiCode()).shortCode, 'the new 签到码 to be the API’s', 12_000);
    // The 小程序码 was asked for again with the new code, and the fallback still shows (never a blank).
    await waitUntil(async () => imageAnswers.length >= 2, 'the 小程序码 asked for with the new code', 5_000);
    expect(imageAnswers.every((a) => a.status === 503)).toBe(true);
    await note.waitFor();
    await expect(canvas.isVisible()).resolves.toBe(true);
    await qr.close();
  });

  test('考勤: 代签 a member found by name, who then counts as present; the sheet exports', async () => {
    await page.reload();
    const panel = page.locator('[data-testid=attendance]');
    await panel.waitFor();
    const before = await attendance();
    const names = before.absent.map((r) => r.name);
    const target = before.absent.find((r) => names.filter((n) => n === r.name).length === 1);
    if (!target) throw new Error('no absent member with a unique name');
    await panel.locator('#absent-search').fill(target.name);
    const rows = panel.locator('[data-testid=absent-table] tbody tr.ant-table-row');
    await waitUntil(
      async () => (await rows.count()) >= 1 && (await rows.count()) < before.absent.length,
      'the search to narrow the absent list',
    );
    for (const text of await rows.allInnerTexts()) expect(text).toContain(target.name);
    await panel.locator(`[data-testid=roster-checkin-${target.memberId}]`).click();
    await page.locator('.ant-message', { hasText: `已为${target.name}代签` }).waitFor();
    await panel.locator(`[data-testid=roster-checkin-${target.memberId}]`).waitFor({ state: 'detached' });

    const after = await attendance();
    const present = after.present.find((r) => r.memberId === target.memberId);
    expect(present).toBeDefined();
    expect(present!.method).toBe('roster');
    expect(after.absent.some((r) => r.memberId === target.memberId)).toBe(false);
    await panel.locator('.ant-tabs-tab', { hasText: '出席' }).click();
    await panel.locator('[data-testid=present-table]', { hasText: target.name }).waitFor();
    await expect(panel.locator('[data-testid=att-present]').innerText()).resolves.toContain(String(after.present.length));

    // 导出签到表: the server's sheet, with the member checked in by 代签.
    const [download] = await Promise.all([page.waitForEvent('download'), panel.locator('[data-testid=attendance-export]').click()]);
    // The org and the date in the name: a folder of sheets stays readable.
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^签到表-.+-${OPEN_NOW_TITLE.replace(/[()（）]/g, '.')}-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`),
    );
    const file = path.join(workDir, 'attendance.xlsx');
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.getWorksheet('签到表')!;
    expect(sheet).toBeDefined();
    expect(String(sheet.getRow(1).getCell(1).value)).toContain(OPEN_NOW_TITLE);
    const rowsOut: unknown[][] = [];
    sheet.eachRow((r, n) => n > 5 && rowsOut.push((r.values as unknown[]).slice(1)));
    // Those listed apart (列席, 非党员列席, 流动在外) are on the sheet too, below the expected.
    const apart = after.observers.length + after.guests.length + after.away.length;
    expect(rowsOut).toHaveLength(after.present.length + after.excused.length + after.absent.length + apart);
    const line = rowsOut.find((r) => r[1] === target.name && r[3] === '出席');
    expect(line).toBeDefined();
    expect(line![4]).toBe('代签');
    // A 签名 column to sign on paper, and the sheet prints fitted to one page wide.
    expect(sheet.getRow(5).getCell(8).value).toBe('签名');
    expect(sheet.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1 });
    // Settling is offered only after the end; this meeting is still running.
    await expect(panel.locator('[data-testid=attendance-close]').count()).resolves.toBe(0);
  });

  test('记实: minutes saved, a PNG uploaded into the grid, a text file named .png refused with the server’s message', async () => {
    await page.locator('.ant-tabs-tab', { hasText: '记实' }).click();
    const record = page.locator('[data-testid=record]');
    await record.waitFor();
    const before = await api<ActivityRecordView>(server, adminToken, `/activities/${openNow.id}/record`);
    const minutes = `会议由支部书记主持，研究了年终党员评议工作安排。${run}`;
    await record.locator('#record-minutes').fill(minutes);
    await record.locator('[data-testid=record-save]').click();
    await page.locator('.ant-message', { hasText: '记实已保存' }).waitFor();
    await expect(api<ActivityRecordView>(server, adminToken, `/activities/${openNow.id}/record`).then((r) => r.minutes)).resolves.toBe(
      minutes,
    );

    const input = record.locator('input[type=file]');
    await input.setInputFiles({ name: '会场.png', mimeType: 'image/png', buffer: tinyPng() });
    const images = record.locator('[data-testid=photo-grid] img');
    await waitUntil(async () => (await images.count()) === before.photos.length + 1, 'the photo in the grid');
    const saved = await api<ActivityRecordView>(server, adminToken, `/activities/${openNow.id}/record`);
    expect(saved.photos).toHaveLength(before.photos.length + 1);
    const photo = saved.photos[saved.photos.length - 1];
    expect(photo.contentType).toBe('image/png');
    const img = record.locator(`[data-testid="photo-${photo.id}"] img`);
    await waitUntil(
      async () => (await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)) === 2,
      'the photo to load from its signed URL',
    );

    // Text renamed .png: it passes the console's type check (by name) and the server refuses it.
    const fake = Buffer.from('这不是图片，只是改了扩展名的文本文件');
    await input.setInputFiles({ name: '假照片.png', mimeType: 'image/png', buffer: fake });
    const error = record.locator('[data-testid=photo-error]');
    await error.waitFor();
    const form = new FormData();
    form.append('file', new Blob([fake], { type: 'image/png' }), '假照片.png');
    const refused = await call<ErrorBody>(server, adminToken, `/activities/${openNow.id}/photos`, { method: 'POST', body: form });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('PHOTO_INVALID');
    await expect(error.innerText()).resolves.toContain(refused.body.error.message);
    await expect(images.count()).resolves.toBe(before.photos.length + 1);
    expect((await api<ActivityRecordView>(server, adminToken, `/activities/${openNow.id}/record`)).photos).toHaveLength(
      before.photos.length + 1,
    );
  });

  test('请假: a member asks leave for the new 主题党日; the organiser approves it and the member counts as excused', async () => {
    // A plain Party member of the branch (no cadre role; not an applicant, who is never expected
    // at a 主题党日 and so never counted 请假) asks through the API, as the mini-program would.
    const members = await api<ListPage<MemberSummary>>(server, adminToken, `/members?orgId=${branch.id}&pageSize=30`);
    let memberToken: string | null = null;
    let member: MemberSummary | null = null;
    for (const m of members.items) {
      if (m.isMobile || !isPartyMember(m.status)) continue;
      const login = await devLogin(server, m.id);
      if (login.member && !login.member.roles.length) {
        memberToken = login.token;
        member = m;
        break;
      }
    }
    if (!memberToken || !member) throw new Error(`no plain member in ${branch.name}`);
    const leave = await api<LeaveRequestView>(server, memberToken, `/activities/${created.id}/leave`, {
      method: 'POST',
      body: JSON.stringify({ reason: '外出就医' }),
    });
    expect(leave.status).toBe('pending');

    await page.goto(`${server.baseUrl}/console/activities/${created.id}`);
    const panel = page.locator('[data-testid=attendance]');
    await panel.waitFor();
    await panel.locator('.ant-tabs-tab', { hasText: '待审批请假（1）' }).click();
    const row = panel.locator(`[data-testid=leave-table] tr[data-row-key="${leave.id}"]`);
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain('外出就医');
    await row.locator(`[data-testid=leave-approve-${leave.id}]`).click();
    await panel.locator('.ant-tabs-tab', { hasText: '待审批请假（0）' }).waitFor();
    await panel.locator('.ant-tabs-tab', { hasText: '请假（1）' }).first().waitFor();
    const att = await api<AttendanceResponse>(server, adminToken, `/activities/${created.id}/attendance`);
    expect(att.pendingLeave).toHaveLength(0);
    expect(att.excused.map((r) => r.memberId)).toEqual([member.id]);
    expect(att.absent.some((r) => r.memberId === member!.id)).toBe(false);
  });

  test('结算考勤: offered once a meeting has ended, and answered with the number of absentees', async () => {
    const from = new Date(Date.now() - 60 * 86_400_000).toISOString();
    const to = new Date(Date.now() - 86_400_000).toISOString();
    const past = await api<ListPage<ActivityView>>(
      server,
      adminToken,
      `/activities?orgId=${branch.id}&status=published&from=${from}&to=${to}&pageSize=20`,
    );
    const meeting = past.items.find((a) => new Date(a.endsAt).getTime() < Date.now());
    if (!meeting) throw new Error(`no past meeting of ${branch.name} in the last 60 days`);
    const att = await api<AttendanceResponse>(server, adminToken, `/activities/${meeting.id}/attendance`);
    expect(att.closed).toBe(true);

    await page.goto(`${server.baseUrl}/console/activities/${meeting.id}`);
    const panel = page.locator('[data-testid=attendance]');
    await panel.waitFor();
    await panel.locator('.ant-tabs-tab', { hasText: `缺席（${att.absent.length}）` }).waitFor();
    await expect(panel.locator('[data-testid=att-rate]').innerText()).resolves.toContain(`${Math.round(att.rate * 1000) / 10}%`);
    await panel.locator('[data-testid=attendance-close]').click();
    const confirm = page.locator('.ant-modal-confirm', { hasText: '结算考勤' });
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/activities/${meeting.id}/close`)),
      confirm.locator('.ant-btn-primary').click(),
    ]);
    expect(res.status()).toBe(200);
    const settled = (await res.json()) as { absent: number; notices: number };
    await page.locator('.ant-message', { hasText: `考勤已结算：缺席 ${settled.absent} 人` }).waitFor();
    // The settlement counts full and probationary members only; the sheet also lists others of the
    // roster (e.g. applicants), so it can only be the same or fewer.
    expect(settled.absent).toBeLessThanOrEqual(att.absent.length);
  });

  test('整改通知: the seeded open notices are listed; 销号 needs a resolution and closes one', async () => {
    await goTo('整改通知', '/rectifications');
    const open = await api<ListPage<RectificationNoticeView>>(server, adminToken, '/rectifications?status=open&pageSize=20');
    expect(open.total).toBeGreaterThan(0);
    const table = page.locator('[data-testid=rect-table]');
    await page.locator('.ant-pagination-total-text', { hasText: `共 ${open.total} 份` }).waitFor();
    const notice = open.items[0];
    const row = table.locator(`tr[data-row-key="${notice.id}"]`);
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain(notice.memberName);
    expect(text).toContain(notice.orgName);
    expect(text).toContain(`连续 ${notice.missed.length} 次`);
    expect(text).toContain(notice.deadline.slice(0, 10));
    expect(text).toContain('整改中');

    await row.locator(`[data-testid=rect-resolve-${notice.id}]`).click();
    const dialog = page.locator('.ant-modal', { hasText: '整改销号' });
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await dialog.locator('.ant-form-item-explain-error', { hasText: '请填写整改情况' }).waitFor();
    const resolution = `已谈心谈话，本人作出书面说明${run}`;
    await dialog.locator('#rect-resolution').fill(resolution);
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.ant-pagination-total-text', { hasText: `共 ${open.total - 1} 份` }).waitFor();
    await expect(row.count()).resolves.toBe(0);

    const resolved = await api<ListPage<RectificationNoticeView>>(server, adminToken, '/rectifications?status=resolved&pageSize=100');
    const done = resolved.items.find((n) => n.id === notice.id);
    expect(done?.status).toBe('resolved');
    expect(done?.resolution).toBe(resolution);
    // And it is listed under 已销号.
    await page.locator('[data-testid=rect-filter-status] .ant-segmented-item', { hasText: '已销号' }).click();
    await table.locator(`tr[data-row-key="${notice.id}"]`, { hasText: '已销号' }).waitFor();
  });

  test('组织生活落实情况: each branch’s held and missed periods; an admin changes a branch’s plan', async () => {
    await goTo('组织生活落实情况', '/org-life');
    const freq = await api<OrgLifeFrequencyResponse>(server, adminToken, `/org-life/frequency?year=${year}`);
    expect(freq.branches.length).toBeGreaterThan(0);
    const missing = freq.branches.slice(0, 50).filter((b) => b.missedCount > 0);
    expect(missing.length).toBeGreaterThan(0);
    const table = page.locator('[data-testid=orglife-table]');
    await page.locator('[data-testid=orglife-summary]').waitFor();
    await expect(page.locator('[data-testid=orglife-summary]').innerText()).resolves.toContain(`${freq.branches.length} 个党支部`);
    for (const b of missing.slice(0, 3)) {
      const row = table.locator(`tr[data-row-key="${b.orgId}"]`);
      await row.waitFor();
      await expect(row.locator('[data-testid=missed-total]').innerText()).resolves.toBe(`${b.missedCount} 项`);
      await expect(row.locator('[data-state=missed]').count()).resolves.toBe(b.missedCount);
      await expect(row.locator('[data-state=held]').count()).resolves.toBe(b.cells.filter((c) => c.held >= c.required).length);
      const miss = b.cells.find((c) => c.missed)!;
      const tag = row.locator(`[data-testid="cell-${miss.kind}-${miss.period}"]`);
      await expect(tag.getAttribute('data-state')).resolves.toBe('missed');
      await expect(tag.evaluate((el) => el.className)).resolves.toContain('red');
    }

    // 调整计划: the branch's 支委会 quarterly instead of monthly.
    const target = missing[0];
    await table.locator(`[data-testid=plan-edit-${target.orgId}]`).click();
    const dialog = page.locator('.ant-modal', { hasText: '组织生活计划' });
    await dialog.waitFor();
    const select = dialog.locator('.ant-form-item:has(label[for="committee_meeting"]) .ant-select');
    await expect(select.innerText()).resolves.toContain('每月');
    await select.click();
    await consoleChooseOption(page, openDropdown(page).locator('.ant-select-item-option', { hasText: '每季度' }));
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await dialog.waitFor({ state: 'hidden' });
    const row = table.locator(`tr[data-row-key="${target.orgId}"]`);
    await row.locator(`[data-testid="cell-committee_meeting-${year}-Q1"]`).waitFor();
    const again = await api<OrgLifeFrequencyResponse>(server, adminToken, `/org-life/frequency?orgId=${target.orgId}&year=${year}`);
    const cells = again.branches[0].cells.filter((c) => c.kind === 'committee_meeting');
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((c) => /-Q\d$/.test(c.period))).toBe(true);
    await expect(row.locator('[data-testid^="cell-committee_meeting-"]').count()).resolves.toBe(cells.length);
  });
});

describe('web console: the projector with WeChat — the 小程序码 WeChat draws, a new one with each code, the plain QR code when WeChat fails', () => {
  let fake: FakeWechat;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    requireBuild('console');
    fake = await startFakeWechat();
    server = await startServer(
      { ...clientEnv(), WECHAT_APPID: fake.appId, WECHAT_SECRET: fake.secret, WECHAT_API_BASE: fake.baseUrl },
      process.env.E2E_TEMPLATE_DIR,
    );
    browser = await openBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await fake?.close();
  });

  test('the 小程序码 (fetched with the token) shows with the 6 digits; it follows the code; WeChat down → the plain QR code and its note', async () => {
    const { token } = await adminLogin(server);
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const near = await api<ListPage<ActivityView>>(server, token, `/activities?from=${from}&to=${to}&pageSize=100`);
    const openNow = near.items.find((a) => a.title === OPEN_NOW_TITLE)!;
    expect(openNow).toBeDefined();
    const apiCode = () => api<CheckinCodeResponse>(server, token, `/activities/${openNow.id}/checkin-code`);

    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await consoleSignIn(page, server);
    await page.goto(`${server.baseUrl}/console/activities/${openNow.id}/qr`);
    const img = page.locator('[data-testid=qr-wxacode]');
    const digits = page.locator('[data-testid=qr-short-code]');
    const digitsOnPage = async () => (await digits.innerText()).trim();
    const decoded = () => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0);

    // The image WeChat drew for the page's code: shown through an object URL, the plain QR code hidden.
    await img.waitFor();
    await waitUntil(decoded, 'the 小程序码 decoded');
    await expect(img.getAttribute('src')).resolves.toMatch(/^blob:/);
    await expect(page.locator('[data-testid=qr-box]').getAttribute('data-mode')).resolves.toBe('wxacode');
    await expect(page.locator('[data-testid=qr-canvas]').isVisible()).resolves.toBe(false);
    await expect(page.locator('[data-testid=qr-fallback-note]').count()).resolves.toBe(0);
    await waitUntil(async () => (await digitsOnPage()) === (await apiCode()).shortCode, 'the projected 签到码 to be the API’s', 12_000);
    const firstDigits = await digitsOnPage();
    const firstSrc = (await img.getAttribute('src'))!;
    const drawnFor = (d: string) => fake.wxacodes.some((w) => w.scene === `${openNow.id}.${d}` && w.page === CHECKIN_SCENE_PAGE);
    // The scene WeChat drew is the activity and the digits on the wall (what WeChat's scanner opens).
    await waitUntil(async () => drawnFor(await digitsOnPage()), 'a 小程序码 drawn for the digits shown');

    // The next slot: new digits and a new 小程序码 for them.
    await waitUntil(
      async () => /^\d{6}$/.test(await digitsOnPage()) && (await digitsOnPage()) !== firstDigits,
      'new 签到码 digits',
      35_000,
    );
    const secondDigits = await digitsOnPage();
    await waitUntil(
      async () => (await img.getAttribute('src')) !== firstSrc && (await decoded()),
      'a new 小程序码 for the new code',
      10_000,
    );
    expect(drawnFor(secondDigits)).toBe(true);

    // WeChat fails for the next code (every retry): the plain QR code of the code, with its note.
    fake.failNext(-1, 3);
    await waitUntil(async () => (await digitsOnPage()) !== secondDigits, 'the digits after the next slot', 35_000);
    const note = page.locator('[data-testid=qr-fallback-note]');
    await note.waitFor();
    await expect(note.innerText()).resolves.toBe('小程序码暂不可用，可用微信小程序内“扫码签到”扫描此码');
    await expect(img.count()).resolves.toBe(0);
    const canvas = page.locator('[data-testid=qr-canvas]');
    await expect(canvas.isVisible()).resolves.toBe(true);
    // The current slot's code (a token's part before the first '.' is its slot; the rest differs per answer).
    const slotOf = (qrText: string) => qrText.split('.')[0];
    await waitUntil(
      async () => slotOf((await canvas.getAttribute('data-qr')) ?? '') === slotOf((await apiCode()).qrText),
      'the plain QR code of the current code',
    );
    await page.close();
  }, 150_000);
});
