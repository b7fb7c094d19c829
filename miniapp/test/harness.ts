/**
 * Runs the BUILT mini-program (miniapp/dist/weapp) in miniprogram-simulate, with WeChat's official
 * template compiler (wcc), so tests drive the real bundle the way WeChat would: render a page,
 * read its text, tap, type, and see what it asked of `wx` (requests, navigation, toasts, storage).
 *
 * What simulate lacks is shimmed here: `Page` becomes a component whose lifetimes run the page's
 * onLoad/onShow/onReady/onUnload, `App` stores the app for `getApp`, `getCurrentPages` is a stack
 * of the rendered pages. There is no navigation stack and no layout: navigation calls are
 * recorded, and a test renders the page it expects to be at.
 *
 * Each page's JS registers once per test file (webpack caches its modules), so pages are loaded
 * once and their component ids cached; Taro's recursive `comp` is registered once and passed to
 * every page through `usingComponents`.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { ErrorBody } from '@djzy/shared';

const simulate = require('miniprogram-simulate') as Simulate;

/** The part of miniprogram-simulate / j-component this harness uses. */
interface Simulate {
  load(componentPath: string, tagName: string, options?: Record<string, unknown>): string;
  load(componentPath: string, options?: Record<string, unknown>): string;
  render(id: string, properties?: Record<string, unknown>): SimComponent;
}
interface SimComponent {
  dom: HTMLElement;
  instance: Record<string, unknown>;
  attach(parent: Element): void;
  detach(): void;
  dispatchEvent(name: string, options?: { detail?: unknown }): void;
}
type ExparserNode = unknown;
type AnyFn = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any

export const DIST = path.resolve(__dirname, '..', 'dist', 'weapp');
/** The API base the weapp bundle was built with (miniapp/.env.production). */
export const BUILT_API_BASE = 'http://127.0.0.1:3000/api/v1';

/** Fails with a clear message when the weapp build is missing. */
export function assertBuilt(): void {
  const missing = ['app.js', 'app.json', 'comp.js', 'base.wxml'].filter((f) => !fs.existsSync(path.join(DIST, f)));
  if (missing.length) {
    throw new Error(
      `The mini-program is not built (${DIST} lacks ${missing.join(', ')}). ` + 'Build it first: npm run build:weapp -w @djzy/miniapp',
    );
  }
}

// ---------------------------------------------------------------- wx stubs

/** A request as the bundle made it through wx.request. */
export interface SentRequest {
  method: string;
  url: string;
  /** The path after the API base, with its query: `/auth/wechat`. */
  path: string;
  header: Record<string, string>;
  data: unknown;
}
export interface FakeResponse {
  status: number;
  body: unknown;
}
/** Answers a request; throwing (or rejecting) makes wx.request fail like a network error. */
export type RequestHandler = (req: SentRequest) => FakeResponse | Promise<FakeResponse>;

export interface NavCall {
  api: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack';
  url: string;
}

/** Everything the bundle asked of `wx`, for assertions; reset by `resetWx()`. */
export const wxLog = {
  requests: [] as SentRequest[],
  navigation: [] as NavCall[],
  toasts: [] as string[],
  logins: 0,
  /** Listeners the bundle registered with wx.onNeedPrivacyAuthorization. */
  privacyListeners: [] as AnyFn[],
  /** The options of each wx.scanCode call. */
  scans: [] as Record<string, unknown>[],
  /** The options of each wx.getLocation call. */
  locations: [] as Record<string, unknown>[],
  /** The contents of each wx.showModal call. */
  modals: [] as string[],
  /** The number of each wx.makePhoneCall. */
  phoneCalls: [] as string[],
  /** The url of each wx.downloadFile. */
  downloads: [] as string[],
  /** The options of each wx.openDocument. */
  documents: [] as Record<string, unknown>[],
};
export const storage = new Map<string, unknown>();

let handler: RequestHandler = (req) => {
  throw new Error(`no request handler set for ${req.method} ${req.path}`);
};
let nextLoginCode = 'wx-code-1';
let modalConfirm = true;
/** The HTTP status the next wx.downloadFile gets (0: the download fails). */
let downloadStatus = 200;

/** What the camera "sees" on the next wx.scanCode: a QR text, or null for a member who backs out. */
let scanText: string | null = null;
/** Where the phone "is" on the next wx.getLocation; null answers `auth deny`. */
export interface FakeLocation {
  latitude: number;
  longitude: number;
  accuracy: number;
}
let location: FakeLocation | null = null;

/** Sets how wx.request is answered. */
export function onRequest(h: RequestHandler): void {
  handler = h;
}
/** The code the next wx.login returns. */
export function setLoginCode(code: string): void {
  nextLoginCode = code;
}
/** The text the next wx.scanCode returns (null: the member closes the scanner). */
export function setScanResult(text: string | null): void {
  scanText = text;
}
/** The position the next wx.getLocation returns (null: permission refused). */
export function setLocation(loc: FakeLocation | null): void {
  location = loc;
}
/** The status wx.downloadFile answers with (0: the download fails on the network). */
export function setDownloadStatus(status: number): void {
  downloadStatus = status;
}
/** Whether wx.showModal answers "confirm". */
export function setModalConfirm(confirm: boolean): void {
  modalConfirm = confirm;
}

/** An error body of the contract. */
export function apiError(status: number, code: string, message: string, details?: unknown): FakeResponse {
  const body: ErrorBody = { error: { code, message, details } };
  return { status, body };
}

/** Routes `METHOD /path` to answers; anything else is a 404 ROUTE_NOT_FOUND. */
export function fakeApi(routes: Record<string, RequestHandler | FakeResponse>): RequestHandler {
  return (req) => {
    const key = `${req.method} ${req.path.split('?')[0]}`;
    const r = routes[key];
    if (!r) return apiError(404, 'ROUTE_NOT_FOUND', '接口不存在');
    return typeof r === 'function' ? r(req) : r;
  };
}

/** Forwards the bundle's requests to a real server over Node's http (the built base URL is rewritten). */
export function bridgeTo(apiBase: string): RequestHandler {
  return (req) =>
    new Promise<FakeResponse>((resolve, reject) => {
      const url = new URL(`${apiBase.replace(/\/$/, '')}${req.path}`);
      const payload = req.data === undefined || req.method === 'GET' ? undefined : JSON.stringify(req.data);
      const r = http.request(
        url,
        {
          method: req.method,
          headers: { ...req.header, ...(payload ? { 'Content-Length': Buffer.byteLength(payload) } : {}) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => {
            let body: unknown = text;
            try {
              body = text ? JSON.parse(text) : '';
            } catch {
              /* not JSON: keep the text */
            }
            resolve({ status: res.statusCode ?? 0, body });
          });
        },
      );
      r.on('error', reject);
      if (payload) r.write(payload);
      r.end();
    });
}

export function resetWx(): void {
  wxLog.requests.length = 0;
  wxLog.navigation.length = 0;
  wxLog.toasts.length = 0;
  wxLog.logins = 0;
  wxLog.scans.length = 0;
  wxLog.locations.length = 0;
  wxLog.modals.length = 0;
  wxLog.phoneCalls.length = 0;
  wxLog.downloads.length = 0;
  wxLog.documents.length = 0;
  downloadStatus = 200;
  scanText = null;
  location = null;
  storage.clear();
  nextLoginCode = 'wx-code-1';
  modalConfirm = true;
}

function done(opts: Record<string, AnyFn | unknown>, res: Record<string, unknown>, ok = true): void {
  const cb = (name: string) => opts[name] as AnyFn | undefined;
  if (ok) cb('success')?.(res);
  else cb('fail')?.(res);
  cb('complete')?.(res);
}

function installWx(): void {
  const wx = (globalThis as unknown as { wx: Record<string, AnyFn> }).wx;
  wx.request = (opts: Record<string, unknown>) => {
    const url = String(opts.url);
    const req: SentRequest = {
      method: String(opts.method ?? 'GET').toUpperCase(),
      url,
      path: url.startsWith(BUILT_API_BASE) ? url.slice(BUILT_API_BASE.length) : url,
      header: { ...((opts.header as Record<string, string>) ?? {}) },
      data: opts.data,
    };
    wxLog.requests.push(req);
    let aborted = false;
    Promise.resolve()
      .then(() => handler(req))
      .then(
        (res) => {
          if (aborted) return;
          done(opts, { statusCode: res.status, data: res.body, header: {}, cookies: [], errMsg: 'request:ok' });
        },
        (err: Error) => {
          if (aborted) return;
          done(opts, { errMsg: `request:fail ${err?.message ?? ''}` }, false);
        },
      );
    return { abort: () => (aborted = true), onHeadersReceived() {}, offHeadersReceived() {} };
  };
  wx.login = (opts: Record<string, unknown>) => {
    wxLog.logins += 1;
    const code = nextLoginCode;
    setTimeout(() => done(opts, { code, errMsg: 'login:ok' }), 0);
  };
  for (const api of ['navigateTo', 'redirectTo', 'switchTab', 'reLaunch'] as const) {
    wx[api] = (opts: Record<string, unknown>) => {
      wxLog.navigation.push({ api, url: String(opts.url) });
      setTimeout(() => done(opts, { errMsg: `${api}:ok` }), 0);
    };
  }
  wx.navigateBack = (opts: Record<string, unknown> = {}) => {
    wxLog.navigation.push({ api: 'navigateBack', url: '' });
    setTimeout(() => done(opts, { errMsg: 'navigateBack:ok' }), 0);
  };
  wx.showToast = (opts: Record<string, unknown>) => {
    wxLog.toasts.push(String(opts.title));
    setTimeout(() => done(opts, { errMsg: 'showToast:ok' }), 0);
  };
  wx.showModal = (opts: Record<string, unknown>) => {
    wxLog.modals.push(String(opts.content ?? ''));
    setTimeout(() => done(opts, { confirm: modalConfirm, cancel: !modalConfirm, errMsg: 'showModal:ok' }), 0);
  };
  wx.scanCode = (opts: Record<string, unknown>) => {
    wxLog.scans.push({ ...opts });
    const text = scanText;
    setTimeout(() => {
      if (text === null) done(opts, { errMsg: 'scanCode:fail cancel' }, false);
      else done(opts, { result: text, scanType: 'QR_CODE', charSet: 'utf-8', errMsg: 'scanCode:ok' });
    }, 0);
  };
  wx.getLocation = (opts: Record<string, unknown>) => {
    wxLog.locations.push({ ...opts });
    const loc = location;
    setTimeout(() => {
      if (!loc) done(opts, { errMsg: 'getLocation:fail auth deny' }, false);
      else done(opts, { ...loc, speed: 0, altitude: 0, verticalAccuracy: 0, horizontalAccuracy: loc.accuracy, errMsg: 'getLocation:ok' });
    }, 0);
  };
  wx.downloadFile = (opts: Record<string, unknown>) => {
    const url = String(opts.url);
    wxLog.downloads.push(url);
    const status = downloadStatus;
    setTimeout(() => {
      if (!status) done(opts, { errMsg: 'downloadFile:fail' }, false);
      else done(opts, { tempFilePath: `wxfile://tmp/${wxLog.downloads.length}.pdf`, statusCode: status, errMsg: 'downloadFile:ok' });
    }, 0);
    return { abort() {}, onProgressUpdate() {}, offProgressUpdate() {}, onHeadersReceived() {}, offHeadersReceived() {} };
  };
  wx.openDocument = (opts: Record<string, unknown>) => {
    wxLog.documents.push(Object.fromEntries(Object.entries(opts).filter(([, v]) => typeof v !== 'function')));
    setTimeout(() => done(opts, { errMsg: 'openDocument:ok' }), 0);
  };
  wx.makePhoneCall = (opts: Record<string, unknown>) => {
    wxLog.phoneCalls.push(String(opts.phoneNumber));
    setTimeout(() => done(opts, { errMsg: 'makePhoneCall:ok' }), 0);
  };
  for (const api of ['setKeepScreenOn', 'stopPullDownRefresh', 'previewImage', 'setNavigationBarTitle'] as const) {
    wx[api] = (opts: Record<string, unknown> = {}) => setTimeout(() => done(opts, { errMsg: `${api}:ok` }), 0);
  }
  wx.onNeedPrivacyAuthorization = (listener: AnyFn) => void wxLog.privacyListeners.push(listener);
  wx.getStorageSync = (key: string) => (storage.has(key) ? storage.get(key) : '');
  wx.setStorageSync = (key: string, value: unknown) => void storage.set(key, value);
  wx.removeStorageSync = (key: string) => void storage.delete(key);
  wx.clearStorageSync = () => storage.clear();
}

// ---------------------------------------------------------------- Page / App shims and loading

interface PageInstance {
  route: string;
  [key: string]: unknown;
}
const pageStack: PageInstance[] = [];
let loadingRoute = '';
let nextQuery: Record<string, string> = {};
let app: Record<string, AnyFn> | null = null;
let compId = '';
const pageIds = new Map<string, string>();

function installShims(): void {
  const g = globalThis as unknown as Record<string, unknown>;
  g.App = (cfg: Record<string, AnyFn>) => {
    app = cfg;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => [...pageStack];
  g.Page = (cfg: Record<string, unknown>) => {
    const route = loadingRoute;
    const methods: Record<string, AnyFn> = {};
    for (const [k, v] of Object.entries(cfg)) if (typeof v === 'function') methods[k] = v as AnyFn;
    const fields = Object.fromEntries(Object.entries(cfg).filter(([k, v]) => typeof v !== 'function' && k !== 'data'));
    (g.Component as AnyFn)({
      data: (cfg.data as object) ?? {},
      methods,
      lifetimes: {
        attached(this: PageInstance) {
          Object.assign(this, fields);
          this.route = route;
          pageStack.push(this);
          (this.onLoad as AnyFn | undefined)?.call(this, { ...nextQuery });
          (this.onShow as AnyFn | undefined)?.call(this);
        },
        ready(this: PageInstance) {
          (this.onReady as AnyFn | undefined)?.call(this);
        },
        detached(this: PageInstance) {
          (this.onUnload as AnyFn | undefined)?.call(this);
          const i = pageStack.indexOf(this);
          if (i >= 0) pageStack.splice(i, 1);
        },
      },
    });
  };
}

let booted = false;

/** Loads the app and Taro's recursive component once per test file. */
export function boot(): void {
  if (booted) return;
  assertBuilt();
  installWx();
  installShims();
  require(path.join(DIST, 'app.js'));
  if (!app) throw new Error('app.js did not call App()');
  const launch = { path: 'pages/index/index', query: {}, scene: 1001 };
  app.onLaunch?.call(app, launch);
  app.onShow?.call(app, launch);
  compId = simulate.load(path.join(DIST, 'comp'), 'comp', { compiler: 'official', rootPath: DIST });
  booted = true;
}

function pageId(route: string): string {
  const key = route.replace(/^\//, '');
  let id = pageIds.get(key);
  if (!id) {
    loadingRoute = key;
    id = simulate.load(path.join(DIST, key), {
      compiler: 'official',
      rootPath: DIST,
      usingComponents: { comp: compId },
    });
    loadingRoute = '';
    pageIds.set(key, id);
  }
  return id;
}

/** A rendered page, driven like a user would. */
export interface RenderedPage {
  root: SimComponent;
  /** All visible text, whitespace collapsed. */
  text(): string;
  /** The DOM element with this id (`<View id="x">` keeps its id), or null. */
  find(id: string): HTMLElement | null;
  /** Taps the element with this id. */
  tap(id: string): Promise<void>;
  /** Fires any WeChat event (`agreeprivacyauthorization`, …) on the element with this id. */
  fire(id: string, event: string, detail?: unknown): Promise<void>;
  /** Types into the input with this id (fires `input` with the value). */
  input(id: string, value: string): Promise<void>;
  /** Leaves the page (runs onUnload). */
  close(): void;
}

/** Renders a page (`/pages/login/index`) with its query, as if navigated to. */
export function renderPage(route: string, query: Record<string, string> = {}): RenderedPage {
  boot();
  const id = pageId(route);
  nextQuery = query;
  const root = simulate.render(id);
  const parent = document.createElement('parent-wrapper');
  document.body.appendChild(parent);
  root.attach(parent);
  nextQuery = {};
  const find = (elId: string) => findById(root.dom, elId);
  const fire = async (elId: string, event: string, detail: unknown) => {
    const el = find(elId);
    if (!el) throw new Error(`no element #${elId} on ${route}; text: ${page.text()}`);
    dispatch(root, el, event, detail);
    await flush();
  };
  const page: RenderedPage = {
    root,
    text: () => (root.dom.textContent ?? '').replace(/\s+/g, ' ').trim(),
    find,
    tap: (elId) => fire(elId, 'tap', {}),
    fire: (elId, event, detail = {}) => fire(elId, event, detail),
    input: (elId, value) => fire(elId, 'input', { value, cursor: value.length, keyCode: 0 }),
    // Once: a test may close its page itself before the spec's afterEach does.
    close: () => {
      if (closed) return;
      closed = true;
      root.detach();
      parent.remove();
    },
  };
  let closed = false;
  return page;
}

/**
 * The DOM element whose mini-program node has this id. Taro binds `id` as a node property, not
 * a DOM attribute, and nodes inside `comp` live in other shadow trees: so walk the whole DOM.
 */
function findById(rootEl: HTMLElement, elId: string): HTMLElement | null {
  const all = rootEl.querySelectorAll<HTMLElement>('*');
  for (const el of Array.from(all)) {
    const node = (el as unknown as { __wxElement?: { id?: string } }).__wxElement;
    if (node?.id === elId) return el;
  }
  return null;
}

/** Fires a WeChat event on a DOM node of the rendered tree, as j-component's dispatchEvent does. */
function dispatch(root: SimComponent, el: HTMLElement, event: string, detail: unknown): void {
  const node = (el as unknown as { __wxElement?: ExparserNode }).__wxElement;
  if (!node) throw new Error(`element #${el.id} is not a mini-program node`);
  // j-component's Component wraps one exparser node; reuse its class for any node of the tree.
  const ComponentClass = Object.getPrototypeOf(Object.getPrototypeOf(root)).constructor as new (n: ExparserNode) => SimComponent;
  new ComponentClass(node).dispatchEvent(event, { detail });
}

/** Lets pending promises and timers run once. */
export function flush(ms = 0): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls until `check` returns a truthy value or throws no more (React renders asynchronously). */
export async function waitFor<T>(check: () => T, { timeout = 3000, interval = 10 } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const v = check();
      if (v) return v as NonNullable<T>;
      last = new Error('condition still false');
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw last instanceof Error ? last : new Error(String(last));
    await flush(interval);
  }
}

/** Waits until the page shows `text`. */
export function waitForText(page: RenderedPage, text: string, timeout = 3000): Promise<true> {
  return waitFor(
    () => {
      if (!page.text().includes(text)) throw new Error(`"${text}" not shown; page text: ${page.text()}`);
      return true as const;
    },
    { timeout },
  );
}

/** The stored session token (what the bundle wrote with setStorageSync). */
export const TOKEN_KEY = 'djzy.token';

/** A fake API answer. */
export const ok = (body: unknown, status = 200): FakeResponse => ({ status, body });

/**
 * For a spec of signed-in pages: before each test the fakes are reset and a member is signed in,
 * after it the page is closed. Returns the `open(route, query)` the tests render pages with.
 */
export function signedInPages(token = 'tok-abc'): (route: string, query?: Record<string, string>) => RenderedPage {
  let page: RenderedPage | null = null;
  beforeEach(() => {
    resetWx();
    storage.set(TOKEN_KEY, token);
  });
  afterEach(() => {
    page?.close();
    page = null;
  });
  return (route, query) => (page = renderPage(route, query));
}
