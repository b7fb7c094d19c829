import type { Role } from './enums.js';

/** `POST /auth/wechat`: the code from `wx.login`. */
export interface WechatLoginRequest {
  code: string;
}
export interface SignedIn {
  token: string;
  /** Seconds until the token expires. */
  expiresIn: number;
  member: MeResponse;
}
export interface BindRequired {
  bindRequired: true;
  bindTicket: string;
}
export type WechatLoginResponse = SignedIn | BindRequired;

/** `POST /auth/bind`: ties the WeChat account behind the ticket to a roster entry. */
export interface BindRequest {
  bindTicket: string;
  name: string;
  idCardLast6: string;
}
export type BindResponse = SignedIn;

/** `POST /auth/admin`: console sign-in. */
export interface AdminLoginRequest {
  username: string;
  password: string;
}
export interface AdminLoginResponse {
  token: string;
  expiresIn: number;
  user: MeResponse;
}

/** `POST /auth/dev` (demo mode only): sign in as a member or a console user without WeChat. */
export interface DevLoginRequest {
  memberId?: string;
  username?: string;
}
export interface DevLoginResponse {
  token: string;
  expiresIn: number;
  member?: MeResponse;
  user?: MeResponse;
}

/** A role held on an org (valid for the org's whole subtree). */
export interface RoleGrantView {
  role: Role;
  orgId: string;
  orgName: string;
}

/** `GET /me`: the caller, a roster member (mini-program) or a console user. */
export interface MeResponse {
  id: string;
  /** `member` for a roster member, `user` for a console account. */
  kind: 'member' | 'user';
  name: string;
  /** The console account's username (users only). */
  username?: string;
  /** The member behind a console account, when it has one. */
  memberId: string | null;
  roles: RoleGrantView[];
  /** The member's own org (branch or group); for a console user, the org of their first role. */
  orgId: string | null;
  orgName: string | null;
  /** The branch the member belongs to (their org, or the group's branch). */
  branchId: string | null;
  branchName: string | null;
  isMobile: boolean;
  /** Masked phone of the member. */
  phone: string | null;
  demo: boolean;
}

/** `GET /auth/options`: what the sign-in screens may offer (demo sign-in in demo mode). */
export interface AuthOptionsResponse {
  demoMode: boolean;
  /** In demo mode: a few members and users to sign in as. */
  demoAccounts?: { memberId?: string; username?: string; label: string }[];
}
