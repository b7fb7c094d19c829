/** Small helpers the browser suites share. */
import type { Locator, Page } from 'playwright-core';
import type { AdminLoginResponse, AuthOptionsResponse, DevLoginResponse, OrgNode } from '@djzy/shared';
import { DEMO_ADMIN, type RunningServer } from './server';

/** An account the sign-in screens offer in demo mode. */
export type DemoAccount = NonNullable<AuthOptionsResponse['demoAccounts']>[number];

/** Polls a condition (the UI renders asynchronously); fails with what was awaited. */
export async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every node of an org tree, depth first. */
export function flatten(nodes: OrgNode[]): OrgNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

/** A JSON call to the real server's API: the status and the body (none for 204), whatever the status. */
export async function call<T>(
  server: RunningServer,
  token: string | null,
  pathAndQuery: string,
  init: RequestInit = {},
): Promise<{ status: number; body: T }> {
  const headers = new Headers(init.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  // JSON text gets its type; a FormData upload keeps the browser's multipart boundary.
  if (typeof init.body === 'string' && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  const res = await fetch(`${server.apiBase}${pathAndQuery}`, { ...init, headers });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A JSON call to the real server's API; throws with the answer when it is not 2xx. */
export async function api<T>(server: RunningServer, token: string | null, pathAndQuery: string, init: RequestInit = {}): Promise<T> {
  const { status, body } = await call<T>(server, token, pathAndQuery, init);
  if (status >= 400) throw new Error(`${init.method ?? 'GET'} ${pathAndQuery} → ${status} ${JSON.stringify(body)}`);
  return body;
}

/** H5 build: opens the app, signs in through 演示登录 as demo account `index`, and waits for 首页. */
export async function h5DemoSignIn(page: Page, server: RunningServer, index: number): Promise<void> {
  await page.goto(`${server.baseUrl}/h5/`);
  await page.waitForURL(/#\/pages\/login\/index/, { timeout: 30_000 });
  await page.locator(`#demo-${index}`).click();
  await page.waitForURL(/#\/pages\/index\/index/, { timeout: 15_000 });
}

/** Console: signs in through the login form (the demo admin unless told otherwise) and waits for 党建总览 (the landing page). */
export async function consoleSignIn(
  page: Page,
  server: RunningServer,
  user: { username: string; password: string } = DEMO_ADMIN,
): Promise<void> {
  await page.goto(`${server.baseUrl}/console/login`);
  await page.fill('#login-username', user.username);
  await page.fill('#login-password', user.password);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/console\/report\/overview$/);
}

/** Signs in to the API as a console user (the demo admin unless told otherwise). */
export function adminLogin(server: RunningServer, user: { username: string; password: string } = DEMO_ADMIN): Promise<AdminLoginResponse> {
  return api<AdminLoginResponse>(server, null, '/auth/admin', { method: 'POST', body: JSON.stringify(user) });
}

/** Signs in to the API as a member through the demo sign-in. */
export function devLogin(server: RunningServer, memberId: string): Promise<DevLoginResponse> {
  return api<DevLoginResponse>(server, null, '/auth/dev', { method: 'POST', body: JSON.stringify({ memberId }) });
}

/** The member accounts the H5 sign-in page offers under 演示登录, in its order (`#demo-<index>`). */
export async function demoMemberAccounts(server: RunningServer): Promise<DemoAccount[]> {
  const options = await api<AuthOptionsResponse>(server, null, '/auth/options');
  return (options.demoAccounts ?? []).filter((a) => a.memberId);
}

/**
 * The plain member (普通党员) of the H5 sign-in page — the first member account if there is none
 * (a secretary would see more as a manager) — with their place on the page and a token.
 */
export async function plainDemoMember(
  server: RunningServer,
): Promise<{ accounts: DemoAccount[]; index: number; memberId: string; token: string }> {
  const accounts = await demoMemberAccounts(server);
  const index = Math.max(
    accounts.findIndex((a) => a.label.includes('普通党员')),
    0,
  );
  const memberId = accounts[index].memberId!;
  return { accounts, index, memberId, token: (await devLogin(server, memberId)).token };
}

/** Console: opens a menu item (its group already open) and waits for its address. */
export async function consoleMenu(page: Page, label: string, urlEnd: string): Promise<void> {
  await page.locator('.ant-menu-item', { hasText: label }).click();
  await page.waitForURL(new RegExp(`/console${urlEnd}$`));
}

/** H5: no figure of reading time anywhere on the screen. */
export async function expectNoTimeFigures(page: Page): Promise<void> {
  const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
  expect(text).not.toMatch(/秒|分钟|时长/);
}

/** The first branch of a township of the tree (named in part, e.g. 城关镇); fails when there is none. */
export function firstBranchOf(orgs: OrgNode[], township: string): OrgNode {
  const t = flatten(orgs).find((o) => o.kind === 'township' && o.name.includes(township));
  if (!t) throw new Error(`the demo county should have ${township}`);
  const branch = flatten(t.children).find((o) => o.kind === 'branch');
  if (!branch) throw new Error(`${township} has no branch`);
  return branch;
}

/**
 * Console: the open select dropdown. antd keeps a closed select's dropdown in the page (hidden),
 * with the same options: look for options in this one only.
 */
export function openDropdown(page: Page): Locator {
  return page.locator('.ant-select-dropdown:visible');
}

/** Console: waits until no select dropdown is open; fails with what is still open. */
export async function consoleNoDropdown(page: Page): Promise<void> {
  try {
    await waitUntil(async () => (await openDropdown(page).count()) === 0, 'the select dropdown to close');
  } catch (e) {
    const open = await openDropdown(page).evaluateAll((els) => els.map((el) => (el.textContent ?? '').slice(0, 80)));
    throw new Error(`${(e as Error).message}; still open: ${open.join(' | ')}`);
  }
}

/**
 * Console: clicks an option of the open single select (`option` inside `openDropdown(page)`) and
 * waits until the dropdown has closed — the select has taken the pick. (A multiple select stays
 * open for the next pick: click its options directly.)
 */
export async function consoleChooseOption(page: Page, option: Locator): Promise<void> {
  await option.click();
  await consoleNoDropdown(page);
}

/**
 * Console: opens a select (`select`, or a `data-testid`) and chooses the option whose text is
 * `label` exactly (an antd Select's `.ant-select-item-option`).
 */
export async function consoleSelect(page: Page, select: Locator | string, label: string): Promise<void> {
  const field = typeof select === 'string' ? page.locator(`[data-testid=${select}]`) : select;
  await consoleNoDropdown(page);
  await field.click();
  const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await consoleChooseOption(page, openDropdown(page).locator('.ant-select-item-option', { hasText: exact }));
}

/**
 * Console: picks an org in a tree select (a `data-testid`, or the select itself) by typing its
 * name, and waits for it to show.
 */
export async function consolePickOrg(page: Page, select: Locator | string, org: OrgNode): Promise<void> {
  const field = typeof select === 'string' ? page.locator(`[data-testid=${select}]`) : select;
  await consoleNoDropdown(page);
  await field.click();
  await field.locator('input').fill(org.name);
  await consoleChooseOption(page, openDropdown(page).locator(`[data-testid="org-option-${org.id}"]`));
  await waitUntil(async () => (await field.innerText()).includes(org.name), `${org.name} picked`);
}

/**
 * Console: closes an open dropdown or date picker with Escape, and waits until none is open.
 * Only when one is open: with none, Escape closes the drawer or dialog around it instead.
 */
export async function consoleClosePopup(page: Page): Promise<void> {
  const open = page.locator('.ant-select-dropdown:visible, .ant-picker-dropdown:visible');
  if (await open.count()) await page.keyboard.press('Escape');
  await waitUntil(async () => (await open.count()) === 0, 'no dropdown or date picker open');
}
