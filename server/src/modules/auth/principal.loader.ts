/** Loads the caller behind a token: their member record, console account and live role grants. */
import type { DataSource } from 'typeorm';
import { AppError } from '../../core/errors';
import type { Grant, Principal } from '../../core/principal';
import type { TokenSubject } from '../../core/tokens';
import type { MemberDirectory } from '../member';
import { AuthRepository } from './auth.repository';

/** Member look-ups running at once (each one query for every caller waiting). */
const MAX_MEMBER_BATCHES = 2;

export class PrincipalLoader {
  private readonly cache = new Map<string, { p: Principal; until: number }>();
  private readonly repo: AuthRepository;

  /**
   * `cacheMs` keeps a loaded caller for a few seconds: a check-in burst then costs no roster
   * queries per request. A role granted or ended takes at most that long to apply.
   */
  constructor(
    ds: DataSource,
    private readonly members: MemberDirectory,
    private readonly cacheMs = 0,
  ) {
    this.repo = new AuthRepository(ds);
  }

  async load(sub: TokenSubject): Promise<Principal> {
    if (!this.cacheMs) return this.fetch(sub);
    const key = `${sub.kind}:${sub.id}`;
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.p;
    const p = await this.fetch(sub);
    if (this.cache.size > 20_000) this.cache.clear();
    this.cache.set(key, { p, until: now + this.cacheMs });
    return p;
  }

  /**
   * Drops the cached callers a grant change concerns: the member or console user `id`, and any
   * console user linked to that member (their grants include the member's). Called through the
   * bus (topic `principal`) in every process.
   */
  forget(id: string): void {
    for (const [key, hit] of this.cache) if (key.endsWith(`:${id}`) || hit.p.memberId === id) this.cache.delete(key);
  }

  /**
   * Members (the mini-program's every request; a whole township at a check-in burst): the member,
   * their org and their live grants in one query — for all the members asking in the same turn
   * of the event loop together, so a burst costs one round trip per turn, not one per request.
   * At most `MAX_MEMBER_BATCHES` such queries run at once: while they do, the callers arriving
   * gather into the next batch (a cold burst of a township then costs a handful of queries and
   * pool connections, not one per turn).
   */
  private waiting = new Map<string, { resolve: (p: Principal) => void; reject: (e: unknown) => void }[]>();
  private fetchMember(id: string): Promise<Principal> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(id);
      if (list) list.push({ resolve, reject });
      else this.waiting.set(id, [{ resolve, reject }]);
      this.schedule();
    });
  }
  private scheduled = false;
  private inFlight = 0;

  private schedule() {
    if (this.scheduled || this.inFlight >= MAX_MEMBER_BATCHES || !this.waiting.size) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.inFlight >= MAX_MEMBER_BATCHES) return;
      this.inFlight++;
      void this.loadWaiting().finally(() => {
        this.inFlight--;
        this.schedule();
      });
    });
  }

  private async loadWaiting() {
    const batch = this.waiting;
    this.waiting = new Map();
    if (!batch.size) return;
    const ids = [...batch.keys()];
    try {
      const rows = await this.repo.membersWithLiveGrants(ids);
      for (const id of ids) {
        const own = rows.filter((r) => r.id === id);
        const waiters = batch.get(id)!;
        if (!own.length) {
          waiters.forEach((w) => w.reject(new AppError('UNAUTHORIZED')));
          continue;
        }
        const grants = own
          .filter((r) => r.role && r.gOrgId && r.gOrgPath)
          .map((r): Grant => ({ role: r.role!, orgId: r.gOrgId!, orgName: r.gOrgName ?? '', orgPath: r.gOrgPath! }));
        const first = own[0];
        const p: Principal = {
          kind: 'member',
          id,
          name: first.name,
          username: null,
          memberId: id,
          userId: null,
          orgId: first.orgId,
          orgPath: first.orgPath ?? null,
          memberStatus: first.status,
          memberMobile: !!Number(first.isMobile),
          memberTransferSince: first.transferSince ?? null,
          memberOrgSince: first.orgSince ?? null,
          grants,
        };
        waiters.forEach((w) => w.resolve(p));
      }
    } catch (e) {
      for (const waiters of batch.values()) waiters.forEach((w) => w.reject(e));
    }
  }

  private async fetch(sub: TokenSubject): Promise<Principal> {
    if (sub.kind === 'member') return this.fetchMember(sub.id);
    // A console account, perhaps linked to a member.
    const user = await this.repo.userById(sub.id);
    if (!user || user.disabled) throw new AppError('UNAUTHORIZED');
    const memberId = user.memberId;
    const found = await this.members.findWithOrg(memberId);
    const member = found?.member ?? null;
    const memberOrg = found?.org ?? null;

    const grants = (await this.repo.liveGrantsOfUser(user.id, memberId)).map((g): Grant => ({
      role: g.role,
      orgId: g.orgId,
      orgName: g.orgName,
      orgPath: g.orgPath,
    }));
    return {
      kind: sub.kind,
      id: sub.id,
      name: user.name,
      username: user.username,
      memberId: member?.id ?? null,
      userId: user.id,
      orgId: member?.orgId ?? null,
      orgPath: memberOrg?.path ?? null,
      memberStatus: member?.status ?? null,
      memberMobile: !!member?.isMobile,
      memberTransferSince: member?.transferSince ?? null,
      memberOrgSince: member?.orgSince ?? null,
      grants,
    };
  }
}
