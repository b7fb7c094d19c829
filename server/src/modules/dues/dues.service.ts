/**
 * 党费: the rules in one place. We record and reconcile; no money moves through us.
 *
 *  - Managers (admin, 支部书记, 支部委员) of the member's org or above set bases and record payments;
 *    another township is 404; a member reads only their own (`/dues/mine`).
 *  - A base per member and year: salaried / annual salary / self-employed / retired have a base in
 *    分 and the 2008 rate (upper bounds inclusive); farmers pay what the branch fixed within
 *    20..100 分; students and the like exactly 20 分; any other amount is an override with a reason.
 *    Setting it again replaces it (audited with from/to).
 *  - A payment covers months ('YYYY-MM'): each month once per member — a unique key, so two
 *    requests at once cannot both pay a month (409 DUES_MONTH_PAID naming the months); each month's
 *    year needs a base; the amount is the months' dues unless a note says why; back pay covering
 *    more than 6 months before the month paid needs a note; 代交 names who paid.
 *  - Dues never feed points, rankings or any score.
 */
import type { DataSource } from 'typeorm';
import {
  BACK_PAY_MONTHS,
  FARMER_MAX_CENTS,
  FARMER_MIN_CENTS,
  FLAT_CENTS,
  MANAGING_ROLES,
  addMonthsToMonth,
  duesMonthlyCents,
  duesRateBp,
  toIsoLocal,
  toLocalDate,
  type CreateDuesPaymentRequest,
  type DuesBaseView,
  type DuesPaymentView,
  type MemberDuesYear,
  type MyDues,
  type SetDuesBaseRequest,
  type DuesDisclosureRow,
  type DuesDisclosureView,
  type PublishDuesDisclosureRequest,
  isPartyMember,
} from '@djzy/shared';
import { systemClock, type Clock } from '../../core/clock';
import { AppError, fieldError } from '../../core/errors';
import { isDuplicateKey } from '../../core/http';
import { isIdLike, newId } from '../../core/ids';
import { covers, requireMember, scopePaths, type Principal } from '../../core/principal';
import { writeAudit, type AuditContext } from '../audit';
import { partyMemberSql, type MemberBasics, type MemberDirectory } from '../member';
import { whereInSubtrees, type Org, type OrgService } from '../org';
import type { DuesBase, DuesDisclosure, DuesMonth, DuesPayment } from './dues.entity';
import { DuesRepository } from './dues.repository';

export class DuesService {
  readonly repo: DuesRepository;

  constructor(
    private readonly ds: DataSource,
    readonly orgs: OrgService,
    readonly members: MemberDirectory,
    private readonly opts: { now?: Clock } = {},
  ) {
    this.repo = new DuesRepository(ds);
  }

  now(): Date {
    return (this.opts.now ?? systemClock)();
  }
  today(): string {
    return toLocalDate(this.now());
  }

  private async managedMember(p: Principal, memberId: string): Promise<{ member: MemberBasics; org: Org }> {
    const found = await this.members.findWithOrg(memberId);
    if (!found || !covers(p, found.org.path, MANAGING_ROLES)) throw new AppError('MEMBER_NOT_FOUND');
    return found;
  }

  // ── bases ────────────────────────────────────────────────────────────────────────────────

  /** `PUT /dues-bases`: the member's monthly dues for the year, from the category and base. */
  async setBase(p: Principal, input: SetDuesBaseRequest, audit: AuditContext): Promise<DuesBaseView> {
    const { member, org } = await this.managedMember(p, input.memberId);
    let baseCents: number | null = null;
    let rateBp: number | null = null;
    let standard: number | null = null;
    if (['employed', 'annual_salary', 'self_employed', 'retired'].includes(input.category)) {
      if (input.baseCents === undefined) throw fieldError('baseCents', '请填写党费计算基数（月收入，单位：分）');
      baseCents = input.baseCents;
      rateBp = duesRateBp(input.category, baseCents);
      standard = duesMonthlyCents(baseCents, rateBp!);
    } else if (input.category === 'farmer') {
      if (input.baseCents !== undefined) throw fieldError('baseCents', '农民党员不按收入计算党费');
      if (input.monthlyCents === undefined) throw fieldError('monthlyCents', '请填写支部确定的每月党费（0.2 至 1 元）');
      if ((input.monthlyCents < FARMER_MIN_CENTS || input.monthlyCents > FARMER_MAX_CENTS) && !input.overrideReason)
        throw fieldError('monthlyCents', '农民党员每月党费应在 0.2 元至 1 元之间');
      standard = input.overrideReason ? null : input.monthlyCents;
    } else {
      if (input.baseCents !== undefined) throw fieldError('baseCents', '该类党员不按收入计算党费');
      standard = FLAT_CENTS;
    }
    const monthlyCents = input.monthlyCents ?? standard!;
    if (standard !== null && monthlyCents !== standard && !input.overrideReason)
      throw fieldError('overrideReason', `按规定每月应交 ${(standard / 100).toFixed(2)} 元，调整金额须说明理由`);
    const prev = await this.repo.base(member.id, input.year);
    const b: DuesBase = {
      id: prev?.id ?? newId(),
      memberId: member.id,
      orgId: org.id,
      year: input.year,
      category: input.category,
      baseCents,
      rateBp,
      monthlyCents,
      overrideReason: input.overrideReason || null,
      setBy: p.id,
      setAt: this.now(),
    };
    await this.ds.transaction(async (em) => {
      await this.repo.saveBase(em, b);
      await writeAudit(
        em,
        p,
        prev ? 'dues_base.replace' : 'dues_base.set',
        { type: 'dues_base', id: b.id },
        { memberId: member.id, year: b.year, from: prev?.monthlyCents ?? null, to: monthlyCents },
        audit,
      );
    });
    return this.presentBase(b, member.name, org.name);
  }

  private presentBase(b: DuesBase, memberName: string, orgName: string): DuesBaseView {
    return {
      id: b.id,
      memberId: b.memberId,
      memberName,
      orgName,
      year: b.year,
      category: b.category,
      baseCents: b.baseCents,
      rateBp: b.rateBp,
      monthlyCents: b.monthlyCents,
      overrideReason: b.overrideReason,
      setAt: toIsoLocal(b.setAt),
    };
  }

  // ── payments ─────────────────────────────────────────────────────────────────────────────

  async createPayment(p: Principal, input: CreateDuesPaymentRequest, audit: AuditContext): Promise<DuesPaymentView> {
    const { member, org } = await this.managedMember(p, input.memberId);
    if (input.paidOn > this.today()) throw fieldError('paidOn', '交纳日期不能晚于今天');
    const months = [...new Set(input.months)].sort();
    if (months.length !== input.months.length) throw fieldError('months', '同一月份只能选一次');
    const paidMonth = input.paidOn.slice(0, 7);
    if (months[months.length - 1] > addMonthsToMonth(paidMonth, 11)) throw fieldError('months', '预交党费最多交至 12 个月内');
    if (input.method === 'proxy' && !input.proxyName) throw fieldError('proxyName', '委托代交请填写代交人姓名');
    const years = [...new Set(months.map((m) => Number(m.slice(0, 4))))];
    const bases = await this.repo.basesOf(member.id, years);
    const missing = years.filter((y) => !bases.some((b) => b.year === y));
    if (missing.length) throw new AppError('DUES_BASE_MISSING', { years: missing });
    const due = months.reduce((s, m) => s + bases.find((b) => b.year === Number(m.slice(0, 4)))!.monthlyCents, 0);
    if (input.amountCents !== due && !input.note)
      throw fieldError('note', `按标准应交 ${(due / 100).toFixed(2)} 元，金额不同时请在备注中说明`);
    const late = months.filter((m) => m < paidMonth).length;
    if (late > BACK_PAY_MONTHS && !input.note) throw fieldError('note', `补交超过 ${BACK_PAY_MONTHS} 个月的党费，请在备注中说明原因`);
    const pay: DuesPayment = {
      id: newId(),
      memberId: member.id,
      orgId: org.id,
      months: months.join(','),
      amountCents: input.amountCents,
      method: input.method,
      proxyName: input.method === 'proxy' ? input.proxyName! : null,
      paidOn: input.paidOn,
      externalTxnId: input.externalTxnId || null,
      receiptNo: input.receiptNo || null,
      note: input.note || null,
      collectedBy: p.id,
      createdAt: this.now(),
    };
    const rows: DuesMonth[] = months.map((month) => ({ id: newId(), memberId: member.id, month, paymentId: pay.id }));
    try {
      await this.ds.transaction(async (em) => {
        await this.repo.insertPayment(em, pay, rows);
        await writeAudit(
          em,
          p,
          'dues_payment.create',
          { type: 'dues_payment', id: pay.id },
          { memberId: member.id, months, amountCents: pay.amountCents, method: pay.method },
          audit,
        );
      });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const paid = (await this.repo.paidMonths([member.id], months[0], months[months.length - 1]))
        .map((m) => m.month)
        .filter((m) => months.includes(m));
      throw new AppError('DUES_MONTH_PAID', { months: paid });
    }
    return this.presentPayments([pay])[0];
  }

  async deletePayment(p: Principal, id: string, audit: AuditContext): Promise<void> {
    const pay = isIdLike(id) ? await this.repo.payment(id) : null;
    const org = pay ? await this.orgs.find(pay.orgId) : null;
    if (!pay || !org || !covers(p, org.path, MANAGING_ROLES)) throw new AppError('NOT_FOUND');
    await this.ds.transaction(async (em) => {
      if (!(await this.repo.deletePayment(em, id))) throw new AppError('NOT_FOUND');
      await writeAudit(
        em,
        p,
        'dues_payment.delete',
        { type: 'dues_payment', id },
        { memberId: pay.memberId, months: pay.months.split(','), amountCents: pay.amountCents },
        audit,
      );
    });
  }

  private presentPayments(rows: DuesPayment[], names = new Map<string, string>()): DuesPaymentView[] {
    return rows.map((x) => ({
      id: x.id,
      memberId: x.memberId,
      memberName: names.get(x.memberId) ?? '',
      months: x.months.split(','),
      amountCents: x.amountCents,
      method: x.method,
      proxyName: x.proxyName,
      paidOn: x.paidOn,
      externalTxnId: x.externalTxnId,
      receiptNo: x.receiptNo,
      note: x.note,
    }));
  }

  async payments(p: Principal, q: { orgId?: string; year: number }): Promise<DuesPaymentView[]> {
    const paths = await this.scope(p, q.orgId);
    const rows = await this.repo.paymentsIn(paths, q.year);
    return this.presentPayments(rows, await this.members.namesOf(rows.map((r) => r.memberId)));
  }

  private async scope(p: Principal, orgId: string | undefined): Promise<string[]> {
    const paths = scopePaths(p, MANAGING_ROLES);
    if (!paths.length) throw new AppError('FORBIDDEN');
    if (!orgId) return paths;
    const org = await this.orgs.find(orgId);
    if (!org || !covers(p, org.path, MANAGING_ROLES)) throw new AppError('NOT_FOUND');
    return [org.path];
  }

  // ── a year per member ────────────────────────────────────────────────────────────────────

  /** The months of `year` up to now that count as owed (none of a future year). */
  private owedMonths(year: number): string[] {
    const current = this.today().slice(0, 7);
    const out: string[] = [];
    for (let m = 1; m <= 12; m++) {
      const month = `${year}-${String(m).padStart(2, '0')}`;
      if (month <= current) out.push(month);
    }
    return out;
  }

  /** `GET /dues?orgId=&year=`: every Party member of the scope with their base and months. */
  async year(p: Principal, q: { orgId?: string; year: number }): Promise<MemberDuesYear[]> {
    const paths = await this.scope(p, q.orgId);
    const qb = this.members.query('m', 'org').select(['m.id AS id', 'm.name AS name', 'org.name AS orgName', 'm.transferSince AS leftOn']);
    whereInSubtrees(qb, 'org', paths);
    // Party members still in the count, and those whose 介绍信 was issued in this year or later
    // (the old org's ledger shows them up to the month of issue); 已出党 members leave it.
    const people = await qb
      .andWhere(...partyMemberSql('m', { on: `${q.year - 1}-12-31` }))
      .orderBy('org.path', 'ASC')
      .addOrderBy('m.name', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(5000)
      .getRawMany<{ id: string; name: string; orgName: string; leftOn: string | null }>();
    const bases = new Map((await this.repo.basesIn(paths, q.year)).map((b) => [b.memberId, b]));
    const paid = await this.repo.paidMonths(
      people.map((x) => x.id),
      `${q.year}-01`,
      `${q.year}-12`,
    );
    const payments = await this.repo.paymentsIn(paths, q.year);
    return people.map((x) =>
      this.memberYear(
        x,
        q.year,
        bases.get(x.id) ?? null,
        paid.filter((m) => m.memberId === x.id).map((m) => m.month),
        payments.filter((pp) => pp.memberId === x.id),
      ),
    );
  }

  private memberYear(
    x: { id: string; name: string; orgName: string; leftOn?: string | null },
    year: number,
    base: DuesBase | null,
    paidMonths: string[],
    payments: DuesPayment[],
  ): MemberDuesYear {
    const paid = [...paidMonths].sort();
    return {
      memberId: x.id,
      memberName: x.name,
      orgName: x.orgName,
      year,
      base: base ? this.presentBase(base, x.name, x.orgName) : null,
      paidMonths: paid,
      unpaidMonths: this.owedMonths(year).filter((m) => !paid.includes(m) && (!x.leftOn || m <= x.leftOn.slice(0, 7))),
      paidCents: payments.reduce((s, pp) => s + pp.amountCents, 0),
    };
  }

  /** `GET /dues/mine?year=`: the member's own year and payments. */
  async mine(p: Principal, year: number | undefined): Promise<MyDues> {
    const memberId = requireMember(p);
    const y = year ?? Number(this.today().slice(0, 4));
    const found = await this.members.findWithOrg(memberId);
    if (!found) throw new AppError('MEMBER_NOT_FOUND');
    const base = await this.repo.base(memberId, y);
    const paid = await this.repo.paidMonths([memberId], `${y}-01`, `${y}-12`);
    const all = await this.repo.paymentsOf(memberId);
    const ofYear = all.filter((pp) => pp.months.split(',').some((m) => m.startsWith(`${y}-`)));
    const names = new Map([[memberId, found.member.name]]);
    return {
      ...this.memberYear(
        { id: memberId, name: found.member.name, orgName: found.org.name },
        y,
        base,
        paid.map((m) => m.month),
        ofYear,
      ),
      payments: this.presentPayments(ofYear, names),
    };
  }

  // ── 党费收缴情况公开 (once a year, to the branch's members) ─────────────────────────────

  /**
   * `POST /dues-disclosures { orgId, year, note? }`: a manager of the branch publishes the year's
   * summary — every Party member's months paid and amount, a snapshot of today's records (no ID
   * numbers, no phones). Publishing again replaces it (audited with the totals before and after).
   */
  async publishDisclosure(p: Principal, input: PublishDuesDisclosureRequest, audit: AuditContext): Promise<DuesDisclosureView> {
    if (!scopePaths(p, MANAGING_ROLES).length) throw new AppError('FORBIDDEN');
    const org = await this.orgs.find(input.orgId);
    if (!org || !covers(p, org.path, MANAGING_ROLES)) throw new AppError('NOT_FOUND');
    if (org.kind !== 'branch') throw fieldError('orgId', '党费收缴情况由党支部向本支部党员公开，请选择党支部');
    if (input.year > Number(this.today().slice(0, 4))) throw fieldError('year', '不能公开未来年度的党费');
    const lines = await this.year(p, { orgId: org.id, year: input.year });
    const rows: DuesDisclosureRow[] = lines.map((l) => ({ memberName: l.memberName, paidMonths: l.paidMonths, paidCents: l.paidCents }));
    const totalCents = rows.reduce((s, r) => s + r.paidCents, 0);
    const now = this.now();
    const fields = {
      rows: JSON.stringify(rows),
      totalCents,
      note: input.note || null,
      publishedOn: this.today(),
      publishedBy: p.id,
      publishedByName: p.name,
      updatedAt: now,
    };
    const write = () =>
      this.ds.transaction(async (em) => {
        const before = await this.repo.disclosure(em, org.id, input.year);
        let d: DuesDisclosure;
        if (before) {
          await this.repo.updateDisclosure(em, before.id, fields);
          d = { ...before, ...fields };
        } else {
          d = { id: newId(), orgId: org.id, year: input.year, ...fields, createdAt: now };
          await this.repo.insertDisclosure(em, d);
        }
        await writeAudit(
          em,
          p,
          before ? 'dues_disclosure.replace' : 'dues_disclosure.publish',
          { type: 'dues_disclosure', id: d.id },
          { year: input.year, from: before?.totalCents ?? null, to: totalCents },
          audit,
        );
        return d;
      });
    // Two publishes at once: the unique (orgId, year) lets one insert; the other replaces it.
    const d = await write().catch((e) => {
      if (isDuplicateKey(e)) return write();
      throw e;
    });
    return this.presentDisclosure(d, org.name);
  }

  /** `GET /dues-disclosures?orgId=&year=` (managers): the published summaries in scope. */
  async disclosures(p: Principal, q: { orgId?: string; year?: number }): Promise<DuesDisclosureView[]> {
    const paths = await this.scope(p, q.orgId);
    const list = await this.repo.disclosuresIn(paths, q.year);
    const orgs = await this.orgs.byIds([...new Set(list.map((d) => d.orgId))]);
    return list.map((d) => this.presentDisclosure(d, orgs.get(d.orgId)?.name ?? ''));
  }

  /**
   * `GET /dues-disclosures/mine?year=`: what the member's own branch published (a Party member of
   * the branch or one of its 党小组); nothing of other branches. A console account without a member: 403.
   */
  async myDisclosures(p: Principal, year: number | undefined): Promise<DuesDisclosureView[]> {
    const memberId = requireMember(p);
    const found = await this.members.findWithOrg(memberId);
    if (!found) throw new AppError('MEMBER_NOT_FOUND');
    if (!isPartyMember(found.member.status)) return [];
    const ids = found.org.path.split('/').filter(Boolean);
    const orgs = await this.orgs.byIds(ids);
    const branchIds = ids.filter((id) => orgs.get(id)?.kind === 'branch');
    const list = await this.repo.disclosuresOf(branchIds, year);
    return list.map((d) => this.presentDisclosure(d, orgs.get(d.orgId)?.name ?? ''));
  }

  private presentDisclosure(d: DuesDisclosure, orgName: string): DuesDisclosureView {
    return {
      id: d.id,
      orgId: d.orgId,
      orgName,
      year: d.year,
      publishedOn: d.publishedOn,
      publishedByName: d.publishedByName,
      rows: JSON.parse(d.rows) as DuesDisclosureRow[],
      totalCents: d.totalCents,
      note: d.note,
    };
  }

  /**
   * For 组织处置's record check and the early warnings (modules/appraisal): per Party member of the
   * subtrees, which of `months` ('YYYY-MM') were owed — the year had a dues base, so the branch
   * keeps their dues here — and which were paid. Months only, no amounts.
   */
  async monthsRecord(paths: string[], months: string[]): Promise<Map<string, { owed: string[]; paid: string[] }>> {
    const out = new Map<string, { owed: string[]; paid: string[] }>();
    if (!months.length || !paths.length) return out;
    const sorted = [...months].sort();
    const years = [...new Set(sorted.map((m) => Number(m.slice(0, 4))))];
    for (const year of years)
      for (const b of await this.repo.basesIn(paths, year)) {
        const row = out.get(b.memberId) ?? { owed: [], paid: [] };
        row.owed.push(...sorted.filter((m) => m.startsWith(`${year}-`)));
        out.set(b.memberId, row);
      }
    const paid = await this.repo.paidMonths([...out.keys()], sorted[0], sorted[sorted.length - 1]);
    for (const m of paid) if (sorted.includes(m.month)) out.get(m.memberId)?.paid.push(m.month);
    for (const row of out.values()) {
      row.owed.sort();
      row.paid.sort();
    }
    return out;
  }
}
