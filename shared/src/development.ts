/**
 * 发展党员 (《中国共产党发展党员工作细则》, 中办发〔2014〕33号): 5 stages, 25 steps, and the
 * calendar arithmetic their time rules need (OVERSIGHT.md §0, §3). The rules themselves live in
 * the server's development module; this file holds the steps, the API types and pure date
 * helpers (no Node, no DOM).
 *
 * Calendar periods: "一个月 / 三个月 / 一年" are calendar periods, never 30/90/365 days:
 * 01-31 + 1 month = 02-28 (02-29 in a leap year), 02-29 + 1 year = 02-28.
 */

import { addDays, weekdayOf } from './calendar.js';

// ── working days (公示 ≥ 5 个工作日) ─────────────────────────────────────────────────────────

/** An exception to Monday–Friday: a holiday (`workday: false`) or a 调休 working weekend day (`true`). */
export interface WorkdayException {
  day: string;
  workday: boolean;
  note?: string | null;
}

/**
 * The official holidays and 调休 working days, 2025–2027, as a county's calendar starts. 2025 and
 * 2026 follow the State Council notices (国办发明电〔2024〕12号, and the 2026 notice of 2025-11);
 * **2027 is an estimate** (the statutory holidays on their lunar dates, no 调休 — that notice is
 * published in the autumn before): the county admin edits the table when it appears.
 */
export const DEFAULT_WORKDAY_EXCEPTIONS: readonly WorkdayException[] = (() => {
  const out: WorkdayException[] = [];
  const off = (from: string, to: string, note: string) => {
    for (let d = from; d <= to; d = addDays(d, 1)) out.push({ day: d, workday: false, note });
  };
  const on = (day: string, note: string) => out.push({ day, workday: true, note: `${note}调休上班` });
  // 2025
  off('2025-01-01', '2025-01-01', '元旦');
  off('2025-01-28', '2025-02-04', '春节');
  on('2025-01-26', '春节');
  on('2025-02-08', '春节');
  off('2025-04-04', '2025-04-06', '清明节');
  off('2025-05-01', '2025-05-05', '劳动节');
  on('2025-04-27', '劳动节');
  off('2025-05-31', '2025-06-02', '端午节');
  off('2025-10-01', '2025-10-08', '国庆节、中秋节');
  on('2025-09-28', '国庆节');
  on('2025-10-11', '国庆节');
  // 2026
  off('2026-01-01', '2026-01-03', '元旦');
  on('2026-01-04', '元旦');
  off('2026-02-15', '2026-02-23', '春节');
  on('2026-02-14', '春节');
  on('2026-02-28', '春节');
  off('2026-04-04', '2026-04-06', '清明节');
  off('2026-05-01', '2026-05-05', '劳动节');
  on('2026-05-09', '劳动节');
  off('2026-06-19', '2026-06-21', '端午节');
  off('2026-09-25', '2026-09-27', '中秋节');
  off('2026-10-01', '2026-10-07', '国庆节');
  on('2026-09-20', '国庆节');
  on('2026-10-10', '国庆节');
  // 2027 (estimate: statutory days only)
  off('2027-01-01', '2027-01-01', '元旦（预估）');
  off('2027-02-05', '2027-02-08', '春节（预估）');
  off('2027-04-05', '2027-04-05', '清明节（预估）');
  off('2027-05-01', '2027-05-02', '劳动节（预估）');
  off('2027-06-09', '2027-06-09', '端午节（预估）');
  off('2027-09-15', '2027-09-15', '中秋节（预估）');
  off('2027-10-01', '2027-10-03', '国庆节（预估）');
  return out;
})();

/** Whether `day` is a working day: the exceptions first, else Monday–Friday. */
export function isWorkday(day: string, exceptions: ReadonlyMap<string, boolean>): boolean {
  const x = exceptions.get(day);
  if (x !== undefined) return x;
  const w = weekdayOf(day);
  return w !== 0 && w !== 6;
}

/** Working days from `from` to `to`, both included (0 when `to` is before `from`). */
export function workdaysBetween(from: string, to: string, exceptions: ReadonlyMap<string, boolean>): number {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkday(d, exceptions)) n++;
  return n;
}

/** The day on which a notice starting `from` has run `n` working days (the n-th working day from `from`, included). */
export function nthWorkday(from: string, n: number, exceptions: ReadonlyMap<string, boolean>): string {
  let d = from;
  let seen = 0;
  for (;;) {
    if (isWorkday(d, exceptions)) seen++;
    if (seen >= n) return d;
    d = addDays(d, 1);
  }
}

/** A map of exceptions, later entries winning (defaults first, then the county's own). */
export function workdayMap(...lists: readonly (readonly WorkdayException[])[]): Map<string, boolean> {
  const m = new Map<string, boolean>();
  for (const list of lists) for (const x of list) m.set(x.day, x.workday);
  return m;
}

// ── the 25 steps ─────────────────────────────────────────────────────────────────────────────

/** The case's stage (GLOSSARY DevelopmentStage, then probationary and full). */
export const DEVELOPMENT_CASE_STAGES = ['applicant', 'activist', 'candidate', 'probationary', 'full'] as const;
export type DevelopmentCaseStage = (typeof DEVELOPMENT_CASE_STAGES)[number];
export const DEVELOPMENT_CASE_STAGE_LABELS: Record<DevelopmentCaseStage, string> = {
  applicant: '申请入党',
  activist: '入党积极分子',
  candidate: '发展对象',
  probationary: '预备党员',
  full: '正式党员',
};

export const DEVELOPMENT_CASE_STATUSES = ['active', 'extended', 'completed', 'terminated'] as const;
export type DevelopmentCaseStatus = (typeof DEVELOPMENT_CASE_STATUSES)[number];
export const DEVELOPMENT_CASE_STATUS_LABELS: Record<DevelopmentCaseStatus, string> = {
  active: '进行中',
  extended: '延长预备期',
  completed: '已完成',
  terminated: '已终止',
};

export interface DevelopmentStepDef {
  step: number;
  /** 1..5: 申请入党, 确定入党积极分子, 确定发展对象, 接收预备党员, 预备党员的教育考察和转正. */
  phase: 1 | 2 | 3 | 4 | 5;
  name: string;
  actor: string;
  documents: string;
  /** Steps that must be recorded first (OVERSIGHT §3: 4 and 5 either order; 9, 10, 11 in parallel; 18, 19, 20 in parallel). */
  after: number[];
  /** May be recorded more than once (half-yearly 考察; 转正 application and discussion again after an extension). */
  repeatable?: boolean;
}

export const DEVELOPMENT_PHASE_LABELS = [
  '',
  '申请入党',
  '确定入党积极分子',
  '确定发展对象',
  '接收预备党员',
  '预备党员的教育考察和转正',
] as const;

export const DEVELOPMENT_STEPS: readonly DevelopmentStepDef[] = [
  { step: 1, phase: 1, name: '递交入党申请书', actor: '申请人', documents: '入党申请书', after: [] },
  { step: 2, phase: 1, name: '党组织派人谈话', actor: '党支部（书记、副书记或组织委员）', documents: '谈话记录', after: [1] },
  {
    step: 3,
    phase: 2,
    name: '推荐和确定入党积极分子',
    actor: '支部委员会',
    documents: '推荐（推优）材料、支委会记录、入党积极分子登记表',
    after: [2],
  },
  { step: 4, phase: 2, name: '上级党委备案', actor: '基层党委', documents: '备案材料', after: [3] },
  { step: 5, phase: 2, name: '指定培养联系人', actor: '支部委员会', documents: '培养联系人登记', after: [3] },
  {
    step: 6,
    phase: 2,
    name: '培养教育考察',
    actor: '党支部、培养联系人',
    documents: '考察记录（每半年一次）',
    after: [4, 5],
    repeatable: true,
  },
  { step: 7, phase: 3, name: '确定发展对象', actor: '支部委员会', documents: '支委会记录、意见汇总', after: [6] },
  { step: 8, phase: 3, name: '报上级党委备案', actor: '基层党委', documents: '备案表', after: [7] },
  { step: 9, phase: 3, name: '确定入党介绍人', actor: '支部委员会', documents: '入党介绍人登记', after: [8] },
  { step: 10, phase: 3, name: '进行政治审查', actor: '党支部（基层党委）', documents: '政治审查结论性材料', after: [8] },
  { step: 11, phase: 3, name: '开展集中培训', actor: '基层党委或县委组织部', documents: '培训结业证明、签到表', after: [8] },
  { step: 12, phase: 4, name: '支部委员会审查', actor: '支部委员会', documents: '审查意见', after: [9, 10, 11] },
  { step: 13, phase: 4, name: '上级党委预审', actor: '基层党委', documents: '预审意见', after: [12] },
  { step: 14, phase: 4, name: '填写入党志愿书', actor: '发展对象（入党介绍人指导）', documents: '入党志愿书', after: [13] },
  { step: 15, phase: 4, name: '支部大会讨论', actor: '支部党员大会', documents: '支部大会决议、表决记录', after: [14] },
  { step: 16, phase: 4, name: '上级党委派人谈话', actor: '党委委员或组织员', documents: '谈话意见', after: [15] },
  { step: 17, phase: 4, name: '上级党委审批', actor: '基层党委（党委会）', documents: '审批意见', after: [16] },
  { step: 18, phase: 4, name: '再上一级党委组织部门备案', actor: '县委组织部', documents: '备案表', after: [17] },
  { step: 19, phase: 5, name: '编入党支部和党小组', actor: '党支部', documents: '—', after: [17] },
  { step: 20, phase: 5, name: '入党宣誓', actor: '基层党委或党支部', documents: '宣誓记录', after: [17] },
  { step: 21, phase: 5, name: '继续教育考察', actor: '党支部', documents: '考察记录', after: [19], repeatable: true },
  { step: 22, phase: 5, name: '提出转正申请', actor: '预备党员', documents: '转正申请书', after: [20, 21], repeatable: true },
  {
    step: 23,
    phase: 5,
    name: '支部大会讨论（转正）',
    actor: '支部党员大会',
    documents: '支部大会决议、表决记录',
    after: [22],
    repeatable: true,
  },
  { step: 24, phase: 5, name: '上级党委审批（转正）', actor: '基层党委', documents: '审批意见', after: [23] },
  {
    step: 25,
    phase: 5,
    name: '材料归档',
    actor: '党支部、县委组织部',
    documents: '入党志愿书、入党申请书、政审材料、转正申请书、考察材料',
    after: [24],
  },
];

export const DEVELOPMENT_STEP_COUNT = 25;

export function developmentStep(step: number): DevelopmentStepDef | undefined {
  return DEVELOPMENT_STEPS[step - 1];
}

/** Steps decided by a 支部大会 vote. */
export const VOTE_STEPS = [15, 23] as const;
/** Steps usually preceded by a 公示 (local rule, ≥ 5 working days). */
export const NOTICE_STEPS = [3, 7, 15, 23] as const;

/** The outcome of the 转正 discussion (step 23). */
export const PROBATION_OUTCOMES = ['confirm', 'extend', 'cancel'] as const;
export type ProbationOutcome = (typeof PROBATION_OUTCOMES)[number];
export const PROBATION_OUTCOME_LABELS: Record<ProbationOutcome, string> = {
  confirm: '按期转正',
  extend: '延长预备期',
  cancel: '取消预备党员资格',
};

/** The hard rules, named in a 400 DEVELOPMENT_RULE's details. */
export const DEVELOPMENT_RULES = [
  'order',
  'future',
  'before_previous',
  'duplicate',
  'activist_year',
  'age',
  'introducers',
  'contacts',
  'training',
  'vote_counts',
  'quorum',
  'majority',
  'vote_required',
  'probation',
  'extension',
  'outcome',
  'closed',
] as const;
export type DevelopmentRule = (typeof DEVELOPMENT_RULES)[number];

/** The soft rules, as warnings with their due dates. */
export const DEVELOPMENT_WARNINGS = ['talk', 'review', 'approval', 'confirmation', 'confirmation_approval', 'notice', 'quota'] as const;
export type DevelopmentWarningKind = (typeof DEVELOPMENT_WARNINGS)[number];

export const DEVELOPMENT_LIMITS = { name: 50, note: 500, documents: 500, actorName: 50, actors: 10 } as const;

// ── API ──────────────────────────────────────────────────────────────────────────────────────

export interface CreateDevelopmentCaseRequest {
  branchOrgId: string;
  name: string;
  idNumber: string;
  birthDate: string;
  appliedOn: string;
  note?: string;
}

export interface DevelopmentVote {
  /** 应到 (full members who should attend). */
  shouldAttend: number;
  /** 实到 with the right to vote. */
  present: number;
  agree: number;
  /** Written opinions of absent members in favour, submitted before the meeting. */
  writtenAgree?: number;
  oppose?: number;
  abstain?: number;
}

export interface DevelopmentActorInput {
  /** A roster member (required for 培养联系人 and 入党介绍人). */
  memberId?: string;
  name?: string;
}

export interface AddDevelopmentStepRequest {
  step: number;
  occurredOn: string;
  actors?: DevelopmentActorInput[];
  vote?: DevelopmentVote;
  /** Step 11: length of the training. */
  training?: { days?: number; hours?: number };
  /** Step 23: 按期转正 / 延长预备期 / 取消预备党员资格. */
  outcome?: ProbationOutcome;
  /** Step 23 with `extend`: 6..12 months. */
  extensionMonths?: number;
  /** A 公示 before the step (local rule, ≥ 5 working days). */
  publicNotice?: { from: string; to: string };
  /** Where the documents are (a reference text; an upload is optional). */
  documents?: string;
  note?: string;
  /** The id of the step record this one corrects (append-only: the old one is superseded, never edited). */
  supersedes?: string;
}

export interface DevelopmentRuleFailure {
  rule: DevelopmentRule;
  message: string;
}

export interface DevelopmentStepView {
  id: string;
  step: number;
  name: string;
  occurredOn: string;
  actors: { memberId: string | null; name: string }[];
  vote: DevelopmentVote | null;
  training: { days?: number; hours?: number } | null;
  outcome: ProbationOutcome | null;
  extensionMonths: number | null;
  publicNotice: { from: string; to: string; workdays: number } | null;
  documents: string | null;
  note: string | null;
  supersedes: string | null;
  /** Set when a later record corrected this one. */
  supersededBy: string | null;
  enteredBy: string;
  enteredAt: string;
}

export interface DevelopmentWarning {
  kind: DevelopmentWarningKind;
  message: string;
  dueOn: string | null;
  /** Past its due date (or, for approval, past 6 months). */
  overdue: boolean;
  red: boolean;
}

export interface DevelopmentNextStep {
  step: number;
  name: string;
  earliestOn: string;
  /** The soft due date, when there is one. */
  dueOn: string | null;
}

export interface DevelopmentCaseSummary {
  id: string;
  branchOrgId: string;
  branchName: string;
  name: string;
  /** Masked. */
  idNumber: string | null;
  birthDate: string;
  appliedOn: string;
  stage: DevelopmentCaseStage;
  status: DevelopmentCaseStatus;
  memberId: string | null;
  lastStep: number;
  lastStepOn: string;
  probationStart: string | null;
  probationEnd: string | null;
  extensionMonths: number | null;
  warnings: DevelopmentWarning[];
  next: DevelopmentNextStep[];
}

export interface DevelopmentCaseView extends DevelopmentCaseSummary {
  /** Every record, superseded ones included, in entry order. */
  steps: DevelopmentStepView[];
}

/** The applicant's own view: their stage and their next step only. */
export interface MyDevelopmentView {
  id: string;
  stage: DevelopmentCaseStage;
  status: DevelopmentCaseStatus;
  lastStep: number;
  lastStepName: string;
  next: DevelopmentNextStep[];
}

export interface DevelopmentPlanView {
  orgId: string;
  year: number;
  quota: number;
  /** Cases of the org's subtree whose 支部大会 (step 15) falls in the year. */
  used: number;
}

export interface WorkdayCalendarView {
  orgId: string;
  year: number;
  /** The county's exceptions merged over the defaults. */
  exceptions: (WorkdayException & { source: 'default' | 'county' })[];
}

// ── Excel import of cases already under way ──────────────────────────────────────────────────

/** The import sheet's columns: the person, then each step's date (several dates separated by 、 for repeated steps), the people and the votes. */
export const DEVELOPMENT_IMPORT_COLUMNS: readonly { key: string; header: string; required?: boolean }[] = [
  { key: 'branch', header: '党支部', required: true },
  { key: 'name', header: '姓名', required: true },
  { key: 'idNumber', header: '身份证号', required: true },
  { key: 'birthDate', header: '出生日期', required: true },
  { key: 'appliedOn', header: '申请日期', required: true },
  ...DEVELOPMENT_STEPS.filter((s) => s.step > 1).map((s) => ({ key: `s${s.step}`, header: `第${s.step}步${s.name}` })),
  { key: 'contacts', header: '培养联系人' },
  { key: 'introducers', header: '入党介绍人' },
  { key: 'trainingDays', header: '培训天数' },
  { key: 'trainingHours', header: '培训学时' },
  { key: 'vote15', header: '接收表决（应到/实到/赞成/书面赞成）' },
  { key: 'vote23', header: '转正表决（应到/实到/赞成/书面赞成）' },
  { key: 'outcome', header: '转正决定' },
  { key: 'extensionMonths', header: '延长月数' },
];

export interface DevelopmentImportResult {
  created: number;
  steps: number;
}
