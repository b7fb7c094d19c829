/**
 * The Excel roster: import with row-level errors (a bad row never stops the good ones, and
 * re-importing the same file changes nothing) and export in the same columns — the org written as
 * its full path (清河县委/城关镇党委/东关村党支部/第三党小组) so an exported file imports again as it is.
 */
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import {
  GENDER_LABELS,
  MAX_ROSTER_IMPORT_ROWS,
  MEMBER_STATUS_LABELS,
  MEMBER_STATUSES,
  ORG_KIND_LABELS,
  ROSTER_COLUMNS,
  isValidIdCard,
  isValidPhone,
  maskIdCard,
  maskPhone,
  normalizeIdCard,
  toLocalDate,
  type Gender,
  type ImportResult,
  type ImportRowError,
  type MemberStatus,
  type RosterColumnKey,
} from '@djzy/shared';
import { auditNow, writeAudit, type AuditContext } from '../audit';
import { systemClock, type Clock } from '../../core/clock';
import type { FieldCipher } from '../../core/crypto';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import { covers, isManager, scopePaths, type Principal } from '../../core/principal';
import { isRealDate } from '../../core/validators';
import type { Org, OrgService } from '../org';
import type { Member } from './member.entity';
import { MemberRepository } from './member.repository';
import { birthDateFromIdCard, genderFromIdCard } from './member.service';

type RowValues = Partial<Record<RosterColumnKey, string>>;

interface ParsedRow {
  row: number;
  values: RowValues;
  name: string;
  gender: Gender;
  idCard: string;
  phone: string | null;
  org: Org;
  status: MemberStatus;
  joinedAt: string | null;
  education: string | null;
  isMobile: boolean;
}

const STATUS_BY_TEXT = new Map<string, MemberStatus>([
  ...MEMBER_STATUSES.map((s) => [s, s] as [string, MemberStatus]),
  // Only the statuses a form may set: an ended membership (劝退/除名) comes from its disposal, not from a spreadsheet.
  ...MEMBER_STATUSES.map((k) => [MEMBER_STATUS_LABELS[k], k] as [string, MemberStatus]),
]);
const GENDER_BY_TEXT = new Map<string, Gender>([
  ['男', 'male'],
  ['女', 'female'],
  ['male', 'male'],
  ['female', 'female'],
]);
const YES = new Set(['是', '流动', '流动党员', 'y', 'yes', 'true', '1']);
const NO = new Set(['', '否', '无', 'n', 'no', 'false', '0']);

/** Text of a cell whatever Excel stored in it (rich text, hyperlinks, formulas, dates). */
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
    if ('error' in v) return '';
    return '';
  }
  return String(v).trim();
}

/**
 * Accepts 2001-07-01, 2001/7/1, 2001.07.01, 2001年7月1日 and, as people write 入党时间 in the
 * old registers, a month alone — 1985.07, 1985-07, 1985/7, 1985年7月 — taken as its first day.
 */
export function normalizeDate(text: string): string | null {
  const t = text.replace(/\s+/g, '');
  const day = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  const month = day ? null : /^(\d{4})[-/.年](\d{1,2})月?$/.exec(t);
  const m = day ?? month;
  if (!m) return null;
  const s = `${m[1]}-${m[2].padStart(2, '0')}-${(day ? m[3] : '1').padStart(2, '0')}`;
  return isRealDate(s) ? s : null;
}

/** An OLE2 compound file (the old .xls format) starts with these bytes. */
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Progress of an import: rows checked, then rows written, out of all rows of the file. */
export type ImportProgress = (phase: 'check' | 'write', done: number, total: number) => void;

/** Dropdowns (Excel data validation) of the columns that take one of a few words. */
function addDropdowns(ws: ExcelJS.Worksheet, lastRow: number): void {
  const lists: [RosterColumnKey, string[]][] = [
    ['gender', ['男', '女']],
    ['status', Object.values(MEMBER_STATUS_LABELS)],
    ['isMobile', ['是', '否']],
  ];
  for (const [key, words] of lists) {
    const col = ws.getColumn(key).letter;
    // One range per column (exceljs has it at run time; its typings do not).
    (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
      `${col}2:${col}${lastRow}`,
      {
        type: 'list',
        allowBlank: true,
        formulae: [`"${words.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'error',
        errorTitle: '请从下拉列表中选择',
        error: `应为：${words.join('、')}`,
      },
    );
  }
}

export class RosterService {
  private readonly repo: MemberRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
    private readonly cipher: FieldCipher,
    private readonly now: Clock = systemClock,
  ) {
    this.repo = new MemberRepository(ds);
  }

  /** `POST /members/import`: reads the whole file first (a bad file is a 4xx before any row). */
  async import(p: Principal, file: Buffer, audit: AuditContext, onProgress?: ImportProgress): Promise<ImportResult> {
    return (await this.prepareImport(p, file, audit))(onProgress);
  }

  /**
   * Checks the caller and reads the file (throwing the whole-file errors), and returns the run of
   * the rows — so a streamed import can answer a bad file with its 4xx before streaming starts.
   */
  async prepareImport(p: Principal, file: Buffer, audit: AuditContext): Promise<(onProgress?: ImportProgress) => Promise<ImportResult>> {
    if (!isManager(p)) throw new AppError('FORBIDDEN');
    const rows = await this.readSheet(file);
    return (onProgress) => this.importRows(p, rows, audit, onProgress ?? (() => undefined));
  }

  private async importRows(
    p: Principal,
    rows: { row: number; values: RowValues }[],
    audit: AuditContext,
    progress: ImportProgress,
  ): Promise<ImportResult> {
    const total = rows.length;
    const scopeOrgs = await this.orgsInScope(p);
    const chains = await this.orgs.withAncestors(scopeOrgs.map((o) => o.id));
    const orgOf = this.orgResolver(scopeOrgs, chains);
    const errors: ImportRowError[] = [];
    const parsed: ParsedRow[] = [];
    const seen = new Map<string, number>();
    let checked = 0;
    for (const { row, values } of rows) {
      if (++checked % 1000 === 0) progress('check', checked, total);
      const result = this.parseRow(row, values, orgOf);
      if (typeof result === 'string') {
        errors.push({ row, message: result, values });
        continue;
      }
      const first = seen.get(result.idCard);
      if (first) {
        errors.push({ row, message: `身份证号与第 ${first} 行重复`, values });
        continue;
      }
      seen.set(result.idCard, row);
      parsed.push(result);
    }
    progress('check', total, total);

    let created = 0;
    let updated = 0;
    let unchanged = 0;
    let written = errors.length;
    await this.ds.transaction(async (em) => {
      const hashes = parsed.map((r) => this.cipher.blindIndex(r.idCard)!);
      const existing = await this.repo.byIdCardHashes(em, hashes);
      const existingOrgs = await this.orgs.withAncestors([...existing.values()].map((m) => m.orgId));
      const now = this.now();
      const inserts: Member[] = [];
      const changed: Member[] = [];
      for (const [i, r] of parsed.entries()) {
        const hash = hashes[i];
        const phoneHash = this.cipher.blindIndex(r.phone);
        const m = existing.get(hash);
        if (!m) {
          inserts.push(
            this.repo.build({
              id: newId(),
              name: r.name,
              gender: r.gender,
              orgId: r.org.id,
              status: r.status,
              idCardEnc: this.cipher.encrypt(r.idCard)!,
              idCardHash: hash,
              phoneEnc: this.cipher.encrypt(r.phone),
              phoneHash,
              birthDate: birthDateFromIdCard(r.idCard),
              joinedAt: r.joinedAt,
              education: r.education,
              isMobile: r.isMobile,
              createdAt: now,
              updatedAt: now,
            }),
          );
          continue;
        }
        const currentOrg = existingOrgs.get(m.orgId);
        if (!currentOrg || !covers(p, currentOrg.path)) {
          errors.push({
            row: r.row,
            message: '该身份证号的党员在其他组织的名册中（不在您的管理范围内），请联系上级管理员办理组织关系转接',
            values: r.values,
          });
          continue;
        }
        const same =
          m.name === r.name &&
          m.gender === r.gender &&
          m.orgId === r.org.id &&
          m.status === r.status &&
          m.phoneHash === phoneHash &&
          m.joinedAt === r.joinedAt &&
          m.education === r.education &&
          !!m.isMobile === r.isMobile;
        if (same) {
          unchanged++;
          continue;
        }
        changed.push(
          Object.assign(m, {
            name: r.name,
            gender: r.gender,
            orgId: r.org.id,
            status: r.status,
            phoneEnc: m.phoneHash === phoneHash ? m.phoneEnc : this.cipher.encrypt(r.phone),
            phoneHash,
            joinedAt: r.joinedAt,
            education: r.education,
            isMobile: r.isMobile,
            updatedAt: now,
          }),
        );
      }
      updated = changed.length;
      written += unchanged;
      progress('write', written, total);
      await this.repo.updateMany(em, changed, (n) => progress('write', written + n, total));
      written += updated;
      await this.repo.insertMany(em, inserts, (n) => progress('write', written + n, total));
      created = inserts.length;
      await writeAudit(em, p, 'member.import', { type: 'member', id: null }, { created, updated, unchanged, errors: errors.length }, audit);
    });
    progress('write', total, total);
    errors.sort((a, b) => a.row - b.row);
    return { created, updated, unchanged, errors };
  }

  private async readSheet(file: Buffer): Promise<{ row: number; values: RowValues }[]> {
    // No maintained library reads the old binary format in Node (SheetJS on npm stopped at 0.18.5).
    if (file.subarray(0, OLE2_MAGIC.length).equals(OLE2_MAGIC)) throw new AppError('IMPORT_XLS_UNSUPPORTED');
    const wb = new ExcelJS.Workbook();
    try {
      // exceljs rejects anything that is not an OOXML zip (CSV, .xls, random bytes).
      await wb.xlsx.load(file as unknown as ArrayBuffer);
    } catch {
      throw new AppError('IMPORT_FILE_INVALID');
    }
    const ws = wb.worksheets[0];
    if (!ws || ws.rowCount < 1) throw new AppError('IMPORT_FILE_EMPTY');
    const header = ws.getRow(1);
    const colOf = new Map<RosterColumnKey, number>();
    header.eachCell((cell, col) => {
      const text = cellText(cell.value).replace(/\s+/g, '').replace(/[*＊]/g, '');
      const column = ROSTER_COLUMNS.find((c) => c.header === text);
      if (column && !colOf.has(column.key)) colOf.set(column.key, col);
    });
    const missing = ROSTER_COLUMNS.filter((c) => c.required && !colOf.has(c.key)).map((c) => c.header);
    if (missing.length)
      throw new AppError('IMPORT_COLUMNS_INVALID', { missing }, `表格缺少必需的列：${missing.join('、')}（第 1 行应为表头）`);
    const rows: { row: number; values: RowValues }[] = [];
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const values: RowValues = {};
      let any = false;
      for (const [key, col] of colOf) {
        const cell = row.getCell(col);
        // An 18-digit ID typed as a number has already lost its last digits in Excel.
        if (key === 'idCard' && typeof cell.value === 'number') values[key] = `#number:${cell.value}`;
        // 1985.10 typed into Excel is stored as the number 1985.1: October or January?
        else if (key === 'joinedAt' && typeof cell.value === 'number' && /^\d{4}\.1$/.test(String(cell.value)))
          values[key] = `#number:${cell.value}`;
        else values[key] = cellText(cell.value);
        if (values[key]) any = true;
      }
      if (!any) continue;
      rows.push({ row: r, values });
      if (rows.length > MAX_ROSTER_IMPORT_ROWS)
        throw new AppError('IMPORT_TOO_MANY_ROWS', { max: MAX_ROSTER_IMPORT_ROWS }, `表格超过 ${MAX_ROSTER_IMPORT_ROWS} 行，请分批导入`);
    }
    if (!rows.length) throw new AppError('IMPORT_FILE_EMPTY');
    return rows;
  }

  /** A parsed row, or the Chinese reason it cannot be imported. */
  private parseRow(row: number, v: RowValues, orgOf: (text: string) => Org | string): ParsedRow | string {
    const problems: string[] = [];
    const name = (v.name ?? '').trim();
    if (!name) problems.push('姓名不能为空');
    else if (name.length > 50) problems.push('姓名过长');
    const idRaw = v.idCard ?? '';
    let idCard = '';
    if (idRaw.startsWith('#number:')) problems.push('身份证号被 Excel 存成了数字（末几位已丢失），请把该列设为文本后重新填写');
    else if (!idRaw) problems.push('身份证号不能为空');
    // A masked export's number (110101********0011) names nobody: say how to get the full one.
    else if (/[*＊]/.test(idRaw))
      problems.push('身份证号是导出时隐去中间几位的号码，请由管理员打开“显示完整信息”后导出，或填写完整的 18 位号码');
    else if (!isValidIdCard(idRaw)) problems.push(`身份证号「${maskIdCard(idRaw)}」不正确（应为 18 位，且校验位正确）`);
    else idCard = normalizeIdCard(idRaw)!;
    let gender: Gender | undefined;
    if (v.gender) {
      gender = GENDER_BY_TEXT.get(v.gender.toLowerCase());
      if (!gender) problems.push(`性别「${v.gender}」应为 男 或 女`);
    }
    const phone = (v.phone ?? '').replace(/[\s-]/g, '') || null;
    if (phone && !isValidPhone(phone)) problems.push(`手机号「${maskPhone(phone)}」不正确（应为 11 位）`);
    const statusText = (v.status ?? '').trim();
    const status = STATUS_BY_TEXT.get(statusText);
    if (!statusText) problems.push('人员类别不能为空');
    else if (!status) problems.push(`人员类别「${statusText}」应为：${Object.values(MEMBER_STATUS_LABELS).join('、')}`);
    let joinedAt: string | null = null;
    if (v.joinedAt?.startsWith('#number:'))
      problems.push(
        `入党日期「${v.joinedAt.slice(8)}」被 Excel 存成了数字，分不清是 1 月还是 10 月，请写成 ${v.joinedAt.slice(8, 12)}-10-01 或 ${v.joinedAt.slice(8, 12)}-01-01`,
      );
    else if (v.joinedAt) {
      joinedAt = normalizeDate(v.joinedAt);
      if (!joinedAt) problems.push(`入党日期「${v.joinedAt}」格式应为 2001-07-01（也可写 2001.07、2001年7月、2001/7/1）`);
    }
    const education = (v.education ?? '').trim() || null;
    if (education && education.length > 20) problems.push('学历过长');
    const mobileText = (v.isMobile ?? '').trim().toLowerCase();
    let isMobile = false;
    if (YES.has(mobileText)) isMobile = true;
    else if (!NO.has(mobileText)) problems.push(`流动党员「${v.isMobile}」应为 是 或 否`);
    const orgResult = orgOf((v.org ?? '').trim());
    if (typeof orgResult === 'string') problems.push(orgResult);
    if (problems.length) return problems.join('；');
    return {
      row,
      values: v,
      name,
      gender: gender ?? genderFromIdCard(idCard),
      idCard,
      phone,
      org: orgResult as Org,
      status: status!,
      joinedAt,
      education,
      isMobile,
    };
  }

  /**
   * Finds the org named in a row: `东村党支部`, or with its parents (`城关镇党委/东村党支部`,
   * `东村党支部/第一党小组`, the export's full path `清河县委/城关镇党委/东村党支部/第一党小组`) when a
   * name alone is ambiguous. Only branches and groups in scope. Answers are kept per text: a
   * county's file names the same few hundred orgs thousands of times.
   */
  private orgResolver(scopeOrgs: Org[], chains: Map<string, Org>): (text: string) => Org | string {
    const memo = new Map<string, Org | string>();
    const namesAbove = (o: Org) =>
      o.path
        .split('/')
        .filter((id) => id && id !== o.id)
        .map((id) => chains.get(id)?.name);
    return (text) => {
      let answer = memo.get(text);
      if (answer === undefined) {
        answer = this.resolveOrg(text, scopeOrgs, namesAbove);
        memo.set(text, answer);
      }
      return answer;
    };
  }

  private resolveOrg(text: string, scopeOrgs: Org[], namesAbove: (o: Org) => (string | undefined)[]): Org | string {
    if (!text) return '所在组织不能为空';
    const parts = text
      .split(/[/／\\>]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const last = parts[parts.length - 1];
    let candidates = scopeOrgs.filter((o) => o.name === last && (o.kind === 'branch' || o.kind === 'group'));
    if (parts.length > 1) {
      candidates = candidates.filter((o) => {
        const above = namesAbove(o);
        return parts.slice(0, -1).every((name) => above.includes(name));
      });
    }
    if (!candidates.length) {
      const other = scopeOrgs.find((o) => o.name === last);
      if (other) return `「${text}」是${ORG_KIND_LABELS[other.kind]}，党员只能编入党支部或党小组`;
      return `所在组织「${text}」不存在或不在您的管理范围内`;
    }
    if (candidates.length > 1) return `所在组织「${text}」有重名，请写成「上级组织/${last}」`;
    return candidates[0];
  }

  private async orgsInScope(p: Principal): Promise<Org[]> {
    return this.orgs.inSubtrees(scopePaths(p));
  }

  /**
   * `GET /members/export.xlsx`: the roster of an org's subtree (masked unless an admin reveals,
   * audited), the org of each member as its full path; the file named after the org and the day.
   */
  async export(p: Principal, orgId: string | undefined, reveal: boolean, audit: AuditContext): Promise<{ filename: string; data: Buffer }> {
    if (!isManager(p)) throw new AppError('FORBIDDEN');
    const paths = await this.orgs.scopeOf(p, orgId);
    if (reveal && !paths.every((path) => covers(p, path, ['admin']))) throw new AppError('REVEAL_NOT_ALLOWED');
    const members = await this.repo.inSubtrees(paths);
    const roots = paths.map((path) => path.split('/').filter(Boolean).pop()!);
    const orgs = await this.orgs.withAncestors([...members.map((m) => m.orgId), ...roots]);
    const fullPath = (orgId: string) =>
      (orgs.get(orgId)?.path ?? '')
        .split('/')
        .filter(Boolean)
        .map((id) => orgs.get(id)?.name ?? '')
        .join('/');
    const wb = new ExcelJS.Workbook();
    wb.creator = '党建智慧云';
    const ws = wb.addWorksheet('党员名册');
    ws.columns = ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === 'idCard' ? 22 : c.key === 'org' ? 48 : 14 }));
    ws.getRow(1).font = { bold: true };
    ws.getColumn('idCard').numFmt = '@';
    ws.getColumn('phone').numFmt = '@';
    ws.getColumn('joinedAt').numFmt = '@';
    for (const m of members) {
      const idCard = this.cipher.decrypt(m.idCardEnc);
      const phone = this.cipher.decrypt(m.phoneEnc);
      ws.addRow({
        name: m.name,
        gender: m.gender ? GENDER_LABELS[m.gender] : '',
        idCard: reveal ? idCard : maskIdCard(idCard),
        phone: (reveal ? phone : maskPhone(phone)) ?? '',
        org: fullPath(m.orgId),
        status: MEMBER_STATUS_LABELS[m.status],
        joinedAt: m.joinedAt ?? '',
        education: m.education ?? '',
        isMobile: m.isMobile ? '是' : '否',
      });
    }
    addDropdowns(ws, Math.max(members.length + 1, 2) + 1000);
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    await auditNow(this.ds, p, 'member.export', { type: 'org', id: orgId ?? null }, { count: members.length, reveal }, audit);
    const names = roots.map((id) => orgs.get(id)?.name).filter(Boolean);
    const orgName = names.length === 1 ? names[0] : `${names[0] ?? ''}等${names.length}个组织`;
    const day = toLocalDate(this.now());
    const filename = `党员名册-${orgName}-${day}${reveal ? '-完整信息' : ''}.xlsx`;
    return { filename, data: Buffer.from(await wb.xlsx.writeBuffer()) };
  }

  /** An empty roster with the right headers and dropdowns, for people starting from scratch. */
  async template(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('党员名册');
    ws.columns = ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === 'idCard' ? 22 : c.key === 'org' ? 40 : 16 }));
    ws.getRow(1).font = { bold: true };
    ws.getColumn('idCard').numFmt = '@';
    ws.getColumn('phone').numFmt = '@';
    ws.getColumn('joinedAt').numFmt = '@';
    addDropdowns(ws, MAX_ROSTER_IMPORT_ROWS + 1);
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    const note = wb.addWorksheet('填写说明');
    note.addRows([
      ['列', '说明'],
      ['姓名', '必填'],
      ['性别', '男 / 女（下拉选择），可不填（按身份证号推算）'],
      ['身份证号', '必填，18 位；请把该列设为“文本”格式，避免末位丢失'],
      ['手机号', '11 位，可不填'],
      ['所在组织', '必填，党支部或党小组名称；重名时写成“上级组织/名称”，也可写完整路径，如 清河县委/城关镇党委/东关村党支部/第三党小组'],
      ['人员类别', `${Object.values(MEMBER_STATUS_LABELS).join(' / ')}（下拉选择）`],
      ['入党日期', '如 2001-07-01、2001/7/1、2001年7月1日；只知年月时写 2001.07 或 2001年7月；可不填'],
      ['学历', '可不填'],
      ['流动党员', '是 / 否（下拉选择），可不填'],
    ]);
    note.getColumn(2).width = 80;
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
