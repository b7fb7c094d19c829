/**
 * 三务公开 (OVERSIGHT.md §6): the rules, in one place.
 *
 *  - A disclosure belongs to a village branch. Its secretary or committee (or the township's
 *    admins) prepare it: create, edit the draft and its rows, import a finance sheet, submit,
 *    publish once approved, and start a correction of a published one.
 *  - 监督小组 review: modelled as the township's admins (an `admin` grant on the township or
 *    above) or a committee member of the branch — never the person who prepared it (403
 *    DISCLOSURE_SELF_REVIEW).
 *  - 乡镇农经站 check (finance and subsidies: FINANCE_CHECKED_KINDS) and approval: the township's
 *    admins (403 DISCLOSURE_TOWNSHIP_ONLY for a branch's own managers). Approving or publishing
 *    money without the check → 409 FINANCE_CHECK_REQUIRED.
 *  - Moves, each from fixed states only (409 STATE_CONFLICT with `from` / `allowed`):
 *    draft → under_review → reviewed → (finance_checked) → approved → published → superseded.
 *    A correction is a new draft (`supersedesId`, one per version); when it is published, the
 *    old version becomes `superseded` (已更正) and stays readable.
 *  - Nothing personal is ever published: a text or row holding an 18-digit ID number or an
 *    11-digit mobile is refused (400 DISCLOSURE_PERSONAL_DATA, nothing written); beneficiaries
 *    are stored masked (张*明).
 *  - Public (no sign-in): published `public` items of a village only; drafts, other states and
 *    member-only items are 404. Member-only items reach signed-in members of that village.
 */
import ExcelJS from 'exceljs';
import type { DataSource, EntityManager } from 'typeorm';
import {
  COMMITTEE_ROLES,
  DEFAULT_PAGE_SIZE,
  DISCLOSURE_KIND_LABELS,
  DISCLOSURE_LIMITS,
  DISCLOSURE_MOVES,
  FINANCE_CHECKED_KINDS,
  MAX_DISCLOSURE_ATTACHMENTS,
  MAX_DISCLOSURE_CENTS,
  MAX_DISCLOSURE_ROWS,
  MAX_IMPORT_ROWS,
  containsPersonalNumber,
  maskName,
  toIsoLocal,
  toLocalDate,
  yuanToCents,
  type CreateDisclosureRequest,
  type CreateFeedbackResponse,
  type DisclosureAttachmentView,
  type DisclosureImportResult,
  type DisclosureListQuery,
  type DisclosureMove,
  type DisclosureSignRequest,
  type DisclosureStatus,
  type DisclosureView,
  type FieldError,
  type FinanceRow,
  type FinanceRowInput,
  type Page,
  type PublicDisclosureView,
  type PublicFeedbackRequest,
  type PublicVillageDisclosures,
  type ReplaceDisclosureRowsRequest,
  type SubsidyRow,
  type UpdateDisclosureRequest,
} from '@djzy/shared';
import { systemClock, type Clock } from '../../core/clock';
import { AppError, fieldError } from '../../core/errors';
import { isDuplicateKey } from '../../core/http';
import { isIdLike, newId } from '../../core/ids';
import { covers, isManager, requireManages, scopePaths, type Principal } from '../../core/principal';
import type { RateLimiter } from '../../core/rate-limit';
import { transactionWithRetry } from '../../core/sql';
import type { Storage } from '../../core/storage';
import { isRealDate } from '../../core/validators';
import { writeAudit, type AuditContext } from '../audit';
import { townshipPathOf, type Org, type OrgService } from '../org';
import type { FeedbackService } from '../problem';
import type { ContentChecker } from '../study';
import type { Disclosure, DisclosureAttachment, DisclosureRow } from './disclosure.entity';
import { DisclosureRepository, type DisclosureFilter } from './disclosure.repository';
import type { DisclosureScheduleService } from './schedule.service';

const PUBLISHED: DisclosureStatus[] = ['published', 'superseded'];
const HOUR = 3600_000;

export interface DisclosureOptions {
  now?: Clock;
  /** Public feedback per client address per hour. */
  publicFeedbackPerHour: number;
  /** The openid WeChat's content check runs public feedback under; null → held unchecked. */
  publicCheckOpenid: string | null;
}

type Loaded = { d: Disclosure; org: Org; manager: boolean };

/** Text of a cell whatever Excel stored in it (rich text, formulas, dates). */
function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (v instanceof Date)
    return `${v.getUTCFullYear()}-${String(v.getUTCMonth() + 1).padStart(2, '0')}-${String(v.getUTCDate()).padStart(2, '0')}`;
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in v) return String((v as { text: unknown }).text ?? '').trim();
    if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    return '';
  }
  return String(v).trim();
}

/** 2026-07-01, 2026/7/1, 2026.07.01, 2026年7月1日, 20260701. */
function normalizeDay(text: string): string | null {
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(text.trim());
  if (!m) return null;
  const s = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isRealDate(s) ? s : null;
}

/** What an attachment really is, from its first bytes (never from its name): PDF, JPEG or PNG. */
function sniffAttachment(data: Buffer): { contentType: string; ext: string } | null {
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return { contentType: 'application/pdf', ext: 'pdf' };
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return { contentType: 'image/jpeg', ext: 'jpg' };
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return { contentType: 'image/png', ext: 'png' };
  return null;
}

/** The finance sheet's columns (the 三资 system's export): header texts each column is known by. */
const SHEET_COLUMNS = {
  on: ['日期', '记账日期', '发生日期'],
  item: ['摘要', '项目', '摘要/项目', '摘要项目', '收支项目'],
  income: ['收入', '收入金额', '收入(元)', '收入（元）'],
  expense: ['支出', '支出金额', '支出(元)', '支出（元）'],
  voucherNo: ['凭证号', '凭证编号', '凭证字号'],
} as const;
type SheetColumn = keyof typeof SHEET_COLUMNS;

export class DisclosureService {
  private readonly repo: DisclosureRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
    private readonly schedules: DisclosureScheduleService,
    private readonly feedback: FeedbackService,
    private readonly checker: ContentChecker,
    private readonly limiter: RateLimiter,
    private readonly storage: Storage,
    private readonly opts: DisclosureOptions,
  ) {
    this.repo = new DisclosureRepository(ds);
  }

  private now(): Date {
    return (this.opts.now ?? systemClock)();
  }

  // ── who ──────────────────────────────────────────────────────────────────────────────────

  /** An `admin` grant on the org's township or above (乡镇农经站, 审批, 监督小组). */
  private isTownshipAdmin(p: Principal, org: Org): boolean {
    return covers(p, townshipPathOf(org.path), ['admin']);
  }

  private mayReview(p: Principal, org: Org, d: Disclosure): boolean {
    return (this.isTownshipAdmin(p, org) || covers(p, org.path, COMMITTEE_ROLES)) && p.id !== d.preparedBy;
  }

  private requireReviewer(p: Principal, org: Org, d: Disclosure) {
    if (!this.isTownshipAdmin(p, org) && !covers(p, org.path, COMMITTEE_ROLES)) throw new AppError('FORBIDDEN');
    if (p.id === d.preparedBy) throw new AppError('DISCLOSURE_SELF_REVIEW');
  }

  private requireTownshipAdmin(p: Principal, org: Org) {
    requireManages(p, org.path);
    if (!this.isTownshipAdmin(p, org)) throw new AppError('DISCLOSURE_TOWNSHIP_ONLY');
  }

  /** A disclosure the caller may read: managers of its org see every state; members of the village the published ones. */
  private async load(p: Principal, id: string): Promise<Loaded> {
    const d = isIdLike(id) ? await this.repo.find(id) : null;
    const org = d ? await this.orgs.find(d.orgId) : null;
    if (!d || !org) throw new AppError('NOT_FOUND');
    if (covers(p, org.path)) return { d, org, manager: true };
    if (p.orgPath?.startsWith(org.path) && PUBLISHED.includes(d.status)) return { d, org, manager: false };
    throw new AppError('NOT_FOUND');
  }

  private async loadManaged(p: Principal, id: string): Promise<Loaded> {
    const l = await this.load(p, id);
    if (!l.manager) throw new AppError('FORBIDDEN');
    return l;
  }

  // ── preparing ────────────────────────────────────────────────────────────────────────────

  /** `POST /disclosures`: a draft of a village branch, by its managers. */
  async create(p: Principal, input: CreateDisclosureRequest, audit: AuditContext): Promise<DisclosureView> {
    const org = await this.orgs.find(input.orgId);
    if (!org) throw fieldError('orgId', '组织不存在');
    requireManages(p, org.path);
    if (org.kind !== 'branch') throw fieldError('orgId', '三务公开须以村（社区）党支部的名义发布');
    this.checkPeriod(input.periodFrom, input.periodTo);
    const now = this.now();
    const d: Disclosure = {
      id: newId(),
      orgId: org.id,
      kind: input.kind,
      title: input.title,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      body: input.body || null,
      audience: input.audience ?? 'public',
      status: 'draft',
      version: 1,
      supersedesId: null,
      supersededById: null,
      preparedBy: p.id,
      preparedByName: p.name.slice(0, 50),
      preparedAt: now,
      ...this.unsigned(),
      publishedAt: null,
      updatedAt: now,
    };
    this.refusePersonalData({ title: d.title, body: d.body }, input);
    const rows = this.rowsOf(d, input);
    await this.ds.transaction(async (em) => {
      await this.repo.insert(em, d, rows);
      await writeAudit(
        em,
        p,
        'disclosure.create',
        { type: 'disclosure', id: d.id },
        { orgId: org.id, kind: d.kind, rows: rows.length },
        audit,
      );
    });
    return this.view(p, d.id);
  }

  private unsigned() {
    return {
      reviewedBy: null,
      reviewedByName: null,
      reviewedAt: null,
      reviewNote: null,
      financeCheckedBy: null,
      financeCheckedByName: null,
      financeCheckedAt: null,
      financeCheckNote: null,
      approvedBy: null,
      approvedByName: null,
      approvedAt: null,
      approveNote: null,
      returnReason: null,
    };
  }

  private checkPeriod(from: string, to: string) {
    if (from > to) throw fieldError('periodTo', '公开期间的结束日期不能早于开始日期');
  }

  /** Refuses the whole request when any text holds an ID number or a mobile number (nothing is written). */
  private refusePersonalData(texts: Record<string, string | null | undefined>, rows: ReplaceDisclosureRowsRequest) {
    const found: FieldError[] = [];
    const look = (field: string, text: string | null | undefined) => {
      const what = containsPersonalNumber(text);
      if (what) found.push({ field, message: what === 'id_number' ? '不能包含身份证号' : '不能包含手机号' });
    };
    for (const [field, text] of Object.entries(texts)) look(field, text);
    (rows.financeRows ?? []).forEach((r, i) => {
      look(`financeRows.${i}.item`, r.item);
      look(`financeRows.${i}.voucherNo`, r.voucherNo);
    });
    (rows.subsidyRows ?? []).forEach((r, i) => {
      look(`subsidyRows.${i}.beneficiary`, r.beneficiary);
      look(`subsidyRows.${i}.item`, r.item);
    });
    if (found.length) throw new AppError('DISCLOSURE_PERSONAL_DATA', found);
  }

  /** The stored rows of a request: finance rows for finance, subsidy rows (masked) for subsidies. */
  private rowsOf(d: Disclosure, input: ReplaceDisclosureRowsRequest): DisclosureRow[] {
    const finance = input.financeRows ?? [];
    const subsidy = input.subsidyRows ?? [];
    if (finance.length && d.kind !== 'finance') throw fieldError('financeRows', '只有财务公开可以填写收支明细');
    if (subsidy.length && d.kind !== 'subsidy') throw fieldError('subsidyRows', '只有惠农补贴公开可以填写发放名单');
    finance.forEach((r, i) => {
      if (!r.incomeCents && !r.expenseCents) throw fieldError(`financeRows.${i}.incomeCents`, '收入和支出不能都为空');
    });
    if (finance.length + subsidy.length > MAX_DISCLOSURE_ROWS) throw fieldError('rows', `明细最多 ${MAX_DISCLOSURE_ROWS} 行`);
    return [
      ...finance.map((r, i) => this.financeRow(d.id, i, r)),
      ...subsidy.map((r, i): DisclosureRow => ({
        id: newId(),
        disclosureId: d.id,
        seq: i + 1,
        day: r.paidOn,
        item: r.item,
        incomeCents: null,
        expenseCents: null,
        voucherNo: null,
        beneficiary: maskName(r.beneficiary),
        amountCents: r.amountCents,
      })),
    ];
  }

  private financeRow(disclosureId: string, i: number, r: FinanceRowInput): DisclosureRow {
    return {
      id: newId(),
      disclosureId,
      seq: i + 1,
      day: r.on,
      item: r.item,
      incomeCents: r.incomeCents ?? 0,
      expenseCents: r.expenseCents ?? 0,
      voucherNo: r.voucherNo || null,
      beneficiary: null,
      amountCents: null,
    };
  }

  private assertFrom(d: Disclosure, move: DisclosureMove) {
    const allowed: readonly string[] = DISCLOSURE_MOVES[move];
    if (!allowed.includes(d.status)) throw new AppError('STATE_CONFLICT', { from: d.status, allowed });
  }

  /** `PATCH /disclosures/:id` (drafts). */
  async update(p: Principal, id: string, input: UpdateDisclosureRequest, audit: AuditContext): Promise<DisclosureView> {
    const { d } = await this.loadManaged(p, id);
    this.assertFrom(d, 'edit');
    const next = { ...d, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as Disclosure;
    this.checkPeriod(next.periodFrom, next.periodTo);
    this.refusePersonalData({ title: input.title, body: input.body }, {});
    const patch: Partial<Disclosure> = {
      title: input.title,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      body: input.body === undefined ? undefined : input.body || null,
      audience: input.audience,
      updatedAt: this.now(),
    };
    await this.apply(p, d, 'edit', patch, audit);
    return this.view(p, d.id);
  }

  /** `PUT /disclosures/:id/rows` (drafts): replaces every row. */
  async replaceRows(p: Principal, id: string, input: ReplaceDisclosureRowsRequest, audit: AuditContext): Promise<DisclosureView> {
    const { d } = await this.loadManaged(p, id);
    this.assertFrom(d, 'edit');
    this.refusePersonalData({}, input);
    const rows = this.rowsOf(d, input);
    await this.apply(p, d, 'edit', { updatedAt: this.now() }, audit, async (em) => {
      await this.repo.deleteRows(em, d.id);
      await this.repo.insertRows(em, rows);
    });
    return this.view(p, d.id);
  }

  /**
   * `POST /disclosures/:id/rows/import`: a finance sheet (日期, 摘要/项目, 收入, 支出, 凭证号) into a
   * draft finance disclosure, replacing its rows. Any bad row → 400 IMPORT_ROWS_INVALID with every
   * bad row's number and reason; nothing is written. Amounts in 元 (≤ 2 decimals) → 分 exactly.
   */
  async importRows(p: Principal, id: string, file: Buffer, audit: AuditContext): Promise<DisclosureImportResult> {
    const { d } = await this.loadManaged(p, id);
    if (d.kind !== 'finance') throw new AppError('STATE_CONFLICT', { from: d.status, allowed: ['draft'] }, '只有财务公开可以导入收支明细');
    this.assertFrom(d, 'edit');
    const sheet = await this.readSheet(file);
    const errors: { row: number; message: string }[] = [];
    const rows: FinanceRowInput[] = [];
    for (const { row, v } of sheet) {
      const problems: string[] = [];
      const on = normalizeDay(v.on ?? '');
      if (!v.on) problems.push('日期不能为空');
      else if (!on) problems.push(`日期「${v.on}」不正确（应为 2026-07-01 这样的日期）`);
      const item = (v.item ?? '').trim();
      if (!item) problems.push('摘要不能为空');
      else if (item.length > DISCLOSURE_LIMITS.item) problems.push(`摘要不能超过 ${DISCLOSURE_LIMITS.item} 字`);
      const amount = (text: string | undefined, label: string): number | null => {
        if (!text) return null;
        const cents = yuanToCents(text);
        if (cents === null || cents > MAX_DISCLOSURE_CENTS) {
          problems.push(`${label}「${text}」不正确（应为不小于 0、最多两位小数的金额，单位元）`);
          return null;
        }
        return cents;
      };
      const income = amount(v.income, '收入');
      const expense = amount(v.expense, '支出');
      if (!v.income && !v.expense) problems.push('收入和支出不能都为空');
      const voucherNo = (v.voucherNo ?? '').trim();
      if (voucherNo.length > DISCLOSURE_LIMITS.voucherNo) problems.push(`凭证号不能超过 ${DISCLOSURE_LIMITS.voucherNo} 字`);
      for (const text of [item, voucherNo]) {
        const what = containsPersonalNumber(text);
        if (what) problems.push(what === 'id_number' ? '不能包含身份证号' : '不能包含手机号');
      }
      if (problems.length) errors.push({ row, message: problems.join('；') });
      else rows.push({ on: on!, item, incomeCents: income ?? 0, expenseCents: expense ?? 0, voucherNo: voucherNo || undefined });
    }
    if (rows.length > MAX_DISCLOSURE_ROWS)
      throw new AppError('IMPORT_TOO_MANY_ROWS', { max: MAX_DISCLOSURE_ROWS }, `明细最多 ${MAX_DISCLOSURE_ROWS} 行`);
    if (errors.length)
      throw new AppError(
        'IMPORT_ROWS_INVALID',
        errors,
        `表格中有 ${errors.length} 行有错误，未导入任何数据：${errors
          .slice(0, 3)
          .map((e) => `第 ${e.row} 行${e.message}`)
          .join('；')}${errors.length > 3 ? '……' : ''}`,
      );
    const stored = rows.map((r, i) => this.financeRow(d.id, i, r));
    await this.apply(
      p,
      d,
      'edit',
      { updatedAt: this.now() },
      audit,
      async (em) => {
        await this.repo.deleteRows(em, d.id);
        await this.repo.insertRows(em, stored);
      },
      'import',
    );
    return {
      imported: stored.length,
      incomeCents: stored.reduce((s, r) => s + (r.incomeCents ?? 0), 0),
      expenseCents: stored.reduce((s, r) => s + (r.expenseCents ?? 0), 0),
    };
  }

  private async readSheet(file: Buffer): Promise<{ row: number; v: Partial<Record<SheetColumn, string>> }[]> {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(file as unknown as ArrayBuffer);
    } catch {
      throw new AppError('IMPORT_FILE_INVALID');
    }
    const ws = wb.worksheets[0];
    if (!ws || ws.rowCount < 1) throw new AppError('IMPORT_FILE_EMPTY');
    // The header is the first row naming 日期 (the 三资 export may put a title above it).
    let headerRow = 0;
    const colOf = new Map<SheetColumn, number>();
    for (let r = 1; r <= Math.min(ws.rowCount, 10) && !headerRow; r++) {
      const found = new Map<SheetColumn, number>();
      ws.getRow(r).eachCell((cell, col) => {
        const text = cellText(cell.value).replace(/\s+/g, '');
        for (const [key, names] of Object.entries(SHEET_COLUMNS) as [SheetColumn, readonly string[]][])
          if (names.includes(text) && !found.has(key)) found.set(key, col);
      });
      if (found.has('on')) {
        headerRow = r;
        for (const [k, c] of found) colOf.set(k, c);
      }
    }
    const missing = (['on', 'item', 'income', 'expense'] as SheetColumn[]).filter((k) => !colOf.has(k)).map((k) => SHEET_COLUMNS[k][0]);
    if (missing.length)
      throw new AppError(
        'IMPORT_COLUMNS_INVALID',
        { missing },
        `表格缺少必需的列：${missing.join('、')}（表头应有 日期、摘要、收入、支出、凭证号）`,
      );
    const rows: { row: number; v: Partial<Record<SheetColumn, string>> }[] = [];
    for (let r = headerRow + 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const v: Partial<Record<SheetColumn, string>> = {};
      let any = false;
      for (const [key, col] of colOf) {
        const value = row.getCell(col).value;
        // A number Excel computed (=0.1+0.2) carries binary noise: within a millionth of a 分 it is
        // that 分 amount, written out as text and parsed like a typed one; anything else stays as is.
        const amount =
          (key === 'income' || key === 'expense') && typeof value === 'number' && Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
        v[key] = amount ? (value as number).toFixed(2) : cellText(value);
        if (v[key]) any = true;
      }
      if (!any) continue;
      // The 三资 export ends with 合计 / 本月合计 lines: totals, not entries.
      if (/合计|小计|累计/.test(v.item ?? '') || /合计|小计|累计/.test(v.on ?? '')) continue;
      rows.push({ row: r, v });
      if (rows.length > MAX_IMPORT_ROWS)
        throw new AppError('IMPORT_TOO_MANY_ROWS', { max: MAX_IMPORT_ROWS }, `表格超过 ${MAX_IMPORT_ROWS} 行，请分批导入`);
    }
    if (!rows.length) throw new AppError('IMPORT_FILE_EMPTY');
    return rows;
  }

  // ── moving it along ──────────────────────────────────────────────────────────────────────

  /** One move: a conditional update (from the allowed states), its audit row and what follows, in one transaction. */
  private async apply(
    p: Principal,
    d: Disclosure,
    move: DisclosureMove,
    patch: Partial<Disclosure>,
    audit: AuditContext,
    then?: (em: EntityManager) => Promise<void>,
    action: string = move,
  ): Promise<void> {
    const allowed = DISCLOSURE_MOVES[move];
    await transactionWithRetry(this.ds, async (em) => {
      if (!(await this.repo.move(em, d.id, allowed, patch)))
        throw new AppError('STATE_CONFLICT', { from: (await this.repo.find(d.id, em))?.status ?? d.status, allowed });
      await writeAudit(em, p, `disclosure.${action}`, { type: 'disclosure', id: d.id }, { status: patch.status ?? d.status }, audit);
      if (then) await then(em);
    });
  }

  /** `POST /disclosures/:id/submit`: to the 监督小组. */
  async submit(p: Principal, id: string, audit: AuditContext): Promise<DisclosureView> {
    const { d } = await this.loadManaged(p, id);
    this.assertFrom(d, 'submit');
    const rows = (await this.repo.rowsOf([d.id])).get(d.id)!;
    if ((d.kind === 'finance' || d.kind === 'subsidy') && !rows.length)
      throw fieldError(
        d.kind === 'finance' ? 'financeRows' : 'subsidyRows',
        d.kind === 'finance' ? '请先填写或导入收支明细' : '请先填写发放名单',
      );
    if ((d.kind === 'party_affairs' || d.kind === 'village_affairs') && !d.body) throw fieldError('body', '请填写公开内容');
    await this.apply(p, d, 'submit', { status: 'under_review', returnReason: null, updatedAt: this.now() }, audit);
    return this.view(p, d.id);
  }

  /** `POST /disclosures/:id/review`: the 监督小组 signs (not the one who prepared it). */
  async review(p: Principal, id: string, input: DisclosureSignRequest, audit: AuditContext): Promise<DisclosureView> {
    const { d, org } = await this.loadManaged(p, id);
    this.requireReviewer(p, org, d);
    this.assertFrom(d, 'review');
    const now = this.now();
    await this.apply(
      p,
      d,
      'review',
      {
        status: 'reviewed',
        reviewedBy: p.id,
        reviewedByName: p.name.slice(0, 50),
        reviewedAt: now,
        reviewNote: input.note || null,
        updatedAt: now,
      },
      audit,
    );
    return this.view(p, d.id);
  }

  /** `POST /disclosures/:id/finance-check`: the township's 农经站 (finance and subsidies). */
  async financeCheck(p: Principal, id: string, input: DisclosureSignRequest, audit: AuditContext): Promise<DisclosureView> {
    const { d, org } = await this.loadManaged(p, id);
    this.requireTownshipAdmin(p, org);
    if (!FINANCE_CHECKED_KINDS.includes(d.kind))
      throw new AppError('STATE_CONFLICT', { from: d.status, allowed: [] }, `${DISCLOSURE_KIND_LABELS[d.kind]}公开不需要农经站审核`);
    this.assertFrom(d, 'financeCheck');
    const now = this.now();
    await this.apply(
      p,
      d,
      'financeCheck',
      {
        status: 'finance_checked',
        financeCheckedBy: p.id,
        financeCheckedByName: p.name.slice(0, 50),
        financeCheckedAt: now,
        financeCheckNote: input.note || null,
        updatedAt: now,
      },
      audit,
      undefined,
      'finance_check',
    );
    return this.view(p, d.id);
  }

  private requireFinanceCheck(d: Disclosure) {
    if (FINANCE_CHECKED_KINDS.includes(d.kind) && (d.status === 'reviewed' || !d.financeCheckedAt))
      throw new AppError('FINANCE_CHECK_REQUIRED', { from: d.status, allowed: ['finance_checked'] });
  }

  /** `POST /disclosures/:id/approve`: the township; money only after the 农经站 check. */
  async approve(p: Principal, id: string, input: DisclosureSignRequest, audit: AuditContext): Promise<DisclosureView> {
    const { d, org } = await this.loadManaged(p, id);
    this.requireTownshipAdmin(p, org);
    this.assertFrom(d, 'approve');
    this.requireFinanceCheck(d);
    const now = this.now();
    await this.apply(
      p,
      d,
      'approve',
      {
        status: 'approved',
        approvedBy: p.id,
        approvedByName: p.name.slice(0, 50),
        approvedAt: now,
        approveNote: input.note || null,
        updatedAt: now,
      },
      audit,
    );
    return this.view(p, d.id);
  }

  /** `POST /disclosures/:id/publish`: on the board and the public page; a correction supersedes its original. */
  async publish(p: Principal, id: string, audit: AuditContext): Promise<DisclosureView> {
    const { d } = await this.loadManaged(p, id);
    this.assertFrom(d, 'publish');
    this.requireFinanceCheck(d);
    const now = this.now();
    await this.apply(p, d, 'publish', { status: 'published', publishedAt: now, updatedAt: now }, audit, async (em) => {
      if (d.supersedesId) {
        await this.repo.move(em, d.supersedesId, ['published'], { status: 'superseded', supersededById: d.id, updatedAt: now });
        await writeAudit(em, p, 'disclosure.supersede', { type: 'disclosure', id: d.supersedesId }, { by: d.id }, audit);
      }
      await this.schedules.advance(em, d.orgId, d.kind, d.periodTo);
    });
    return this.view(p, d.id);
  }

  /** `POST /disclosures/:id/return`: back to the preparer with a reason; the signatures so far are cleared. */
  async returnToDraft(p: Principal, id: string, reason: string, audit: AuditContext): Promise<DisclosureView> {
    const { d } = await this.loadManaged(p, id);
    this.assertFrom(d, 'return');
    await this.apply(p, d, 'return', { ...this.unsigned(), status: 'draft', returnReason: reason, updatedAt: this.now() }, audit);
    return this.view(p, d.id);
  }

  /** `POST /disclosures/:id/correct`: a new draft replacing a published one (one correction per version). */
  async correct(p: Principal, id: string, audit: AuditContext): Promise<DisclosureView> {
    const { d } = await this.loadManaged(p, id);
    this.assertFrom(d, 'correct');
    const now = this.now();
    const copy: Disclosure = {
      ...d,
      id: newId(),
      status: 'draft',
      version: d.version + 1,
      supersedesId: d.id,
      supersededById: null,
      preparedBy: p.id,
      preparedByName: p.name.slice(0, 50),
      preparedAt: now,
      ...this.unsigned(),
      publishedAt: null,
      updatedAt: now,
    };
    const rows = ((await this.repo.rowsOf([d.id])).get(d.id) ?? []).map((r) => ({ ...r, id: newId(), disclosureId: copy.id }));
    // The correction's attachments are copies: removing one from the draft leaves the original's.
    const files: DisclosureAttachment[] = [];
    for (const a of (await this.repo.attachmentsOf([d.id])).get(d.id) ?? []) {
      const data = await this.storage.get(a.storageKey);
      if (!data) continue;
      const id = newId();
      const storageKey = `disclosures/${copy.id}/${id}.${a.storageKey.split('.').pop()}`;
      await this.storage.put(storageKey, data);
      files.push({ ...a, id, disclosureId: copy.id, storageKey, createdAt: now });
    }
    try {
      await this.ds.transaction(async (em) => {
        await this.repo.insert(em, copy, rows);
        await this.repo.insertAttachments(em, files);
        await writeAudit(em, p, 'disclosure.correct', { type: 'disclosure', id: copy.id }, { supersedes: d.id }, audit);
      });
    } catch (e) {
      await Promise.all(files.map((f) => this.storage.delete(f.storageKey).catch(() => undefined)));
      if (isDuplicateKey(e))
        throw new AppError(
          'STATE_CONFLICT',
          { from: d.status, allowed: ['published'] },
          '这份公开已有一份更正正在办理，请在草稿中继续修改',
        );
      throw e;
    }
    return this.view(p, copy.id);
  }

  // ── attachments ──────────────────────────────────────────────────────────────────────────

  /** `POST /disclosures/:id/attachments` (drafts): a PDF, JPEG or PNG, at most MAX_DISCLOSURE_ATTACHMENTS. */
  async addAttachment(
    p: Principal,
    id: string,
    file: { filename: string; data: Buffer },
    audit: AuditContext,
  ): Promise<DisclosureAttachmentView> {
    const { d } = await this.loadManaged(p, id);
    this.assertFrom(d, 'edit');
    const sniffed = sniffAttachment(file.data);
    if (!sniffed) throw new AppError('DISCLOSURE_FILE_INVALID');
    const name = [...(file.filename || `附件.${sniffed.ext}`)]
      .map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 32 ? '_' : ch))
      .join('')
      .slice(0, 100);
    this.refusePersonalData({ attachmentName: name }, {});
    const a: DisclosureAttachment = {
      id: newId(),
      disclosureId: d.id,
      name,
      contentType: sniffed.contentType,
      size: file.data.length,
      storageKey: '',
      createdAt: this.now(),
    };
    a.storageKey = `disclosures/${d.id}/${a.id}.${sniffed.ext}`;
    await this.storage.put(a.storageKey, file.data);
    try {
      // The draft's row is locked by the conditional update: two uploads cannot both see eight.
      await this.apply(
        p,
        d,
        'edit',
        { updatedAt: this.now() },
        audit,
        async (em) => {
          if ((await this.repo.countAttachments(em, d.id)) >= MAX_DISCLOSURE_ATTACHMENTS) throw new AppError('DISCLOSURE_FILE_LIMIT');
          await this.repo.insertAttachments(em, [a]);
        },
        'attachment_add',
      );
    } catch (e) {
      await this.storage.delete(a.storageKey).catch(() => undefined);
      throw e;
    }
    return { id: a.id, name: a.name, contentType: a.contentType, size: a.size };
  }

  /** `DELETE /disclosures/:id/attachments/:attachmentId` (drafts). */
  async deleteAttachment(p: Principal, id: string, attachmentId: string, audit: AuditContext): Promise<void> {
    const { d } = await this.loadManaged(p, id);
    this.assertFrom(d, 'edit');
    const a = isIdLike(attachmentId) ? await this.repo.attachment(d.id, attachmentId) : null;
    if (!a) throw new AppError('NOT_FOUND');
    await this.apply(p, d, 'edit', { updatedAt: this.now() }, audit, (em) => this.repo.deleteAttachment(em, a.id), 'attachment_delete');
    await this.storage.delete(a.storageKey).catch(() => undefined);
  }

  /**
   * An attachment's bytes: `GET /disclosures/:id/attachments/:attachmentId` for whoever may read
   * the disclosure (`p`), or the public route (`p` null) for a published public item only.
   */
  async attachmentBytes(
    p: Principal | null,
    id: string,
    attachmentId: string,
  ): Promise<{ data: Buffer; contentType: string; name: string }> {
    const d = p ? (await this.load(p, id)).d : await this.loadPublic(id);
    const a = isIdLike(attachmentId) ? await this.repo.attachment(d.id, attachmentId) : null;
    const data = a ? await this.storage.get(a.storageKey) : null;
    if (!a || !data) throw new AppError('NOT_FOUND');
    return { data, contentType: a.contentType, name: a.name };
  }

  private attachmentViews(list: DisclosureAttachment[]): DisclosureAttachmentView[] {
    return list.map((a) => ({ id: a.id, name: a.name, contentType: a.contentType, size: a.size }));
  }

  // ── reading (signed in) ──────────────────────────────────────────────────────────────────

  async view(p: Principal, id: string): Promise<DisclosureView> {
    const { d, org } = await this.load(p, id);
    return (await this.present(p, [d], new Map([[org.id, org]])))[0];
  }

  /**
   * `GET /disclosures`: managers see every state in their scope; a member sees the published
   * items (public and member-only) of their own village.
   */
  async list(p: Principal, q: DisclosureListQuery): Promise<Page<DisclosureView>> {
    let where: DisclosureFilter;
    const org = q.orgId ? await this.orgs.find(q.orgId) : null;
    if (q.orgId && !org) throw fieldError('orgId', '组织不存在');
    if (isManager(p) && (!org || covers(p, org.path))) {
      where = { paths: scopePaths(p), orgPath: org?.path, kind: q.kind, statuses: q.status ? [q.status] : undefined };
    } else {
      if (!p.orgPath) throw new AppError('FORBIDDEN');
      const branch = await this.orgs.branchPathOf(p.orgPath);
      const village = org ?? (branch ? await this.orgs.find(branch.split('/').filter(Boolean).pop()) : null);
      if (!village || !p.orgPath.startsWith(village.path)) throw new AppError('FORBIDDEN');
      const statuses = q.status ? PUBLISHED.filter((s) => s === q.status) : PUBLISHED;
      if (!statuses.length) return { items: [], total: 0 };
      where = { orgId: village.id, kind: q.kind, statuses };
    }
    const { list, total } = await this.repo.page(where, q.page ?? 1, q.pageSize ?? DEFAULT_PAGE_SIZE);
    return { items: await this.present(p, list), total };
  }

  private totals(rows: DisclosureRow[]) {
    return {
      incomeCents: rows.reduce((s, r) => s + (r.incomeCents ?? 0), 0),
      expenseCents: rows.reduce((s, r) => s + (r.expenseCents ?? 0), 0),
      amountCents: rows.reduce((s, r) => s + (r.amountCents ?? 0), 0),
    };
  }

  private financeRows(d: Disclosure, rows: DisclosureRow[]): FinanceRow[] {
    if (d.kind !== 'finance') return [];
    return rows.map((r) => ({
      on: r.day,
      item: r.item,
      incomeCents: r.incomeCents ?? 0,
      expenseCents: r.expenseCents ?? 0,
      voucherNo: r.voucherNo,
    }));
  }

  private subsidyRows(d: Disclosure, rows: DisclosureRow[]): SubsidyRow[] {
    if (d.kind !== 'subsidy') return [];
    return rows.map((r) => ({ beneficiary: maskName(r.beneficiary ?? ''), item: r.item, amountCents: r.amountCents ?? 0, paidOn: r.day }));
  }

  private async present(p: Principal, list: Disclosure[], known?: Map<string, Org>): Promise<DisclosureView[]> {
    const orgs = known ?? (await this.orgs.byIds([...new Set(list.map((d) => d.orgId))]));
    const rows = await this.repo.rowsOf(list.map((d) => d.id));
    const files = await this.repo.attachmentsOf(list.map((d) => d.id));
    const sig = (byName: string | null, at: Date | null, note: string | null) =>
      byName && at ? { byName, at: toIsoLocal(at), note } : null;
    return list.map((d) => {
      const org = orgs.get(d.orgId);
      const own = rows.get(d.id) ?? [];
      const manager = !!org && covers(p, org.path);
      const township = !!org && this.isTownshipAdmin(p, org);
      const is = (move: DisclosureMove) => (DISCLOSURE_MOVES[move] as readonly string[]).includes(d.status);
      const money = FINANCE_CHECKED_KINDS.includes(d.kind);
      return {
        id: d.id,
        orgId: d.orgId,
        orgName: org?.name ?? '',
        kind: d.kind,
        title: d.title,
        periodFrom: d.periodFrom,
        periodTo: d.periodTo,
        body: d.body,
        audience: d.audience,
        status: d.status,
        version: d.version,
        supersedesId: d.supersedesId,
        supersededById: d.supersededById,
        prepared: { byName: d.preparedByName, at: toIsoLocal(d.preparedAt), note: null },
        reviewed: sig(d.reviewedByName, d.reviewedAt, d.reviewNote),
        financeChecked: sig(d.financeCheckedByName, d.financeCheckedAt, d.financeCheckNote),
        approved: sig(d.approvedByName, d.approvedAt, d.approveNote),
        publishedAt: d.publishedAt ? toIsoLocal(d.publishedAt) : null,
        returnReason: d.returnReason,
        financeRows: this.financeRows(d, own),
        subsidyRows: this.subsidyRows(d, own),
        attachments: this.attachmentViews(files.get(d.id) ?? []),
        totals: this.totals(own),
        can: {
          edit: manager && is('edit'),
          submit: manager && is('submit'),
          review: !!org && is('review') && this.mayReview(p, org, d),
          financeCheck: township && money && is('financeCheck'),
          approve: township && is('approve') && (!money || d.status === 'finance_checked'),
          publish: manager && is('publish'),
          return: manager && is('return'),
          correct: manager && is('correct') && !d.supersededById,
        },
      };
    });
  }

  // ── public (no sign-in) ──────────────────────────────────────────────────────────────────

  /** `GET /public/orgs/:orgId/disclosures`: a village's published public items, this period's first. */
  async publicList(orgId: string): Promise<PublicVillageDisclosures> {
    const org = isIdLike(orgId) ? await this.orgs.find(orgId) : null;
    if (!org || org.kind !== 'branch') throw new AppError('NOT_FOUND');
    const { list } = await this.repo.page({ orgId: org.id, statuses: PUBLISHED, audience: 'public' }, 1, 200);
    const township = await this.orgs.find(townshipPathOf(org.path).split('/').filter(Boolean).pop());
    const items = await this.presentPublic(list);
    // This period's: the newest in force of each kind, first.
    const seen = new Set<string>();
    for (const item of items)
      if (!item.superseded && !seen.has(item.kind)) {
        seen.add(item.kind);
        item.current = true;
      }
    items.sort((a, b) => Number(b.current) - Number(a.current));
    return { orgId: org.id, orgName: org.name, townshipName: township && township.id !== org.id ? township.name : '', items };
  }

  /** A published public item, else 404 (drafts, other states, member-only, unknown). */
  private async loadPublic(id: string): Promise<Disclosure> {
    const d = isIdLike(id) ? await this.repo.find(id) : null;
    if (!d || !PUBLISHED.includes(d.status) || d.audience !== 'public') throw new AppError('NOT_FOUND');
    return d;
  }

  /** `GET /public/disclosures/:id`. */
  async publicView(id: string): Promise<PublicDisclosureView> {
    const d = await this.loadPublic(id);
    return (await this.presentPublic([d]))[0];
  }

  private async presentPublic(list: Disclosure[]): Promise<PublicDisclosureView[]> {
    const rows = await this.repo.rowsOf(list.map((d) => d.id));
    const files = await this.repo.attachmentsOf(list.map((d) => d.id));
    return list.map((d) => {
      const own = rows.get(d.id) ?? [];
      return {
        id: d.id,
        kind: d.kind,
        title: d.title,
        periodFrom: d.periodFrom,
        periodTo: d.periodTo,
        body: d.body,
        publishedAt: toIsoLocal(d.publishedAt ?? d.updatedAt),
        version: d.version,
        superseded: d.status === 'superseded',
        supersededById: d.supersededById,
        supersedesId: d.supersedesId,
        current: false,
        reviewed: !!d.reviewedAt,
        financeChecked: !!d.financeCheckedAt,
        financeRows: this.financeRows(d, own),
        subsidyRows: this.subsidyRows(d, own),
        attachments: this.attachmentViews(files.get(d.id) ?? []),
        totals: this.totals(own),
      };
    });
  }

  /**
   * `POST /public/disclosures/:id/feedback`: 我要监督, without sign-in, rate limited per client
   * address (429 + Retry-After); the text goes through WeChat's content check when it can (an
   * openid is configured) — `risky` is refused, anything unchecked is held for the township.
   */
  async publicFeedback(id: string, input: PublicFeedbackRequest, ip: string, audit: AuditContext): Promise<CreateFeedbackResponse> {
    await this.limiter.hit(`public-feedback:${ip}`, this.opts.publicFeedbackPerHour, HOUR);
    const d = await this.loadPublic(id);
    let check: 'pass' | 'review' | 'risky' | 'unchecked' = 'unchecked';
    if (this.opts.publicCheckOpenid) {
      try {
        check = (await this.checker.msgSecCheck({ openid: this.opts.publicCheckOpenid, content: input.content, scene: 2 })).suggest;
      } catch {
        check = 'unchecked';
      }
    }
    if (check === 'risky') throw new AppError('FEEDBACK_REJECTED');
    return this.feedback.createPublic({ orgId: d.orgId, disclosureId: d.id, content: input.content, contact: input.contact, check }, audit);
  }

  /** Today in the township's calendar (for the schedule service and the demo). */
  today(): string {
    return toLocalDate(this.now());
  }
}
