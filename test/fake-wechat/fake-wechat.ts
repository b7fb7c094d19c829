/**
 * A local stand-in for api.weixin.qq.com, following WeChat's documented contract for the four
 * endpoints the server uses: jscode2session, cgi-bin/token, subscribe/send and msg_sec_check.
 *
 * It exists so the server's sign-in and notification paths can be tested for real (HTTP, JSON,
 * errcodes, single-use codes, token expiry) without a WeChat account or the internet. Tests script
 * it (`issueCode`, `failNext`, `dropNext`, …) and read back what it received (`calls`,
 * `sentMessages`).
 *
 * Contract points copied from WeChat's docs and observed behaviour:
 * - errors are answered with HTTP 200 and `{ errcode, errmsg }`, errmsg ending in `, rid: …`;
 * - a login code lives 5 minutes and works once (reuse → 40163, unknown/expired → 40029);
 * - a successful jscode2session carries no errcode; the other endpoints answer `errcode: 0`;
 * - an access_token lives 7200 s; fetching a new one leaves the previous one valid for 5 more
 *   minutes, after which it is rejected with 40001 ("not latest"); an expired one gets 42001.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How long a wx.login code stays valid (WeChat: 5 minutes). */
export const CODE_TTL_MS = 5 * 60 * 1000;
/** access_token life in seconds, as /cgi-bin/token reports it. */
export const ACCESS_TOKEN_TTL_S = 7200;
/** How long a superseded access_token keeps working after a new one is fetched. */
export const ACCESS_TOKEN_OVERLAP_MS = 5 * 60 * 1000;

/** WeChat's errmsg for the errcodes the fake can answer (texts as WeChat sends them). */
export const WECHAT_ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40013: 'invalid appid',
  40029: 'invalid code',
  40037: 'invalid template_id',
  40125: 'invalid appsecret',
  40163: 'code been used',
  40226: 'code blocked',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41008: 'missing code',
  42001: 'access_token expired',
  43101: 'user refuse to accept the msg',
  44002: 'empty post data',
  45011: 'api minute-quota reach limit mustslower retry next minute',
  47001: 'data format error',
  47003: 'argument invalid!',
};

export type MsgSecSuggest = 'pass' | 'review' | 'risky';

/** One request the fake received; `secret` in the query is replaced by `***`. */
export interface FakeWechatCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

/** A subscribe message the fake accepted. */
export interface SentSubscribeMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
  lang?: string;
  at: number;
}

export interface FakeWechatOptions {
  appId?: string;
  secret?: string;
  /** The fake's clock (ms since epoch); tests pass a movable one to expire codes and tokens. */
  now?: () => number;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /**
   * Serve `/__fake/*` control endpoints (issue a code over HTTP) for a fake running in its own
   * process. Off by default so in-process tests see exactly WeChat's surface.
   */
  controlApi?: boolean;
}

export interface FakeWechat {
  /** e.g. `http://127.0.0.1:54321` — what the server gets as WECHAT_API_BASE. */
  baseUrl: string;
  port: number;
  appId: string;
  secret: string;
  /** Every request received, oldest first (secret redacted). */
  calls: FakeWechatCall[];
  /** Subscribe messages accepted, oldest first. */
  sentMessages: SentSubscribeMessage[];
  /** Every 小程序码 drawn by getwxacodeunlimit: its scene and page. */
  wxacodes: { scene: string; page: string; at: number }[];
  /** Mints a login code for `openid`, as wx.login hands one to the phone. */
  issueCode(openid: string, opts?: { unionid?: string }): string;
  /** The next `times` requests (any endpoint) answer `errcode` with WeChat's errmsg. */
  failNext(errcode: number, times?: number): void;
  /** The next `times` requests get their socket destroyed without an answer. */
  dropNext(times?: number): void;
  /** What msg_sec_check answers from now on (default `pass`, label 100). */
  setMsgSecCheckResult(suggest: MsgSecSuggest, label?: number): void;
  /** Invalidates every access_token issued so far (calls using one get 40001). */
  revokeAccessTokens(): void;
  /** The session_key handed out for `openid`'s latest successful jscode2session. */
  sessionKeyOf(openid: string): string | undefined;
  /** Forgets calls, messages and scripted failures (issued codes and tokens stay). */
  reset(): void;
  close(): Promise<void>;
}

interface IssuedCode {
  openid: string;
  unionid?: string;
  expiresAt: number;
  used: boolean;
}

/** Thrown inside a handler to answer a WeChat error. */
class WxError extends Error {
  constructor(readonly errcode: number) {
    super(WECHAT_ERRMSG[errcode] ?? 'unknown error');
  }
}

const MAX_BODY = 1024 * 1024;

/** Starts the fake on 127.0.0.1 (a random port unless `opts.port`) and resolves once it listens. */
export async function startFakeWechat(opts: FakeWechatOptions = {}): Promise<FakeWechat> {
  const appId = opts.appId ?? 'wxfake0000000000';
  const secret = opts.secret ?? 'fake-secret-0123456789abcdef';
  const now = opts.now ?? Date.now;

  const codes = new Map<string, IssuedCode>();
  // token → moment it stops working; a superseded token gets its deadline pulled in (overlap).
  const tokens = new Map<string, { expiresAt: number; supersededAt?: number }>();
  const sessionKeys = new Map<string, string>();
  const calls: FakeWechatCall[] = [];
  const wxacodes: { scene: string; page: string; at: number }[] = [];
  const sentMessages: SentSubscribeMessage[] = [];
  // Scripted answers, consumed one per request in order.
  let script: Array<{ kind: 'fail'; errcode: number } | { kind: 'drop' }> = [];
  let msgSec: { suggest: MsgSecSuggest; label: number } = { suggest: 'pass', label: 100 };

  const sockets = new Set<Socket>();

  const rid = () => `${Math.floor(now() / 1000).toString(16)}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
  const errBody = (errcode: number) => ({
    errcode,
    errmsg: `${WECHAT_ERRMSG[errcode] ?? 'unknown error'}, rid: ${rid()}`,
  });

  function checkApp(q: Record<string, string>, appField = 'appid', secretField = 'secret'): void {
    if (!q[appField]) throw new WxError(41002);
    if (q[appField] !== appId) throw new WxError(40013);
    if (!q[secretField]) throw new WxError(41004);
    if (q[secretField] !== secret) throw new WxError(40125);
  }

  function checkToken(q: Record<string, string>): void {
    const token = q.access_token;
    if (!token) throw new WxError(41001);
    const t = tokens.get(token);
    if (!t) throw new WxError(40001);
    if (t.supersededAt !== undefined && now() >= t.supersededAt + ACCESS_TOKEN_OVERLAP_MS) throw new WxError(40001);
    if (now() >= t.expiresAt) throw new WxError(42001);
  }

  function jscode2session(q: Record<string, string>): unknown {
    checkApp(q);
    if (q.grant_type !== 'authorization_code') throw new WxError(40002);
    if (!q.js_code) throw new WxError(41008);
    const c = codes.get(q.js_code);
    if (!c) throw new WxError(40029);
    // Used beats expired: WeChat remembers a consumed code and says so.
    if (c.used) throw new WxError(40163);
    if (now() >= c.expiresAt) throw new WxError(40029);
    c.used = true;
    // A fresh session_key per login, like WeChat (it rotates on wx.login).
    const sessionKey = randomBytes(16).toString('base64');
    sessionKeys.set(c.openid, sessionKey);
    return { session_key: sessionKey, openid: c.openid, ...(c.unionid ? { unionid: c.unionid } : {}) };
  }

  function token(q: Record<string, string>): unknown {
    if (q.grant_type !== 'client_credential') throw new WxError(40002);
    checkApp(q);
    const t = now();
    for (const v of tokens.values()) if (v.supersededAt === undefined) v.supersededAt = t;
    const accessToken = `fake_at_${randomBytes(24).toString('hex')}`;
    tokens.set(accessToken, { expiresAt: t + ACCESS_TOKEN_TTL_S * 1000 });
    return { access_token: accessToken, expires_in: ACCESS_TOKEN_TTL_S };
  }

  /**
   * getwxacodeunlimit: a scene of 1–32 characters from WeChat's allowed set and a page path
   * without a leading slash; the answer is a small PNG whose text chunk carries the scene, so a
   * test can read what the code would open.
   */
  function wxacode(q: Record<string, string>, body: unknown): Buffer {
    checkToken(q);
    const b = asObject(body);
    const scene = b.scene;
    if (typeof scene !== 'string' || !scene || scene.length > 32 || !/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/.test(scene))
      throw new WxError(40169);
    if (typeof b.page !== 'string' || !b.page || b.page.startsWith('/')) throw new WxError(41030);
    wxacodes.push({ scene, page: b.page, at: now() });
    return pngWithText(`scene=${scene};page=${b.page}`);
  }

  function subscribeSend(q: Record<string, string>, body: unknown): unknown {
    checkToken(q);
    const b = asObject(body);
    if (typeof b.touser !== 'string' || !b.touser) throw new WxError(40003);
    if (typeof b.template_id !== 'string' || !b.template_id) throw new WxError(40037);
    const data = b.data;
    if (!data || typeof data !== 'object' || Object.keys(data).length === 0) throw new WxError(47003);
    for (const v of Object.values(data as Record<string, unknown>)) {
      if (!v || typeof v !== 'object' || typeof (v as { value?: unknown }).value !== 'string') throw new WxError(47003);
    }
    sentMessages.push({
      touser: b.touser,
      template_id: b.template_id,
      ...(typeof b.page === 'string' ? { page: b.page } : {}),
      data: data as Record<string, { value: string }>,
      ...(typeof b.miniprogram_state === 'string' ? { miniprogram_state: b.miniprogram_state } : {}),
      ...(typeof b.lang === 'string' ? { lang: b.lang } : {}),
      at: now(),
    });
    return { errcode: 0, errmsg: 'ok' };
  }

  function msgSecCheck(q: Record<string, string>, body: unknown): unknown {
    checkToken(q);
    const b = asObject(body);
    // Only version 2 is served: version 1 is retired and answers differently.
    if (b.version !== 2) throw new WxError(47003);
    if (typeof b.content !== 'string') throw new WxError(47003);
    if (![1, 2, 3, 4].includes(b.scene as number)) throw new WxError(47003);
    if (typeof b.openid !== 'string' || !b.openid) throw new WxError(40003);
    const traceId = rid();
    return {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest: msgSec.suggest, label: msgSec.label },
      detail: [{ strategy: 'content_model', errcode: 0, suggest: msgSec.suggest, label: msgSec.label, prob: 90 }],
      trace_id: traceId,
    };
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams);
    const raw = await readBody(req);
    let body: unknown = undefined;
    let badJson = false;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
        badJson = true;
      }
    }
    calls.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: 'secret' in query ? { ...query, secret: '***' } : query,
      body: redactBody(body),
    });

    if (opts.controlApi && url.pathname.startsWith('/__fake/')) return control(url, body, res);

    const step = script.shift();
    if (step?.kind === 'drop') {
      // A network failure as the client sees it: the connection dies without an answer.
      req.socket.destroy();
      return;
    }
    if (step?.kind === 'fail') return send(res, 200, errBody(step.errcode));

    const route = `${req.method} ${url.pathname}`;
    try {
      let answer: unknown;
      switch (route) {
        case 'GET /sns/jscode2session':
          answer = jscode2session(query);
          break;
        case 'GET /cgi-bin/token':
          answer = token(query);
          break;
        case 'POST /cgi-bin/message/subscribe/send':
          if (badJson) throw new WxError(47001);
          if (body === undefined) throw new WxError(44002);
          answer = subscribeSend(query, body);
          break;
        case 'POST /wxa/getwxacodeunlimit': {
          if (badJson) throw new WxError(47001);
          const image = wxacode(query, body);
          // Success is the image itself (WeChat sends image/jpeg); errors are JSON, as elsewhere.
          res.writeHead(200, { 'Content-Type': 'image/png' });
          res.end(image);
          return;
        }
        case 'POST /wxa/msg_sec_check':
          if (badJson) throw new WxError(47001);
          if (body === undefined) throw new WxError(44002);
          answer = msgSecCheck(query, body);
          break;
        default:
          // api.weixin.qq.com answers unknown paths with a bare 404 page, not JSON.
          res.writeHead(404, { 'Content-Type': 'text/html' });
          res.end('<html><body>404 Not Found</body></html>');
          return;
      }
      send(res, 200, answer);
    } catch (e) {
      if (e instanceof WxError) return send(res, 200, errBody(e.errcode));
      throw e;
    }
  }

  function control(url: URL, body: unknown, res: ServerResponse): void {
    const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    if (url.pathname === '/__fake/codes') {
      const openid = String(b.openid ?? url.searchParams.get('openid') ?? '');
      if (!openid) return send(res, 400, { error: 'openid required' });
      const unionid = b.unionid ?? url.searchParams.get('unionid') ?? undefined;
      return send(res, 200, { code: api.issueCode(openid, unionid ? { unionid: String(unionid) } : {}) });
    }
    if (url.pathname === '/__fake/messages') return send(res, 200, sentMessages);
    send(res, 404, { error: 'unknown control endpoint' });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const api: FakeWechat = {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    appId,
    secret,
    calls,
    sentMessages,
    wxacodes,
    issueCode(openid, o = {}) {
      // wx.login codes are 32 opaque characters.
      const code = randomBytes(16).toString('hex');
      codes.set(code, { openid, unionid: o.unionid, expiresAt: now() + CODE_TTL_MS, used: false });
      return code;
    },
    failNext(errcode, times = 1) {
      for (let i = 0; i < times; i++) script.push({ kind: 'fail', errcode });
    },
    dropNext(times = 1) {
      for (let i = 0; i < times; i++) script.push({ kind: 'drop' });
    },
    setMsgSecCheckResult(suggest, label) {
      msgSec = { suggest, label: label ?? (suggest === 'pass' ? 100 : 20001) };
    },
    revokeAccessTokens() {
      tokens.clear();
    },
    sessionKeyOf(openid) {
      return sessionKeys.get(openid);
    },
    reset() {
      calls.length = 0;
      sentMessages.length = 0;
      script = [];
      msgSec = { suggest: 'pass', label: 100 };
    },
    close() {
      return new Promise<void>((resolve) => {
        // Keep-alive sockets from fetch would hold close() open; end them.
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      });
    },
  };
  return api;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  // WeChat labels JSON answers text/plain on some endpoints; clients must not rely on the type.
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function asObject(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new WxError(47001);
  return body as Record<string, unknown>;
}

/** The stable_token POST carries the secret in its body; keep it out of the record too. */
function redactBody(body: unknown): unknown {
  if (body && typeof body === 'object' && !Array.isArray(body) && 'secret' in body) {
    return { ...(body as Record<string, unknown>), secret: '***' };
  }
  return body;
}

/** A valid 1×1 PNG with a tEXt chunk holding `text` (what a drawn 小程序码 would open). */
function pngWithText(text: string): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  // One grey pixel: filter byte 0 + value, deflated (zlib stored block).
  const idat = Buffer.from([0x78, 0x01, 0x01, 0x02, 0x00, 0xfd, 0xff, 0x00, 0x80, 0x00, 0x82, 0x00, 0x81]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from(`Comment\0${text}`, 'latin1')),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
