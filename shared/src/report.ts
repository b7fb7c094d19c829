/**
 * The yearly 述职报告 (REPORT-FIGURES.md): thirty figures computed from the records, each with
 * the records behind it, and the county's overview. Nothing here is typed by hand.
 */

/** The kinds of record a figure can rest on (its `sources[].type`). */
export const REPORT_SOURCE_TYPES = [
  'activity',
  'visit',
  'visit_household',
  'talk',
  'problem',
  'interview_member',
  'inspection',
  'inspection_notice',
  'site',
  'site_investment',
  'branch_rating',
  'commendation',
  'org',
  'role_grant',
  'rectification_notice',
  'member',
  'public_deed',
  'development_case',
  'care_visit',
  'disposal',
] as const;
export type ReportSourceType = (typeof REPORT_SOURCE_TYPES)[number];
export const REPORT_SOURCE_TYPE_LABELS: Record<ReportSourceType, string> = {
  activity: '活动',
  visit: '调研走访',
  visit_household: '走访户',
  talk: '谈心谈话',
  problem: '问题',
  interview_member: '约谈对象',
  inspection: '专项检查',
  inspection_notice: '督查通报',
  site: '党建阵地',
  site_investment: '阵地投入',
  branch_rating: '支部评定',
  commendation: '表彰',
  org: '党组织',
  role_grant: '任职记录',
  rectification_notice: '限期整改通知书',
  member: '党员',
  public_deed: '为群众办实事',
  development_case: '发展党员',
  care_visit: '慰问记录',
  disposal: '组织处置',
};

/** One record behind a figure, with what a person needs to recognise it. */
export interface ReportSource {
  type: ReportSourceType;
  id: string;
  /** What it is: a meeting's title, a household, a member's name … */
  name: string;
  /** YYYY-MM-DD (the record's own day: held, closed, visited …), or null. */
  date: string | null;
  orgName: string | null;
  /** Money figures: this record's amount in 分. */
  amountCents?: number;
}

/** A second count inside one row (e.g. 表彰: X 个党组织 and XX 名党员), each from its own sources. */
export interface ReportFigurePart {
  key: string;
  label: string;
  value: number;
  unit: string;
}

export interface ReportFigure {
  /** The row of REPORT-FIGURES.md, 1–30. */
  no: number;
  label: string;
  /** A count equals its number of distinct sources; a money figure is their sum. Null only with `missing`. */
  value: number | null;
  unit: string;
  /** Why there is no value yet (a record kind that does not exist). */
  missing?: string;
  /** How the figure is counted, in one Chinese sentence. */
  rule: string;
  sources: ReportSource[];
  parts?: ReportFigurePart[];
}

/** `GET /reports/annual?orgId=&year=`. */
export interface AnnualReport {
  orgId: string;
  orgName: string;
  orgKind: string;
  year: number;
  figures: ReportFigure[];
  /** The year's problems still open (the report's 存在的主要问题 section), by source. */
  openProblems: {
    id: string;
    orgName: string;
    source: string;
    category: string;
    description: string;
    deadline: string | null;
    overdue: boolean;
  }[];
  /** The responsibility list's items not yet done (the report's 下一步). */
  openResponsibilities: { id: string; orgName: string; category: string; content: string; dueDate: string | null }[];
  generatedAt: string;
}

export interface AnnualReportQuery {
  orgId?: string;
  year?: number;
}

/** Org-life kinds shown on the overview: held against required in the year so far. */
export interface OverviewOrgLife {
  kind: string;
  label: string;
  held: number;
  required: number;
  /** Periods already over without the meeting (red on the dashboard). */
  missed: number;
}

/** One child org on the county's overview (a township, or a branch of a township). */
export interface OverviewRow {
  orgId: string;
  orgName: string;
  orgKind: string;
  /** Whether the dashboard can drill down into it (it has child orgs). */
  hasChildren: boolean;
  branches: number;
  members: number;
  orgLife: OverviewOrgLife[];
  /** Branches behind on any org-life kind. */
  behindBranches: number;
  mobile: { total: number; overdue: number; lostContact: number };
  problems: { open: number; overdue: number; closed: number };
  feedback: { open: number; overdue: number };
  /** Members of the year's study plans who finished them, and who have not (done / not done, never time). */
  study: { plans: number; done: number; notDone: number };
}

/** `GET /reports/overview?orgId=&year=`: for each child org, the records; nothing ranks members. */
export interface ReportOverview {
  orgId: string;
  orgName: string;
  orgKind: string;
  year: number;
  /** The path above, for the drill-down breadcrumb (county first). */
  trail: { id: string; name: string }[];
  total: OverviewRow;
  rows: OverviewRow[];
  generatedAt: string;
}
