/**
 * The Excel roster: import with row-level errors (a bad row never stops the good ones, and
 * re-importing the same file changes nothing) and export in the same columns.
 */
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import {
  GENDER_LABELS,
  MAX_IMPORT_ROWS,
  MEMBER_STATUS_LABELS,
  MEMBER_STATUSES,
  ORG_KIND_LABELS,
  ROSTER_COLUMNS,
  isValidIdCard,
  isValidPhone,
  maskIdCard,
  maskPhone,
  normalizeIdCard,
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
  ...Object.entries(MEMBER_STATUS_LABELS).map(([k, v]) => [v, k as MemberStatus] as [string, MemberStatus]),
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
  if (v instanceof Date) return `${v.getUTCFullYear()}-${String(v.getUTCMonth() + 1).padStart(2, '0')}-${String(v.getUTCDate()).padStart(2, '0')}`;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim();
    if ('text' in v) return String((v as { text: unknown }).text ?? '').trim();
    if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('error' in v) return '';
    return '';
  }
  return String(v).trim();
}

/** Accepts 2001-07-01, 2001/7/1, 2001.07.01 and 2001年7月1日. */
function normalizeDate(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (!m) return null;
  const s = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isRealDate(s) ? s : null;
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

  /** `POST /members/import`. */
  async import(p: Principal, file: Buffer, audit: AuditContext): Promise<ImportResult> {
    if (!isManager(p)) throw new AppError('FORBIDDEN');
    const rows = await this.readSheet(file);
    const scopeOrgs = await this.orgsInScope(p);
    const errors: ImportRowError[] = [];
    const parsed: ParsedRow[] = [];
    const seen = new Map<string, number>();
    for (const { row, values } of rows) {
      const result = this.parseRow(row, values, scopeOrgs);
      if (typeof result === 'string') {
        errors.push({ row, message: result });
        continue;
      }
      const first = seen.get(result.idCard);
      if (first) {
        errors.push({ row, message: `身份证号与第 ${first} 行重复` });
        continue;
      }
      seen.set(result.idCard, row);
      parsed.push(result);
    }

    let created = 0;
    let updated = 0;
    let unchanged = 0;
    await this.ds.transaction(async (em) => {
      const hashes = parsed.map((r) => this.cipher.blindIndex(r.idCard)!);
      const existing = await this.repo.byIdCardHashes(em, hashes);
      const existingOrgs = await this.orgs.withAncestors([...existing.values()].map((m) => m.orgId));
      const now = this.now();
      const inserts: Member[] = [];
      for (const r of parsed) {
        const hash = this.cipher.blindIndex(r.idCard)!;
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
          errors.push({ row: r.row, message: '该身份证号的党员在其他组织的名册中（不在您的管理范围内），请联系上级管理员办理组织关系转接' });
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
        });
        await this.repo.save(em, m);
        updated++;
      }
      await this.repo.insertMany(em, inserts);
      created = inserts.length;
      await writeAudit(em, p, 'member.import', { type: 'member', id: null }, { created, updated, unchanged, errors: errors.length }, audit);
    });
    errors.sort((a, b) => a.row - b.row);
    return { created, updated, unchanged, errors };
  }

  private async readSheet(file: Buffer): Promise<{ row: number; values: RowValues }[]> {
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
        else values[key] = cellText(cell.value);
        if (values[key]) any = true;
      }
      if (!any) continue;
      rows.push({ row: r, values });
      if (rows.length > MAX_IMPORT_ROWS)
        throw new AppError('IMPORT_TOO_MANY_ROWS', { max: MAX_IMPORT_ROWS }, `表格超过 ${MAX_IMPORT_ROWS} 行，请分批导入`);
    }
    if (!rows.length) throw new AppError('IMPORT_FILE_EMPTY');
    return rows;
  }

  /** A parsed row, or the Chinese reason it cannot be imported. */
  private parseRow(row: number, v: RowValues, scopeOrgs: Org[]): ParsedRow | string {
    const problems: string[] = [];
    const name = (v.name ?? '').trim();
    if (!name) problems.push('姓名不能为空');
    else if (name.length > 50) problems.push('姓名过长');
    const idRaw = v.idCard ?? '';
    let idCard = '';
    if (idRaw.startsWith('#number:')) problems.push('身份证号被 Excel 存成了数字（末几位已丢失），请把该列设为文本后重新填写');
    else if (!idRaw) problems.push('身份证号不能为空');
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
    if (v.joinedAt) {
      joinedAt = normalizeDate(v.joinedAt);
      if (!joinedAt) problems.push(`入党日期「${v.joinedAt}」格式应为 2001-07-01`);
    }
    const education = (v.education ?? '').trim() || null;
    if (education && education.length > 20) problems.push('学历过长');
    const mobileText = (v.isMobile ?? '').trim().toLowerCase();
    let isMobile = false;
    if (YES.has(mobileText)) isMobile = true;
    else if (!NO.has(mobileText)) problems.push(`流动党员「${v.isMobile}」应为 是 或 否`);
    const orgResult = this.resolveOrg((v.org ?? '').trim(), scopeOrgs);
    if (typeof orgResult === 'string') problems.push(orgResult);
    if (problems.length) return problems.join('；');
    return {
      row,
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
   * `东村党支部/第一党小组`) when a name alone is ambiguous. Only branches and groups in scope.
   */
  private resolveOrg(text: string, scopeOrgs: Org[]): Org | string {
    if (!text) return '所在组织不能为空';
    const parts = text.split(/[/／\\>]/).map((s) => s.trim()).filter(Boolean);
    const last = parts[parts.length - 1];
    const byId = new Map(scopeOrgs.map((o) => [o.id, o]));
    let candidates = scopeOrgs.filter((o) => o.name === last && (o.kind === 'branch' || o.kind === 'group'));
    if (parts.length > 1) {
      candidates = candidates.filter((o) => {
        const ancestorNames = o.path.split('/').filter(Boolean).map((id) => byId.get(id)?.name);
        return parts.slice(0, -1).every((name) => ancestorNames.includes(name));
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

  /** `GET /members/export.xlsx`: the roster of an org's subtree (masked unless revealed). */
  async export(p: Principal, orgId: string | undefined, reveal: boolean, audit: AuditContext): Promise<Buffer> {
    if (!isManager(p)) throw new AppError('FORBIDDEN');
    const paths = await this.orgs.scopeOf(p, orgId);
    if (reveal && !paths.every((path) => covers(p, path, ['admin'])))
      throw new AppError('REVEAL_NOT_ALLOWED');
    const members = await this.repo.inSubtrees(paths);
    const orgs = await this.orgs.withAncestors(members.map((m) => m.orgId));
    const wb = new ExcelJS.Workbook();
    wb.creator = '党建智慧云';
    const ws = wb.addWorksheet('党员名册');
    ws.columns = ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === 'idCard' ? 22 : c.key === 'org' ? 28 : 14 }));
    ws.getRow(1).font = { bold: true };
    ws.getColumn('idCard').numFmt = '@';
    ws.getColumn('phone').numFmt = '@';
    for (const m of members) {
      const org = orgs.get(m.orgId);
      const parent = org?.kind === 'group' && org.parentId ? orgs.get(org.parentId) : undefined;
      const idCard = this.cipher.decrypt(m.idCardEnc);
      const phone = this.cipher.decrypt(m.phoneEnc);
      ws.addRow({
        name: m.name,
        gender: m.gender ? GENDER_LABELS[m.gender] : '',
        idCard: reveal ? idCard : maskIdCard(idCard),
        phone: (reveal ? phone : maskPhone(phone)) ?? '',
        org: parent ? `${parent.name}/${org!.name}` : (org?.name ?? ''),
        status: MEMBER_STATUS_LABELS[m.status],
        joinedAt: m.joinedAt ?? '',
        education: m.education ?? '',
        isMobile: m.isMobile ? '是' : '否',
      });
    }
    await auditNow(this.ds, p, 'member.export', { type: 'org', id: orgId ?? null }, { count: members.length, reveal }, audit);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /** An empty roster with the right headers and one example row, for people starting from scratch. */
  async template(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('党员名册');
    ws.columns = ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === 'idCard' ? 22 : 16 }));
    ws.getRow(1).font = { bold: true };
    ws.getColumn('idCard').numFmt = '@';
    ws.getColumn('phone').numFmt = '@';
    const note = wb.addWorksheet('填写说明');
    note.addRows([
      ['列', '说明'],
      ['姓名', '必填'],
      ['性别', '男 / 女，可不填（按身份证号推算）'],
      ['身份证号', '必填，18 位；请把该列设为“文本”格式，避免末位丢失'],
      ['手机号', '11 位，可不填'],
      ['所在组织', '必填，党支部或党小组名称；重名时写成“上级组织/名称”'],
      ['人员类别', Object.values(MEMBER_STATUS_LABELS).join(' / ')],
      ['入党日期', '如 2001-07-01，可不填'],
      ['学历', '可不填'],
      ['流动党员', '是 / 否，可不填'],
    ]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
