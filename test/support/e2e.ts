/** Small helpers the browser suites share. */
import type { Page } from 'playwright-core';
import type { OrgNode } from '@djzy/shared';
import { DEMO_ADMIN, type RunningServer } from './server';

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

/** Console: signs in through the login form (the demo admin unless told otherwise) and waits for 党员名册. */
export async function consoleSignIn(
  page: Page,
  server: RunningServer,
  user: { username: string; password: string } = DEMO_ADMIN,
): Promise<void> {
  await page.goto(`${server.baseUrl}/console/login`);
  await page.fill('#login-username', user.username);
  await page.fill('#login-password', user.password);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/console\/roster$/);
}
