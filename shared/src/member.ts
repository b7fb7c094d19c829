import type { Gender, MemberExit, MemberStatus } from './enums.js';

/** A roster entry as lists and details show it; phone and ID number masked unless revealed. */
export interface MemberSummary {
  id: string;
  name: string;
  gender: Gender | null;
  orgId: string;
  orgName: string;
  /** The branch the member belongs to (the org itself, or the group's branch). */
  branchId: string | null;
  branchName: string | null;
  status: MemberStatus;
  /** `138****5678`, or in full when revealed. */
  phone: string | null;
  /** `**************1234`, or in full when revealed. */
  idCard: string | null;
  /** Date of joining the Party (YYYY-MM-DD). */
  joinedAt: string | null;
  birthDate: string | null;
  education: string | null;
  isMobile: boolean;
  /** Left the org's count while staying on the roster as the record: 已出党, 已转出, 在途 (`memberExit`); null otherwise. */
  exit: MemberExit | null;
  revealed: boolean;
}

export interface MemberDetail extends MemberSummary {
  /** Whether a WeChat account is bound. */
  wechatBound: boolean;
  createdAt: string;
  updatedAt: string;
}

/** `GET /members` query. */
export interface MemberListQuery {
  orgId?: string;
  q?: string;
  mobile?: boolean;
  status?: MemberStatus;
  reveal?: boolean;
  page?: number;
  pageSize?: number;
}

/** `POST /members`. */
export interface CreateMemberRequest {
  name: string;
  gender?: Gender;
  idCard: string;
  phone?: string;
  orgId: string;
  status: MemberStatus;
  joinedAt?: string;
  education?: string;
  isMobile?: boolean;
}

/** `PATCH /members/:id`: any subset of the fields. */
export type UpdateMemberRequest = Partial<CreateMemberRequest>;

/** One bad row of a roster import (row numbers are the sheet's own, header = 1). */
export interface ImportRowError {
  row: number;
  message: string;
  /**
   * The row's cells as the file had them (column key → text), so the console can offer the
   * rejected rows as a file (下载错误行) to fix and import again. Absent for rows of other imports.
   */
  values?: Partial<Record<RosterColumnKey, string>>;
}
/**
 * `POST /members/import` with `Accept: application/x-ndjson`: the import streamed as one JSON
 * object a line — progress lines while the rows are checked and written, then the result (or the
 * error that stopped it).
 */
export type ImportStreamLine =
  | { type: 'progress'; phase: 'check' | 'write'; done: number; total: number }
  | { type: 'result'; result: ImportResult }
  | { type: 'error'; error: { code: string; message: string } };
/** The header of the 错误原因 column in a 下载错误行 file (the import ignores it). */
export const IMPORT_ERROR_COLUMN = '错误原因';
/** `POST /members/import`. */
export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportRowError[];
}

/** The roster sheet's columns, in order: header text → meaning. Import and export share them. */
export const ROSTER_COLUMNS = [
  { key: 'name', header: '姓名', required: true },
  { key: 'gender', header: '性别', required: false },
  { key: 'idCard', header: '身份证号', required: true },
  { key: 'phone', header: '手机号', required: false },
  { key: 'org', header: '所在组织', required: true },
  { key: 'status', header: '人员类别', required: true },
  { key: 'joinedAt', header: '入党日期', required: false },
  { key: 'education', header: '学历', required: false },
  { key: 'isMobile', header: '流动党员', required: false },
] as const;
export type RosterColumnKey = (typeof ROSTER_COLUMNS)[number]['key'];
