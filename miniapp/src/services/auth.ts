import type {
  AuthOptionsResponse,
  BindRequest,
  BindResponse,
  DevLoginRequest,
  DevLoginResponse,
  WechatLoginRequest,
  WechatLoginResponse,
} from '@djzy/shared';
import { request, type RequestOptions } from './request';

/** `POST /auth/wechat`: exchanges a `wx.login` code for a session or a bind ticket. */
export function wechatLogin(code: string): Promise<WechatLoginResponse> {
  return request<WechatLoginResponse, WechatLoginRequest>('POST', '/auth/wechat', { code });
}

/** `POST /auth/bind`: ties the WeChat account to a roster entry. */
export function bindMember(body: BindRequest, options?: RequestOptions): Promise<BindResponse> {
  return request<BindResponse, BindRequest>('POST', '/auth/bind', body, options);
}

/** `POST /auth/dev` (demo mode only). */
export function devLogin(body: DevLoginRequest): Promise<DevLoginResponse> {
  return request<DevLoginResponse, DevLoginRequest>('POST', '/auth/dev', body);
}

/** `GET /auth/options`: whether demo sign-in is offered, and as whom. */
export function getAuthOptions(options?: RequestOptions): Promise<AuthOptionsResponse> {
  return request<AuthOptionsResponse>('GET', '/auth/options', undefined, options);
}
