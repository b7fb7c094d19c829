/**
 * Sign-in: WeChat (code → openid, bound or bind ticket), binding to a roster entry, console
 * password sign-in, and demo sign-in. session_key is kept only here, encrypted.
 */
import type { DataSource } from 'typeorm';
import {
  maskPhone,
  type AuthOptionsResponse,
  type BindRequired,
  type DevLoginResponse,
  type MeResponse,
  type SignedIn,
} from '@djzy/shared';
import { auditNow, writeAudit, type AuditContext } from '../audit';
import { DUMMY_PASSWORD_HASH, randomToken, safeEqual, verifyPassword, type FieldCipher } from '../../core/crypto';
import { systemClock } from '../../core/clock';
import { AppError } from '../../core/errors';
import type { Principal } from '../../core/principal';
import type { RateLimiter } from '../../core/rate-limit';
import type { TokenService } from '../../core/tokens';
import type { MemberDirectory } from '../member';
import { branchOf, type OrgService } from '../org';
import { AuthRepository, type DemoMemberKind } from './auth.repository';
import type { PrincipalLoader } from './principal.loader';

/** What the auth service needs from the WeChat client module. */
export interface WechatSessionApi {
  code2Session(code: string): Promise<{ openid: string; unionid?: string; sessionKey: string }>;
}

export const BIND_TICKET_TTL_MS = 10 * 60_000;
export const BIND_MAX_ATTEMPTS = 5;
const ADMIN_FAILURES_PER_15_MIN = 10;
/** How long a username stays locked after that many failures (the window they are counted in). */
const ADMIN_LOCK_MS = 15 * 60_000;

export class AuthService {
  private readonly repo: AuthRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly cipher: FieldCipher,
    private readonly tokens: TokenService,
    private readonly wechat: WechatSessionApi,
    private readonly loader: PrincipalLoader,
    private readonly orgs: OrgService,
    private readonly members: MemberDirectory,
    private readonly limiter: RateLimiter,
    private readonly opts: { demoMode: boolean; now?: () => Date },
  ) {
    this.repo = new AuthRepository(ds);
  }

  private now(): Date {
    return (this.opts.now ?? systemClock)();
  }

  /** `POST /auth/wechat`. WeChat's errors arrive as AppErrors from the client module. */
  async wechatLogin(code: string, audit: AuditContext): Promise<SignedIn | BindRequired> {
    const session = await this.wechat.code2Session(code);
    const binding = await this.members.bindingByOpenid(session.openid);
    if (binding) {
      await this.members.touchBinding(binding.id, {
        sessionKeyEnc: this.cipher.encrypt(session.sessionKey),
        lastLoginAt: this.now(),
        unionid: session.unionid ?? binding.unionid,
      });
      return this.signInMember(binding.memberId);
    }
    const ticket = randomToken(24);
    await this.repo.insertBindTicket({
      id: this.cipher.blindIndex(ticket)!,
      openid: session.openid,
      unionid: session.unionid ?? null,
      sessionKeyEnc: this.cipher.encrypt(session.sessionKey),
      failedAttempts: 0,
      expiresAt: new Date(this.now().getTime() + BIND_TICKET_TTL_MS),
      usedAt: null,
      createdAt: this.now(),
    });
    void audit;
    return { bindRequired: true, bindTicket: ticket };
  }

  /**
   * `POST /auth/bind`. Each try first takes one of the ticket's five attempts with a conditional
   * update, so parallel guesses cannot exceed the limit; a match ends the ticket.
   */
  async bind(input: { bindTicket: string; name: string; idCardLast6: string }, audit: AuditContext): Promise<SignedIn> {
    const id = this.cipher.blindIndex(input.bindTicket)!;
    const ticket = await this.repo.liveBindTicket(id, this.now());
    if (!ticket) throw new AppError('BIND_TICKET_INVALID');
    if (!(await this.repo.takeBindAttempt(id, BIND_MAX_ATTEMPTS))) throw new AppError('BIND_TOO_MANY_ATTEMPTS');

    const candidates = await this.members.byNameForBinding(input.name);
    const match = candidates.find((m) => {
      const id = this.cipher.decrypt(m.idCardEnc) ?? '';
      return safeEqual(id.slice(-6).toUpperCase(), input.idCardLast6);
    });
    if (!match) {
      const left = BIND_MAX_ATTEMPTS - ticket.failedAttempts - 1;
      throw new AppError(
        'BIND_MISMATCH',
        { attemptsLeft: Math.max(0, left) },
        left > 0 ? `姓名或身份证号后六位与党员名册不一致，还可尝试 ${left} 次` : undefined,
      );
    }
    await this.ds.transaction(async (em) => {
      if (await this.members.isBound(match.id, em)) throw new AppError('ALREADY_BOUND');
      if (!(await this.repo.useBindTicket(em, id, this.now()))) throw new AppError('BIND_TICKET_INVALID');
      await this.members.insertBinding(em, {
        openid: ticket.openid,
        unionid: ticket.unionid,
        memberId: match.id,
        sessionKeyEnc: ticket.sessionKeyEnc,
        boundAt: this.now(),
        lastLoginAt: this.now(),
      });
      await writeAudit(em, { kind: 'member', id: match.id } as Principal, 'auth.bind', { type: 'member', id: match.id }, null, audit);
    });
    return this.signInMember(match.id);
  }

  /** `POST /auth/admin`: the same answer whether the user is unknown or the password wrong. */
  async adminLogin(
    username: string,
    password: string,
    audit: AuditContext,
  ): Promise<{ token: string; expiresIn: number; user: MeResponse }> {
    const key = `admin-fail:${username.toLowerCase()}`;
    // A locked username is not even tried — whichever address asks, for the lock's duration —
    // so a guess spread over many addresses cannot go on past the limit.
    await this.limiter.assertOpen(key, ADMIN_FAILURES_PER_15_MIN, ADMIN_LOCK_MS).catch((e: unknown) => {
      throw e instanceof AppError ? new AppError('ACCOUNT_LOCKED', e.details, undefined, e.headers) : e;
    });
    const user = await this.repo.userByUsername(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!user || !ok) {
      // Failures per username are limited too, so a slow distributed guess is stopped as well.
      await auditNow(this.ds, null, 'auth.admin_login_failed', null, { username: username.slice(0, 64) }, audit);
      await this.limiter.hit(key, ADMIN_FAILURES_PER_15_MIN, ADMIN_LOCK_MS).catch((e: unknown) => {
        throw e instanceof AppError ? new AppError('ACCOUNT_LOCKED', e.details, undefined, e.headers) : e;
      });
      throw new AppError('BAD_CREDENTIALS');
    }
    if (user.disabled) throw new AppError('ACCOUNT_DISABLED');
    await this.limiter.reset(key);
    const { token, expiresIn } = this.tokens.issue({ kind: 'user', id: user.id });
    await auditNow(this.ds, { kind: 'user', id: user.id } as Principal, 'auth.admin_login', { type: 'user', id: user.id }, null, audit);
    return { token, expiresIn, user: await this.me(await this.loader.load({ kind: 'user', id: user.id })) };
  }

  /** `POST /auth/dev`: demo mode only (the route answers 404 otherwise). */
  async devLogin(input: { memberId?: string; username?: string }): Promise<DevLoginResponse> {
    if (!this.opts.demoMode) throw new AppError('ROUTE_NOT_FOUND');
    if (input.memberId) {
      const signed = await this.signInMember(input.memberId);
      return { token: signed.token, expiresIn: signed.expiresIn, member: signed.member };
    }
    if (input.username) {
      const user = await this.repo.userByUsername(input.username);
      if (!user || user.disabled) throw new AppError('NOT_FOUND');
      const { token, expiresIn } = this.tokens.issue({ kind: 'user', id: user.id });
      return { token, expiresIn, user: await this.me(await this.loader.load({ kind: 'user', id: user.id })) };
    }
    throw new AppError('VALIDATION_FAILED', [{ field: 'memberId', message: '请提供 memberId 或 username' }]);
  }

  private async signInMember(memberId: string): Promise<SignedIn> {
    if (!(await this.members.find(memberId))) throw new AppError('NOT_FOUND');
    const { token, expiresIn } = this.tokens.issue({ kind: 'member', id: memberId });
    return { token, expiresIn, member: await this.me(await this.loader.load({ kind: 'member', id: memberId })) };
  }

  /** `GET /me`. */
  async me(p: Principal): Promise<MeResponse> {
    const member = await this.members.find(p.memberId);
    const orgId = member?.orgId ?? p.grants[0]?.orgId ?? null;
    const orgs = await this.orgs.withAncestors(orgId ? [orgId] : []);
    const org = orgId ? orgs.get(orgId) : undefined;
    const branch = branchOf(org, orgs);
    return {
      id: p.id,
      kind: p.kind,
      name: p.name,
      username: p.username ?? undefined,
      memberId: p.memberId,
      roles: p.grants.map((g) => ({ role: g.role, orgId: g.orgId, orgName: g.orgName })),
      orgId,
      orgName: org?.name ?? null,
      branchId: branch?.id ?? null,
      branchName: branch?.name ?? null,
      isMobile: !!member?.isMobile,
      phone: maskPhone(this.cipher.decrypt(member ? await this.members.phoneEnc(member.id) : null)),
      demo: this.opts.demoMode,
    };
  }

  /**
   * `GET /auth/options`: in demo mode, accounts to try on the sign-in screens — the console
   * users, and members in each typical situation (a branch secretary, a contact cadre, a
   * mobile member, an ordinary member).
   */
  async options(): Promise<AuthOptionsResponse> {
    if (!this.opts.demoMode) return { demoMode: false };
    const accounts: NonNullable<AuthOptionsResponse['demoAccounts']> = [];
    const users = await this.repo.firstUsers(6);
    for (const u of users) accounts.push({ username: u.username, label: `${u.name}（控制台账号 ${u.username}）` });
    const pick = async (label: string, kind: DemoMemberKind) => {
      const m = await this.repo.firstDemoMember(this.members, kind);
      if (m && !accounts.some((a) => a.memberId === m.id)) accounts.push({ memberId: m.id, label: `${m.name}（${m.orgName}·${label}）` });
    };
    await pick('支部书记', { role: 'branch_secretary' });
    await pick('联系干部', { role: 'contact_cadre' });
    await pick('流动党员', 'mobile');
    // Neither away nor ever holding a role.
    await pick('普通党员', 'plain');
    return { demoMode: true, demoAccounts: accounts };
  }
}
