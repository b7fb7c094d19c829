/**
 * Excel import of 发展党员 cases already under way, into a branch or a township the caller
 * administers (`?orgId=`; the 基层党委's steps are in it, so a township admin): each row is one
 * person with the dates of the steps done so far, replayed step by step through the same hard
 * rules as entering them one at a time. When any row is wrong nothing is written, and the answer
 * (400 IMPORT_ROWS_INVALID) names each wrong row with its number and the rules it breaks.
 */
import ExcelJS from 'exceljs';
import {
  DEVELOPMENT_IMPORT_COLUMNS,
  MAX_IMPORT_ROWS,
  PROBATION_OUTCOME_LABELS,
  isPartyMember,
  isValidIdCard,
  normalizeIdCard,
  type DevelopmentImportResult,
  type DevelopmentVote,
  type ProbationOutcome,
} from '@djzy/shared';
import type { DataSource } from 'typeorm';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import { covers, type Principal } from '../../core/principal';
import { transactionWithRetry } from '../../core/sql';
import { isRealDate } from '../../core/validators';
import { writeAudit, type AuditContext } from '../audit';
import { townshipPathOf, type Org } from '../org';
import type { DevelopmentCase, DevelopmentStepRecord } from './development.entity';
import { caseStateOf, checkApplication, checkStep, probationOf, type StepFact, type StepInput } from './development.rules';
import { fact, type DevelopmentService } from './development.service';

type Values = Record<string, string>;

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
const SPLIT = /[、，,；;\n]+/;
const OUTCOME_BY_TEXT = new Map<string, ProbationOutcome>(
  Object.entries(PROBATION_OUTCOME_LABELS).map(([k, v]) => [v, k as ProbationOutcome]),
);

interface RowPlan {
  row: number;
  branch: Org;
  name: string;
  idNumber: string;
  birthDate: string;
  appliedOn: string;
  inputs: StepInput[];
}

export class DevelopmentImport {
  constructor(
    private readonly ds: DataSource,
    private readonly dev: DevelopmentService,
  ) {}

  /** `POST /development-cases/import?orgId=`. */
  async import(p: Principal, orgId: string, file: Buffer, audit: AuditContext): Promise<DevelopmentImportResult> {
    const org = await this.dev.orgs.find(orgId);
    if (!org || !covers(p, org.path)) throw new AppError('NOT_FOUND');
    const township = townshipPathOf(org.path);
    if (!covers(p, township, ['admin'])) throw new AppError('ADMIN_REQUIRED');
    const rows = await this.readSheet(file);
    const branches = (await this.dev.orgs.inSubtrees([org.path])).filter((o) => o.kind === 'branch');
    const roster: { id: string; name: string; status: string }[] = await this.dev.directory
      .query('m', 'o')
      .select(['m.id AS id', 'm.name AS name', 'm.status AS status'])
      .where('o.path LIKE :t', { t: `${township}%` })
      .getRawMany();
    const today = this.dev.today();
    const errors: { row: number; message: string }[] = [];
    const plans: RowPlan[] = [];
    const seenIds = new Set<string>();
    for (const { row, values } of rows) {
      const problems: string[] = [];
      const say = (m: string) => void problems.push(m);
      const branch = branches.find((b) => b.name === values.branch) ?? (org.kind === 'branch' && !values.branch ? org : null);
      if (!branch) say(`党支部「${values.branch ?? ''}」不在所选组织下`);
      const name = (values.name ?? '').trim();
      if (!name || name.length > 50) say('姓名不能为空，最多 50 字');
      const idNumber = normalizeIdCard(values.idNumber);
      if (!idNumber || !isValidIdCard(idNumber)) say('身份证号不正确（应为 18 位，且校验位正确）');
      else if (seenIds.has(idNumber)) say('身份证号与表格中前面的行重复');
      else seenIds.add(idNumber);
      const birthDate = normalizeDate(values.birthDate ?? '');
      if (!birthDate) say('出生日期格式应为 YYYY-MM-DD');
      else if (idNumber && `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}` !== birthDate)
        say('出生日期与身份证号不一致');
      const appliedOn = normalizeDate(values.appliedOn ?? '');
      if (!appliedOn) say('申请日期格式应为 YYYY-MM-DD');
      // The people of steps 5 and 9, by name on the township's roster.
      const people = (text: string | undefined, label: string) =>
        (text ?? '')
          .split(SPLIT)
          .map((s) => s.trim())
          .filter(Boolean)
          .map((n) => {
            const found = roster.filter((m) => m.name === n);
            if (found.length !== 1)
              say(`${label}「${n}」${found.length ? '在本乡镇党员名册中重名，请在系统中逐步录入' : '不在本乡镇党员名册中'}`);
            return found.length === 1
              ? { memberId: found[0].id, name: n, status: found[0].status }
              : { memberId: null, name: n, status: null };
          });
      const vote = (text: string | undefined, label: string): DevelopmentVote | null => {
        if (!text) return null;
        const m = /^(\d+)\s*[/／]\s*(\d+)\s*[/／]\s*(\d+)(?:\s*[/／]\s*(\d+))?$/.exec(text.trim());
        if (!m) return (say(`${label}应写成 应到/实到/赞成/书面赞成，如 20/18/17/1`), null);
        return { shouldAttend: +m[1], present: +m[2], agree: +m[3], ...(m[4] ? { writtenAgree: +m[4] } : {}) };
      };
      const int = (text: string | undefined, label: string): number | undefined => {
        if (!text) return undefined;
        if (!/^\d{1,5}$/.test(text.trim())) return (say(`${label}应为整数`), undefined);
        return Number(text.trim());
      };
      const outcome = values.outcome ? OUTCOME_BY_TEXT.get(values.outcome.trim()) : undefined;
      if (values.outcome && !outcome) say(`转正决定应为：${Object.values(PROBATION_OUTCOME_LABELS).join('、')}`);
      const extensionMonths = int(values.extensionMonths, '延长月数');
      const inputs: StepInput[] = [];
      for (let step = 2; step <= 25; step++) {
        const raw = values[`s${step}`];
        if (!raw) continue;
        const dates = raw
          .split(SPLIT)
          .map((s) => s.trim())
          .filter(Boolean);
        dates.forEach((text, i) => {
          const on = normalizeDate(text);
          if (!on) return say(`第${step}步的日期「${text}」格式应为 YYYY-MM-DD`);
          const rounds = dates.length;
          const thisOutcome = step === 23 ? (rounds > 1 && i < rounds - 1 ? 'extend' : (outcome ?? 'confirm')) : null;
          inputs.push({
            step,
            occurredOn: on,
            actors: step === 5 ? people(values.contacts, '培养联系人') : step === 9 ? people(values.introducers, '入党介绍人') : [],
            vote: step === 15 ? vote(values.vote15, '接收表决') : step === 23 ? vote(values.vote23, '转正表决') : null,
            training: step === 11 ? { days: int(values.trainingDays, '培训天数'), hours: int(values.trainingHours, '培训学时') } : null,
            outcome: thisOutcome,
            extensionMonths: thisOutcome === 'extend' ? (extensionMonths ?? null) : null,
            supersedes: null,
          });
        });
      }
      if (!problems.length && branch && idNumber && birthDate && appliedOn) {
        // The same rules as one step at a time: the application, then each step in date order.
        const failures = checkApplication(birthDate, appliedOn, today).map((f) => f.message);
        const prior: StepFact[] = [
          { id: 'first', step: 1, occurredOn: appliedOn, outcome: null, extensionMonths: null, noticeFrom: null, noticeTo: null },
        ];
        const ordered = [...inputs].sort((a, b) =>
          a.occurredOn === b.occurredOn ? a.step - b.step : a.occurredOn < b.occurredOn ? -1 : 1,
        );
        for (const input of ordered) {
          const state = caseStateOf(prior);
          const f = checkStep({ birthDate, appliedOn, memberId: null, status: state.status }, prior, input, today);
          if (f.length) {
            failures.push(...f.map((x) => x.message));
            break;
          }
          prior.push({
            id: newId(),
            step: input.step,
            occurredOn: input.occurredOn,
            outcome: input.outcome,
            extensionMonths: input.extensionMonths,
            noticeFrom: null,
            noticeTo: null,
          });
        }
        problems.push(...failures);
        if (!failures.length) plans.push({ row, branch, name, idNumber, birthDate, appliedOn, inputs: ordered });
      }
      if (problems.length) errors.push({ row, message: problems.join('；') });
    }
    if (errors.length)
      throw new AppError('IMPORT_ROWS_INVALID', errors, `表格中有 ${errors.length} 行内容不正确，未导入任何记录，请按提示修改后重新上传`);

    const now = this.dev.now();
    let steps = 0;
    await transactionWithRetry(this.ds, async (em) => {
      const late: { row: number; message: string }[] = [];
      for (const plan of plans) {
        const hash = this.dev.cipher.blindIndex(plan.idNumber)!;
        if ((await this.dev.repo.openCasesByIdNumber(em, hash)).length) {
          late.push({ row: plan.row, message: '该身份证号已有发展党员档案' });
          continue;
        }
        const member = await this.dev.members.enrolApplicant(em, {
          name: plan.name,
          orgId: plan.branch.id,
          idCard: plan.idNumber,
          status: 'applicant',
        });
        if (!member.created && isPartyMember(member.status) && !plan.inputs.some((i) => i.step === 17)) {
          late.push({ row: plan.row, message: '该身份证号在党员名册中已是党员' });
          continue;
        }
        if (plan.inputs.some((i) => (i.step === 5 || i.step === 9) && i.actors.some((a) => a.memberId === member.id))) {
          late.push({ row: plan.row, message: '培养联系人、入党介绍人不能是申请人本人' });
          continue;
        }
        const id = newId();
        const records: DevelopmentStepRecord[] = [
          this.dev.record(id, { step: 1, occurredOn: plan.appliedOn, note: 'Excel 导入' }, p, now),
          ...plan.inputs.map((i) =>
            this.dev.record(
              id,
              {
                step: i.step,
                occurredOn: i.occurredOn,
                vote: i.vote ?? undefined,
                training: i.training ?? undefined,
                outcome: i.outcome ?? undefined,
                extensionMonths: i.extensionMonths ?? undefined,
                note: 'Excel 导入',
              },
              p,
              now,
              i.actors.map(({ memberId, name }) => ({ memberId, name })),
            ),
          ),
        ];
        const facts = records.map(fact);
        const state = caseStateOf(facts);
        const prob = probationOf(facts);
        const c: DevelopmentCase = {
          id,
          branchOrgId: plan.branch.id,
          name: plan.name,
          idNumberEnc: this.dev.cipher.encrypt(plan.idNumber)!,
          idNumberHash: hash,
          birthDate: plan.birthDate,
          appliedOn: plan.appliedOn,
          stage: state.stage,
          status: state.status,
          memberId: member.id,
          probationStart: prob.start,
          probationEnd: prob.end,
          extensionMonths: prob.extensionMonths,
          lastStep: state.lastStep,
          lastStepOn: state.lastStepOn ?? plan.appliedOn,
          note: null,
          createdBy: p.id,
          createdAt: now,
          updatedAt: now,
        };
        await this.dev.repo.insertCase(em, c);
        for (const r of records) await this.dev.repo.insertStep(em, r);
        steps += records.length;
        if (state.status === 'terminated') await this.dev.members.setStanding(em, member.id, 'applicant', null);
        else if (state.stage === 'full') await this.dev.members.setStanding(em, member.id, 'full', prob.end);
        else if (state.stage === 'probationary') await this.dev.members.setStanding(em, member.id, 'probationary', prob.start);
        else await this.dev.members.setStanding(em, member.id, state.stage);
      }
      if (late.length)
        throw new AppError('IMPORT_ROWS_INVALID', late, `表格中有 ${late.length} 行内容不正确，未导入任何记录，请按提示修改后重新上传`);
      await writeAudit(em, p, 'development.import', { type: 'org', id: org.id }, { created: plans.length, steps }, audit);
    });
    return { created: plans.length, steps };
  }

  private async readSheet(file: Buffer): Promise<{ row: number; values: Values }[]> {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(file as unknown as ArrayBuffer);
    } catch {
      throw new AppError('IMPORT_FILE_INVALID');
    }
    const ws = wb.worksheets[0];
    if (!ws || ws.rowCount < 1) throw new AppError('IMPORT_FILE_EMPTY');
    const colOf = new Map<string, number>();
    ws.getRow(1).eachCell((cell, col) => {
      const text = headerKey(cellText(cell.value));
      const column = DEVELOPMENT_IMPORT_COLUMNS.find((c) => headerKey(c.header) === text);
      if (column && !colOf.has(column.key)) colOf.set(column.key, col);
    });
    const missing = DEVELOPMENT_IMPORT_COLUMNS.filter((c) => c.required && !colOf.has(c.key)).map((c) => c.header);
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

  /** `GET /development-cases/import-template.xlsx`: the headers, one example row and the notes. */
  async template(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    wb.creator = '党建智慧云';
    const ws = wb.addWorksheet('发展党员');
    ws.columns = DEVELOPMENT_IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: Math.max(12, c.header.length * 2.2) }));
    ws.getRow(1).font = { bold: true };
    ws.addRow({
      branch: '东关村党支部',
      name: '张三',
      idNumber: '110101199001011234',
      birthDate: '1990-01-01',
      appliedOn: '2025-03-01',
      s2: '2025-03-15',
      s3: '2025-09-01',
      s4: '2025-09-05',
      s5: '2025-09-05',
      s6: '2026-03-01',
      contacts: '李四',
    });
    const notes = wb.addWorksheet('填写说明');
    notes.addRows([
      ['列', '说明'],
      ['党支部', '党支部名称，须在导入时所选组织之下'],
      [
        '第N步…',
        '已完成步骤的日期，如 2026-03-01；未完成的不填。每半年的考察（第6步、第21步）可填多个日期，用顿号分隔；延长预备期的，第22步、第23步各填两个日期',
      ],
      ['培养联系人 / 入党介绍人', '本乡镇党员名册中的正式党员姓名，多人用顿号分隔'],
      ['接收表决 / 转正表决', '应到/实到/赞成/书面赞成，如 20/18/17/1'],
      ['转正决定', Object.values(PROBATION_OUTCOME_LABELS).join(' / ')],
      [
        '',
        '每一行按《中国共产党发展党员工作细则》逐步核对（与逐步录入相同）；任何一行有误时整张表都不会导入。第 2 行是示例，导入前请删除。',
      ],
    ]);
    notes.getColumn(1).width = 22;
    notes.getColumn(2).width = 90;
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
