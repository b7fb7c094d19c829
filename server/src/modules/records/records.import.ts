/**
 * Excel import of 调研走访, 谈心谈话, 党建阵地 and 选树表彰, into an org the caller administers
 * (`?orgId=`): every row is checked first, and when any row is wrong nothing is written — the
 * answer (400 IMPORT_ROWS_INVALID) names each wrong row with its number and a Chinese reason.
 * Names of people are matched to the roster within the org (the visitor and talker within its
 * township): one match links the member, none keeps the name as typed where a non-member may
 * stand there (visitor, talker, person talked with), several is a row error (which one?).
 */
import ExcelJS from 'exceljs';
import {
  MAX_IMPORT_ROWS,
  RECORD_IMPORT_COLUMNS,
  RECORD_LIMITS as L,
  VISIT_PURPOSE_LABELS,
  VISIT_PURPOSES,
  householdKey,
  type RecordImportKind,
  type RecordImportResult,
  type VisitPurpose,
} from '@djzy/shared';
import type { DataSource } from 'typeorm';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Principal } from '../../core/principal';
import { isRealDate } from '../../core/validators';
import { writeAudit, type AuditContext } from '../audit';
import { townshipPathOf, type Org } from '../org';
import type { Commendation, Site, Talk, Visit, VisitHousehold } from './records.entity';
import type { RecordsService } from './records.service';

type Values = Record<string, string>;
interface RosterName {
  id: string;
  name: string;
  orgId: string;
  orgPath: string;
}

/** Text of a cell whatever Excel stored in it (rich text, hyperlinks, formulas, dates). */
function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
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

/** 2026-05-01, 2026/5/1, 2026.05.01, 2026年5月1日. */
function normalizeDate(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!m) return null;
  const s = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isRealDate(s) ? s : null;
}

const headerKey = (text: string) =>
  text
    .replace(/\s+/g, '')
    .replace(/[*＊]/g, '')
    .replace(/[（(].*[）)]$/, '');
const SPLIT_PEOPLE = /[、，,；;\n]+/;
const SPLIT_HOUSEHOLDS = /[；;、\n]+/;
const POOR_MARK = /[（(]\s*贫困户?\s*[）)]$/;
const PURPOSE_BY_TEXT = new Map<string, VisitPurpose>([
  ...VISIT_PURPOSES.map((p) => [p, p] as [string, VisitPurpose]),
  ...Object.entries(VISIT_PURPOSE_LABELS).map(([k, v]) => [v, k as VisitPurpose] as [string, VisitPurpose]),
  ['走访', 'household'],
  ['慰问', 'care'],
]);
const SUBJECT_BY_TEXT = new Map<string, 'org' | 'member'>([
  ['组织', 'org'],
  ['基层党组织', 'org'],
  ['党组织', 'org'],
  ['org', 'org'],
  ['党员', 'member'],
  ['个人', 'member'],
  ['member', 'member'],
]);

export class RecordsImport {
  constructor(
    private readonly ds: DataSource,
    private readonly records: RecordsService,
  ) {}

  /** `POST /<kind>/import?orgId=`. */
  async import(p: Principal, kind: RecordImportKind, orgId: string, file: Buffer, audit: AuditContext): Promise<RecordImportResult> {
    const org = await this.records.writableOrg(p, orgId);
    const rows = await this.readSheet(file, kind);
    const township = townshipPathOf(org.path);
    const orgs = await this.records.orgs.inSubtrees([township]);
    const roster: RosterName[] = await this.records.members
      .query('m', 'o')
      .select(['m.id AS id', 'm.name AS name', 'm.orgId AS orgId', 'o.path AS orgPath'])
      .where('o.path LIKE :t', { t: `${township}%` })
      .getRawMany();
    const ctx = new RowContext(org, orgs, roster, this.records.today());
    const errors: { row: number; message: string }[] = [];
    const visits: Visit[] = [];
    const households: VisitHousehold[] = [];
    const talks: Talk[] = [];
    const sites: Site[] = [];
    const commendations: Commendation[] = [];
    const now = this.records.now();
    for (const { row, values } of rows) {
      const problems: string[] = [];
      const say = (m: string) => void problems.push(m);
      const base = { createdBy: p.id, createdAt: now };
      if (kind === 'visits') {
        const on = ctx.day(values.on, '日期', say);
        const rowOrg = ctx.org(values.org, say);
        const visitor = rowOrg ? ctx.person(values.visitor, '走访人', townshipPathOf(rowOrg.path), true, say) : null;
        const purpose = PURPOSE_BY_TEXT.get(values.purpose ?? '');
        if (!purpose) say(`类型「${values.purpose ?? ''}」应为：${Object.values(VISIT_PURPOSE_LABELS).join('、')}`);
        const topic = ctx.text(values.topic, '主题', L.topic, true, say);
        const place = ctx.text(values.place, '地点', L.place, false, say);
        const id = newId();
        const own: VisitHousehold[] = [];
        const seen = new Set<string>();
        for (const raw of (values.households ?? '')
          .split(SPLIT_HOUSEHOLDS)
          .map((s) => s.trim())
          .filter(Boolean)) {
          const poor = POOR_MARK.test(raw);
          const text = raw.replace(POOR_MARK, '').trim();
          const key = householdKey(text);
          if (text.length > L.household) say(`走访户「${text.slice(0, 20)}…」过长（最多 ${L.household} 字）`);
          else if (seen.has(key)) say(`走访户「${text}」重复`);
          else if (key) {
            seen.add(key);
            own.push({ id: newId(), visitId: id, household: text, householdKey: key, memberId: null, poor });
          }
        }
        if (own.length > L.households) say(`一次走访最多登记 ${L.households} 户`);
        if (!problems.length && on && rowOrg && visitor && purpose && topic) {
          visits.push({
            id,
            orgId: rowOrg.id,
            visitorMemberId: visitor.id,
            visitorName: visitor.name,
            on,
            purpose,
            topic,
            place: place || null,
            ...base,
          });
          households.push(...own);
        }
      } else if (kind === 'talks') {
        const on = ctx.day(values.on, '日期', say);
        const rowOrg = ctx.org(values.org, say);
        const talker = rowOrg ? ctx.person(values.talker, '谈话人', townshipPathOf(rowOrg.path), true, say) : null;
        const topic = ctx.text(values.topic, '谈话内容', L.topic, true, say);
        const names = (values.with ?? '')
          .split(SPLIT_PEOPLE)
          .map((s) => s.trim())
          .filter(Boolean);
        if (!names.length) say('谈话对象不能为空（多人用顿号分隔）');
        if (names.length > L.talkPeople) say(`一次最多登记 ${L.talkPeople} 人`);
        const people = rowOrg ? names.map((n) => ctx.person(n, '谈话对象', rowOrg.path, false, say)) : [];
        const seen = new Set<string>();
        for (const w of people)
          if (w && seen.has(w.id ?? w.name)) say(`谈话对象「${w.name}」重复`);
          else if (w) seen.add(w.id ?? w.name);
        if (!problems.length && on && rowOrg && talker && topic)
          for (const w of people)
            talks.push({
              id: newId(),
              orgId: rowOrg.id,
              talkerMemberId: talker.id,
              talkerName: talker.name,
              withMemberId: w!.id,
              withName: w!.name,
              on,
              topic,
              ...base,
            });
      } else if (kind === 'sites') {
        const rowOrg = values.org ? ctx.org(values.org, say) : (say('所属支部不能为空'), null);
        if (rowOrg && rowOrg.kind !== 'branch') say(`「${rowOrg.name}」不是党支部，党建阵地须登记在党支部`);
        const name = ctx.text(values.name, '阵地名称', L.siteName, true, say);
        const address = ctx.text(values.address, '地址', L.address, false, say);
        let areaM2: number | null = null;
        if (values.areaM2) {
          areaM2 = /^\d+$/.test(values.areaM2) ? Number(values.areaM2) : NaN;
          if (!Number.isInteger(areaM2) || areaM2 < 1 || areaM2 > 1_000_000) say(`面积「${values.areaM2}」应为正整数（平方米）`);
        }
        const standardizedOn = values.standardizedOn ? ctx.day(values.standardizedOn, '标准化建成日期', say) : null;
        const note = ctx.text(values.note, '备注', L.note, false, say);
        if (!problems.length && rowOrg && name)
          sites.push({
            id: newId(),
            orgId: rowOrg.id,
            name,
            address: address || null,
            areaM2,
            standardizedOn,
            note: note || null,
            createdAt: now,
            updatedAt: now,
          });
      } else {
        const on = ctx.day(values.on, '表彰日期', say);
        let year = on ? Number(on.slice(0, 4)) : 0;
        if (values.year) {
          year = /^\d{4}$/.test(values.year) ? Number(values.year) : NaN;
          if (!(year >= 2000 && year <= 2100)) say(`年度「${values.year}」应为四位数年份`);
        }
        if (on && year && (Number(on.slice(0, 4)) < year || Number(on.slice(0, 4)) > year + 1)) say('表彰日期应在表彰年度内或次年');
        const title = ctx.text(values.title, '表彰名称', L.commendationTitle, true, say);
        const subject = SUBJECT_BY_TEXT.get(values.subjectKind ?? '');
        if (!subject) say(`表彰对象类型「${values.subjectKind ?? ''}」应为 组织 或 党员`);
        const named = values.org ? ctx.org(values.org, say) : null;
        let subjectOrg: Org | null = null;
        let memberId: string | null = null;
        if (subject === 'org') {
          if (!values.org) say('表彰组织时请填写组织名称');
          subjectOrg = named;
          if (values.member) say('表彰组织时不填党员姓名');
        } else if (subject === 'member') {
          if (!values.member) say('表彰党员时请填写党员姓名');
          else {
            const m = ctx.person(values.member, '党员', (named ?? org).path, false, say, true);
            if (m?.id) {
              memberId = m.id;
              subjectOrg = ctx.orgById(roster.find((r) => r.id === m.id)!.orgId);
            }
          }
        }
        const note = ctx.text(values.note, '备注', L.note, false, say);
        if (!problems.length && on && title && subject && subjectOrg)
          commendations.push({
            id: newId(),
            year,
            on,
            title,
            issuerOrgId: org.id,
            subjectKind: subject,
            orgId: subjectOrg.id,
            memberId,
            note: note || null,
            ...base,
          });
      }
      if (problems.length) errors.push({ row, message: problems.join('；') });
    }
    if (errors.length)
      throw new AppError('IMPORT_ROWS_INVALID', errors, `表格中有 ${errors.length} 行内容不正确，未导入任何记录，请按提示修改后重新上传`);
    const repo = this.records.repo;
    let created = 0;
    await this.ds.transaction(async (em) => {
      if (kind === 'visits') await repo.insertVisits(em, visits, households);
      if (kind === 'talks') await repo.insertTalks(em, talks);
      if (kind === 'sites') await repo.insertSites(em, sites);
      if (kind === 'commendations') await repo.insertCommendations(em, commendations);
      created = visits.length + talks.length + sites.length + commendations.length;
      await writeAudit(
        em,
        p,
        `${kind === 'visits' ? 'visit' : kind === 'talks' ? 'talk' : kind === 'sites' ? 'site' : 'commendation'}.import`,
        { type: 'org', id: org.id },
        { created },
        audit,
      );
    });
    return { created, errors: [] };
  }

  private async readSheet(file: Buffer, kind: RecordImportKind): Promise<{ row: number; values: Values }[]> {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(file as unknown as ArrayBuffer);
    } catch {
      throw new AppError('IMPORT_FILE_INVALID');
    }
    const ws = wb.worksheets[0];
    if (!ws || ws.rowCount < 1) throw new AppError('IMPORT_FILE_EMPTY');
    const columns = RECORD_IMPORT_COLUMNS[kind];
    const colOf = new Map<string, number>();
    ws.getRow(1).eachCell((cell, col) => {
      const text = headerKey(cellText(cell.value));
      const column = columns.find((c) => headerKey(c.header) === text);
      if (column && !colOf.has(column.key)) colOf.set(column.key, col);
    });
    const missing = columns.filter((c) => c.required && !colOf.has(c.key)).map((c) => c.header);
    if (missing.length)
      throw new AppError('IMPORT_COLUMNS_INVALID', { missing }, `表格缺少必需的列：${missing.join('、')}（第 1 行应为表头，可下载模板）`);
    const rows: { row: number; values: Values }[] = [];
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const values: Values = {};
      let any = false;
      for (const [key, col] of colOf) {
        values[key] = cellText(row.getCell(col).value);
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

  /** `GET /<kind>/import-template.xlsx`: the headers, one example row and a sheet of notes. */
  async template(kind: RecordImportKind): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    wb.creator = '党建智慧云';
    const ws = wb.addWorksheet(TEMPLATE[kind].sheet);
    const columns = RECORD_IMPORT_COLUMNS[kind];
    ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(14, c.header.length * 3) }));
    ws.getRow(1).font = { bold: true };
    ws.addRow(TEMPLATE[kind].example);
    const notes = wb.addWorksheet('填写说明');
    notes.addRows([
      ['列', '说明'],
      ...columns.map((c) => [c.header, `${c.required ? '必填。' : '可不填。'}${TEMPLATE[kind].notes[c.key] ?? ''}`]),
      ['', '第 2 行是示例，导入前请删除；任何一行有误时整张表都不会导入。'],
    ]);
    notes.getColumn(1).width = 16;
    notes.getColumn(2).width = 80;
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}

const TEMPLATE: Record<RecordImportKind, { sheet: string; example: Record<string, string | number>; notes: Record<string, string> }> = {
  visits: {
    sheet: '调研走访',
    example: {
      on: '2026-05-20',
      org: '',
      visitor: '张三',
      purpose: '走访党员群众',
      topic: '了解春耕生产情况',
      place: '东关村',
      households: '东关村一组 王*明户（贫困户）；东关村二组 李*华户',
    },
    notes: {
      on: '如 2026-05-20，不能晚于今天',
      org: '不填即导入时选择的组织；填写时须是其下级组织的名称',
      visitor: '姓名；与本乡镇党员名册中唯一一人同名时自动关联，否则按填写的姓名记录',
      purpose: Object.values(VISIT_PURPOSE_LABELS).join(' / '),
      topic: `最多 ${L.topic} 字`,
      households: '多户用分号或顿号分隔；贫困户在户名后加“（贫困户）”',
    },
  },
  talks: {
    sheet: '谈心谈话',
    example: { on: '2026-05-10', org: '', talker: '张三', with: '李四、王五', topic: '年度工作谈心' },
    notes: {
      on: '如 2026-05-10，不能晚于今天',
      org: '不填即导入时选择的组织',
      talker: '姓名；与本乡镇党员名册中唯一一人同名时自动关联',
      with: '多人用顿号分隔，每人计一人次；与本组织党员重名多人时请改用全名区分',
    },
  },
  sites: {
    sheet: '党建阵地',
    example: {
      org: '东关村党支部',
      name: '东关村党群服务中心',
      address: '东关村村委会院内',
      areaM2: 180,
      standardizedOn: '2026-06-30',
      note: '',
    },
    notes: { org: '党支部名称', areaM2: '正整数', standardizedOn: '达到标准化建设要求的日期，未达标不填' },
  },
  commendations: {
    sheet: '选树表彰',
    example: { on: '2026-06-28', year: 2026, title: '优秀共产党员', subjectKind: '党员', org: '', member: '张三', note: '' },
    notes: {
      on: '如 2026-06-28，不能晚于今天',
      year: '不填即表彰日期的年份',
      subjectKind: '组织 / 党员',
      org: '表彰组织时必填；表彰党员时可填其所在组织，用于区分重名',
      member: '表彰党员时必填，须是党员名册中的人',
    },
  },
};

/** The lookups and checks every row shares, each reporting its problem in Chinese through `say`. */
class RowContext {
  private readonly byId: Map<string, Org>;
  constructor(
    private readonly root: Org,
    private readonly orgs: Org[],
    private readonly roster: RosterName[],
    private readonly today: string,
  ) {
    this.byId = new Map(orgs.map((o) => [o.id, o]));
  }

  orgById(id: string): Org | null {
    return this.byId.get(id) ?? null;
  }

  day(text: string | undefined, label: string, say: (m: string) => void): string | null {
    if (!text) return (say(`${label}不能为空`), null);
    const d = normalizeDate(text);
    if (!d) return (say(`${label}「${text}」格式应为 2026-05-20`), null);
    if (d > this.today) return (say(`${label}「${d}」不能晚于今天`), null);
    return d;
  }

  text(value: string | undefined, label: string, limit: number, required: boolean, say: (m: string) => void): string {
    const t = (value ?? '').trim();
    if (!t && required) say(`${label}不能为空`);
    if (t.length > limit) say(`${label}过长（最多 ${limit} 字）`);
    return t;
  }

  /** The org named in a row (the import's org when blank), within the import's org. */
  org(text: string | undefined, say: (m: string) => void): Org | null {
    if (!text) return this.root;
    const found = this.orgs.filter((o) => o.name === text.trim() && o.path.startsWith(this.root.path));
    if (!found.length) return (say(`组织「${text}」不存在或不在${this.root.name}范围内`), null);
    if (found.length > 1) return (say(`组织「${text}」有重名`), null);
    return found[0];
  }

  /**
   * A person by name within the subtree at `path`: one roster match → that member; none → the name
   * as typed (unless `memberOnly`); several → a row problem.
   */
  person(
    text: string | undefined,
    label: string,
    path: string,
    required: boolean,
    say: (m: string) => void,
    memberOnly = false,
  ): { id: string | null; name: string } | null {
    const name = (text ?? '').trim();
    if (!name) return (required && say(`${label}不能为空`), null);
    if (name.length > L.personName) return (say(`${label}「${name.slice(0, 10)}…」过长`), null);
    const matches = this.roster.filter((m) => m.name === name && m.orgPath.startsWith(path));
    if (matches.length > 1) return (say(`${label}「${name}」在名册中有 ${matches.length} 人同名，请在系统中逐条登记以选定具体的人`), null);
    if (matches.length === 1) return { id: matches[0].id, name };
    if (memberOnly) return (say(`${label}「${name}」不在党员名册中（或不在该组织范围内）`), null);
    return { id: null, name };
  }
}
