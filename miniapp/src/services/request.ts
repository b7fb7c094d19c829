/**
 * The one request wrapper: base URL, bearer token, error bodies, network failures and the 401
 * redirect. It knows nothing about particular endpoints (those live in the other services).
 */
import Taro from '@tarojs/taro';
import { API_BASE_PATH, ApiError } from '@djzy/shared';
import { PUBLIC_ROUTES, ROUTES } from '../routes';
import { clearToken, getToken } from './session';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The message shown when the request never reached the server or got no answer. */
export const NETWORK_ERROR_MESSAGE = '网络不给力，请检查网络后重试';

/** The API base: a full URL for the mini-program, the same origin for the H5 build. */
export const API_BASE: string =
  (process.env.TARO_ENV === 'h5' ? process.env.TARO_APP_API_BASE_H5 : process.env.TARO_APP_API_BASE) || API_BASE_PATH;

export interface RequestOptions {
  /** Do not show the error toast (the caller shows the error itself or ignores it). */
  silent?: boolean;
  /** Extra headers (e.g. `Idempotency-Key`). */
  headers?: Record<string, string>;
  /**
   * The request may be sent twice without harm (a check-in: the server answers a repeat with the
   * first one). GET, PUT, DELETE and requests with an Idempotency-Key are so already.
   */
  idempotent?: boolean;
  /** Send no sign-in at all (a 述职评议 ballot: the voter must stay unknown to the server). */
  anonymous?: boolean;
}

/** A 503 (the service briefly unavailable) is retried once for idempotent requests, after this long at most. */
const RETRY_AFTER_MAX_MS = 3000;

function retryable(method: HttpMethod, options: RequestOptions): boolean {
  return method === 'GET' || method === 'PUT' || method === 'DELETE' || !!options.idempotent || !!options.headers?.['Idempotency-Key'];
}

function toast(message: string): void {
  Taro.showToast({ title: message, icon: 'none', duration: 2500 }).catch(() => undefined);
}

function currentRoute(): string {
  const pages = Taro.getCurrentPages();
  const top = pages[pages.length - 1] as { route?: string } | undefined;
  return top?.route ? `/${top.route.replace(/^\//, '')}` : '';
}

/**
 * Calls `method path` on the API with an optional JSON body (a GET's body becomes the query)
 * and resolves with the typed answer; rejects with the shared ApiError (`@djzy/shared`) after
 * showing its Chinese message.
 */
export async function request<TRes, TBody = unknown>(
  method: HttpMethod,
  path: string,
  body?: TBody,
  options: RequestOptions = {},
  attempt = 0,
): Promise<TRes> {
  const token = options.anonymous ? null : getToken();
  const header: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) header.Authorization = `Bearer ${token}`;
  if (options.headers) Object.assign(header, options.headers);

  let res: Taro.request.SuccessCallbackResult<TaroGeneral.IAnyObject | string>;
  try {
    res = await Taro.request<TaroGeneral.IAnyObject | string>({
      url: `${API_BASE}${path}`,
      method,
      data: body as TaroGeneral.IAnyObject | undefined,
      header,
      dataType: 'json',
      timeout: 15000,
    });
  } catch {
    const err = ApiError.network(NETWORK_ERROR_MESSAGE);
    if (!options.silent) toast(err.message);
    throw err;
  }

  const status = res.statusCode;
  if (status >= 200 && status < 300) return res.data as TRes;

  const err = ApiError.fromResponse(status, res.data);

  if (status === 503 && attempt === 0 && retryable(method, options)) {
    // 网络繁忙: the server asked to come back shortly; an idempotent request is sent once more.
    const header = (res.header ?? {}) as Record<string, string>;
    const after = Number(header['Retry-After'] ?? header['retry-after'] ?? 1);
    await new Promise((r) => setTimeout(r, Math.min(Number.isFinite(after) && after > 0 ? after * 1000 : 1000, RETRY_AFTER_MAX_MS)));
    return request<TRes, TBody>(method, path, body, options, attempt + 1);
  }

  if (status === 401) {
    // The token is missing, expired or revoked: forget it and start over at the sign-in page
    // (unless this is the sign-in flow itself, e.g. an invalid WeChat code).
    clearToken();
    if (!PUBLIC_ROUTES.includes(currentRoute())) {
      toast(err.message);
      Taro.reLaunch({ url: ROUTES.login }).catch(() => undefined);
      throw err;
    }
  }
  if (!options.silent) toast(err.message);
  throw err;
}
