/**
 * The one module through which the server talks to WeChat (api.weixin.qq.com, or the fake in
 * tests via WECHAT_API_BASE). It owns the transport rules — timeouts, bounded retries, the
 * access_token cache — and turns WeChat's errcodes into our catalogue codes, so callers only ever
 * see a `WechatError` carrying `WECHAT_*` codes. No Koa here: services call it with plain values.
 *
 * Secrets: WeChat wants the app secret in the query string and hands back a session_key. Neither
 * may reach a log line or an error message, so errors carry the endpoint path (never the URL),
 * WeChat's errmsg is scrubbed, and the low-level fetch error is not attached as `cause` (Node's
 * "Failed to parse URL from …" would quote the URL with the secret in it).
 */
import type { ErrorCode } from '@djzy/shared';
import { AppError } from '../core/errors';

export interface WechatConfig {
  appId: string;
  secret: string;
  /** Default https://api.weixin.qq.com; a fake's base URL in tests. */
  apiBase: string;
  /** Per attempt, covering connect and the whole answer. Default 5000. */
  timeoutMs?: number;
  /** Extra attempts after a transient failure (-1, network, timeout). Default 2. */
  maxRetries?: number;
  /** First backoff; doubles with each retry. Default 200. */
  retryDelayMs?: number;
}

/** The catalogue codes a WeChat failure can become. */
export type WechatErrorCode = Extract<
  ErrorCode,
  'WECHAT_CODE_INVALID' | 'WECHAT_UNAVAILABLE' | 'WECHAT_RATE_LIMITED' | 'WECHAT_USER_BLOCKED'
>;

/** Errcodes meaning "the access_token you used is no longer good": fetch a new one once. */
const STALE_TOKEN_ERRCODES = new Set([40001, 40014, 42001]);

/** Refresh the cached access_token this long before WeChat says it expires. */
const TOKEN_REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** Maps a WeChat errcode to our catalogue code (anything unrecognised means "WeChat failed us"). */
export function mapErrcode(errcode: number): WechatErrorCode {
  switch (errcode) {
    case 40029: // invalid code: unknown or expired (a code lives 5 minutes)
    case 40163: // code been used: codes are single-use
      return 'WECHAT_CODE_INVALID';
    case 45011: // api minute-quota reached
      return 'WECHAT_RATE_LIMITED';
    case 40226: // code blocked: WeChat's risk control refuses this user's login
      return 'WECHAT_USER_BLOCKED';
    default:
      return 'WECHAT_UNAVAILABLE';
  }
}

/**
 * A failed WeChat call. `code` is our catalogue code (so the error middleware answers it like any
 * domain error); `errcode`/`errmsg` are WeChat's, kept for logs — absent for network failures.
 * The message is the catalogue's Chinese text, safe to show and free of secrets.
 */
export class WechatError extends AppError {
  override readonly code: WechatErrorCode;
  constructor(
    code: WechatErrorCode,
    /** WeChat's errcode; undefined when WeChat never answered (network, timeout, bad answer). */
    readonly errcode: number | undefined,
    /** WeChat's errmsg or our description of the transport failure, scrubbed of secrets. */
    readonly errmsg: string,
    /** The endpoint path, e.g. `/sns/jscode2session` — never the URL with its query. */
    readonly endpoint: string,
  ) {
    // 45011 means "retry next minute", so tell the client when.
    super(code, undefined, undefined, code === 'WECHAT_RATE_LIMITED' ? { 'Retry-After': '60' } : undefined);
    this.code = code;
    this.name = 'WechatError';
  }
}

/** What jscode2session yields. `sessionKey` must be stored encrypted and never logged or sent on. */
export interface WechatSession {
  openid: string;
  unionid?: string;
  sessionKey: string;
}

export interface SubscribeMessageInput {
  toUser: string;
  templateId: string;
  /** Mini-program page opened from the message, e.g. `pages/activity/index?id=…`. */
  page?: string;
  data: Record<string, { value: string }>;
}

/** `getwxacodeunlimit`: a 小程序码 whose scan opens `page` with `scene` (≤ 32 visible characters). */
export interface UnlimitedQrCodeInput {
  scene: string;
  /** A page of the published mini-program, without a leading slash (`pages/checkin/index`). */
  page: string;
  width?: number;
  /** Which version opens: the released one by default; `trial`/`develop` while testing. */
  envVersion?: 'release' | 'trial' | 'develop';
}

export interface MsgSecCheckInput {
  openid: string;
  content: string;
  /** WeChat's scene: 1 profile, 2 comment, 3 forum, 4 social log. Default 2. */
  scene?: 1 | 2 | 3 | 4;
}

export interface MsgSecCheckResult {
  suggest: 'pass' | 'review' | 'risky';
  /** WeChat's label: 100 normal, 20001 political, 20002 porn, 20006 crime, … */
  label?: number;
}

type WechatAnswer = Record<string | symbol, unknown> & { errcode?: number; errmsg?: string };
/** Where a binary answer (an image) is kept in a WechatAnswer. */
const IMAGE = Symbol('image');

type FetchLike = typeof fetch;

/** Thrown inside one attempt when the failure is worth another try. */
class Transient extends Error {
  constructor(readonly last: WechatError) {
    super(last.errmsg);
  }
}

/** The server's WeChat client: login, access_token, subscribe messages and content checks. */
export class WechatClient {
  // Private fields keep the secret out of console.log / util.inspect / JSON of the client.
  readonly #config: Required<WechatConfig>;
  readonly #fetch: FetchLike;
  readonly #now: () => number;
  #token: { value: string; refreshAt: number } | undefined;
  #tokenInFlight: Promise<string> | undefined;

  /** `now` is the clock the token cache runs on; tests pass a fake one. */
  constructor(config: WechatConfig, fetchImpl: FetchLike = fetch, now: () => number = Date.now) {
    this.#config = {
      appId: config.appId,
      secret: config.secret,
      apiBase: (config.apiBase || 'https://api.weixin.qq.com').replace(/\/+$/, ''),
      timeoutMs: config.timeoutMs ?? 5000,
      maxRetries: config.maxRetries ?? 2,
      retryDelayMs: config.retryDelayMs ?? 200,
    };
    this.#fetch = fetchImpl;
    this.#now = now;
  }

  /** Exchanges a wx.login code for the user's openid (and unionid, session_key). */
  async code2Session(code: string): Promise<WechatSession> {
    const endpoint = '/sns/jscode2session';
    const answer = await this.#call('GET', endpoint, {
      appid: this.#config.appId,
      secret: this.#config.secret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    const { openid, session_key: sessionKey, unionid } = answer;
    if (typeof openid !== 'string' || !openid || typeof sessionKey !== 'string' || !sessionKey) {
      throw new WechatError('WECHAT_UNAVAILABLE', undefined, 'jscode2session answer lacks openid or session_key', endpoint);
    }
    return { openid, sessionKey, ...(typeof unionid === 'string' && unionid ? { unionid } : {}) };
  }

  /** The app's access_token, from memory until 5 minutes before it expires. */
  async getAccessToken(): Promise<string> {
    if (this.#token && this.#now() < this.#token.refreshAt) return this.#token.value;
    // One fetch for concurrent callers: each /cgi-bin/token call supersedes the previous token.
    this.#tokenInFlight ??= this.#fetchToken().finally(() => {
      this.#tokenInFlight = undefined;
    });
    return this.#tokenInFlight;
  }

  /** Sends a subscribe message; the user must have accepted the template in the mini-program. */
  async sendSubscribeMessage(input: SubscribeMessageInput): Promise<void> {
    await this.#callWithToken('/cgi-bin/message/subscribe/send', {
      touser: input.toUser,
      template_id: input.templateId,
      ...(input.page ? { page: input.page } : {}),
      data: input.data,
      lang: 'zh_CN',
    });
  }

  /**
   * A 小程序码 for `scene` (WeChat's `getwxacodeunlimit`): the image bytes on success (JPEG or PNG
   * as WeChat sends them), a WechatError with WeChat's errcode otherwise (41030 unknown page,
   * 45009 over the minute quota …). `check_path: false` so an unreleased page can be drawn too.
   */
  async getUnlimitedQrCode(input: UnlimitedQrCodeInput): Promise<{ contentType: string; data: Buffer }> {
    const body = {
      scene: input.scene,
      page: input.page,
      width: input.width ?? 430,
      check_path: false,
      env_version: input.envVersion ?? 'release',
    };
    const answer = await this.#callWithToken('/wxa/getwxacodeunlimit', body, true);
    const image = answer[IMAGE] as { contentType: string; data: Buffer } | undefined;
    if (!image) throw new WechatError('WECHAT_UNAVAILABLE', undefined, 'getwxacodeunlimit answered no image', '/wxa/getwxacodeunlimit');
    return image;
  }

  /** Asks WeChat (msg_sec_check v2) whether user-written text may be published. */
  async msgSecCheck(input: MsgSecCheckInput): Promise<MsgSecCheckResult> {
    const endpoint = '/wxa/msg_sec_check';
    const answer = await this.#callWithToken(endpoint, {
      content: input.content,
      version: 2,
      scene: input.scene ?? 2,
      openid: input.openid,
    });
    const result = answer.result as { suggest?: unknown; label?: unknown } | undefined;
    const suggest = result?.suggest;
    if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') {
      throw new WechatError('WECHAT_UNAVAILABLE', undefined, 'msg_sec_check answer lacks result.suggest', endpoint);
    }
    const label = Number(result?.label);
    return { suggest, ...(Number.isFinite(label) && result?.label !== undefined ? { label } : {}) };
  }

  async #fetchToken(): Promise<string> {
    const endpoint = '/cgi-bin/token';
    const asked = this.#now();
    const answer = await this.#call('GET', endpoint, {
      grant_type: 'client_credential',
      appid: this.#config.appId,
      secret: this.#config.secret,
    });
    const { access_token: value, expires_in: expiresIn } = answer;
    if (typeof value !== 'string' || !value || typeof expiresIn !== 'number') {
      throw new WechatError('WECHAT_UNAVAILABLE', undefined, 'token answer lacks access_token', endpoint);
    }
    // Counted from when we asked, so network delay errs on the early side.
    this.#token = { value, refreshAt: asked + Math.max(0, expiresIn * 1000 - TOKEN_REFRESH_MARGIN_MS) };
    return value;
  }

  /** A POST with the access_token; a stale token (40001/42001) is replaced once and the call redone. */
  async #callWithToken(endpoint: string, body: unknown, binary = false): Promise<WechatAnswer> {
    const token = await this.getAccessToken();
    try {
      return await this.#call('POST', endpoint, { access_token: token }, body, binary);
    } catch (e) {
      if (!(e instanceof WechatError) || e.errcode === undefined || !STALE_TOKEN_ERRCODES.has(e.errcode)) throw e;
      // Drop it only if nobody has replaced it meanwhile.
      if (this.#token?.value === token) this.#token = undefined;
      const fresh = await this.getAccessToken();
      return this.#call('POST', endpoint, { access_token: fresh }, body, binary);
    }
  }

  /** One logical call: up to 1 + maxRetries attempts while the failure is transient. */
  async #call(
    method: 'GET' | 'POST',
    endpoint: string,
    query: Record<string, string>,
    body?: unknown,
    binary = false,
  ): Promise<WechatAnswer> {
    const { maxRetries, retryDelayMs } = this.#config;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#attempt(method, endpoint, query, body, binary);
      } catch (e) {
        if (!(e instanceof Transient)) throw e;
        if (attempt >= maxRetries) throw e.last;
        await sleep(retryDelayMs * 2 ** attempt);
      }
    }
  }

  async #attempt(
    method: 'GET' | 'POST',
    endpoint: string,
    query: Record<string, string>,
    body?: unknown,
    binary = false,
  ): Promise<WechatAnswer> {
    const url = `${this.#config.apiBase}${endpoint}?${new URLSearchParams(query).toString()}`;
    let status: number;
    let text: string;
    try {
      const res = await this.#fetch(url, {
        method,
        headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.#config.timeoutMs),
      });
      status = res.status;
      // Image endpoints answer the image itself on success and JSON only for an error.
      const type = res.headers.get('content-type') ?? '';
      if (binary && status === 200 && type.startsWith('image/')) {
        return { [IMAGE]: { contentType: type.split(';')[0], data: Buffer.from(await res.arrayBuffer()) } } as WechatAnswer;
      }
      text = await res.text();
    } catch (e) {
      throw new Transient(new WechatError('WECHAT_UNAVAILABLE', undefined, describeTransportError(e), endpoint));
    }

    // WeChat labels its JSON text/plain on some endpoints, so parse whatever came.
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      answer = undefined;
    }
    if (status >= 500 || !answer || typeof answer !== 'object' || Array.isArray(answer)) {
      throw new WechatError('WECHAT_UNAVAILABLE', undefined, `unexpected answer: HTTP ${status}, not a JSON object`, endpoint);
    }
    const a = answer as WechatAnswer;
    const errcode = typeof a.errcode === 'number' ? a.errcode : Number(a.errcode ?? 0);
    if (!errcode) return a;
    const err = new WechatError(mapErrcode(errcode), errcode, this.#scrub(String(a.errmsg ?? '')), endpoint);
    // -1 is WeChat's "system busy, try again later".
    if (errcode === -1) throw new Transient(err);
    throw err;
  }

  /** WeChat echoes little, but never let the secret through if it ever does. */
  #scrub(text: string): string {
    const { secret } = this.#config;
    return secret ? text.split(secret).join('***') : text;
  }
}

/**
 * A transport failure in words without the URL: the abort reason or the socket error's code.
 * Duck-typed, not `instanceof Error`: fetch's errors may come from another realm (jest's vm).
 */
function describeTransportError(e: unknown): string {
  const err = (e && typeof e === 'object' ? e : {}) as { name?: unknown; cause?: unknown };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'timeout';
  const cause = (err.cause && typeof err.cause === 'object' ? err.cause : {}) as { code?: unknown; name?: unknown };
  if (cause.name === 'TimeoutError') return 'timeout';
  // Only a short identifier such as ECONNREFUSED or UND_ERR_SOCKET, never free text.
  return typeof cause.code === 'string' && /^[A-Z_]{2,40}$/.test(cause.code) ? `network error: ${cause.code}` : 'network error';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
