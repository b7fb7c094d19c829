/** 发展党员 calls: the board's cases, one case with its steps, warnings and next steps, entering a step. Saves are silent: the form shows the rules broken. */
import type {
  AddDevelopmentStepRequest,
  CreateDevelopmentCaseRequest,
  DevelopmentImportResult,
  DevelopmentPlanView,
  WorkdayCalendarView,
  DevelopmentCaseStage,
  DevelopmentCaseSummary,
  DevelopmentCaseView,
} from '@djzy/shared';
import { download, request } from './client';
import { useQueryFor } from './query';

const enc = encodeURIComponent;

export const developmentKeys = {
  list: (q: { orgId: string; stage?: DevelopmentCaseStage }) => ['development-cases', q.orgId, q.stage ?? ''] as const,
  one: (id: string) => ['development-case', id] as const,
};

export const listCases = (q: { orgId: string; stage?: DevelopmentCaseStage }) =>
  request<DevelopmentCaseSummary[]>('/development-cases', { query: { ...q } });
export const getCase = (id: string) => request<DevelopmentCaseView>(`/development-cases/${enc(id)}`);
export const createCase = (body: CreateDevelopmentCaseRequest) =>
  request<DevelopmentCaseView>('/development-cases', { method: 'POST', body, silent: true });
export const addStep = (id: string, body: AddDevelopmentStepRequest) =>
  request<DevelopmentCaseView>(`/development-cases/${enc(id)}/steps`, { method: 'POST', body, silent: true });

export const useCases = (q: { orgId: string; stage?: DevelopmentCaseStage } | null) => useQueryFor(developmentKeys.list, listCases, q);
export const useCase = (id: string | null) => useQueryFor(developmentKeys.one, getCase, id);

/** `POST /development-cases/import?orgId=`: every row or none (400 IMPORT_ROWS_INVALID names the wrong rows). */
export function importCases(orgId: string, file: File): Promise<DevelopmentImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<DevelopmentImportResult>('/development-cases/import', { method: 'POST', query: { orgId }, body: form, silent: true });
}
export const downloadCaseTemplate = () => download('/development-cases/import-template.xlsx', '发展党员导入模板.xlsx');

// ── 发展党员计划 and the county's working-day calendar ──
export const getPlan = (q: { orgId: string; year: number }) => request<DevelopmentPlanView>('/development-plans', { query: { ...q } });
export const setPlan = (body: { orgId: string; year: number; quota: number }) =>
  request<DevelopmentPlanView>('/development-plans', { method: 'PUT', body, silent: true });
export const getCalendar = (q: { orgId: string; year: number }) => request<WorkdayCalendarView>('/workday-calendar', { query: { ...q } });
export const setCalendarDay = (body: { orgId: string; day: string; workday: boolean; note?: string }) =>
  request<WorkdayCalendarView>('/workday-calendar', { method: 'PUT', body, silent: true });
export const deleteCalendarDay = (q: { orgId: string; day: string }) =>
  request<void>('/workday-calendar', { method: 'DELETE', query: { ...q }, silent: true });
export const usePlan = (q: { orgId: string; year: number } | null) =>
  useQueryFor((x: { orgId: string; year: number }) => ['development-plan', x.orgId, x.year] as const, getPlan, q);
export const useCalendar = (q: { orgId: string; year: number } | null) =>
  useQueryFor((x: { orgId: string; year: number }) => ['workday-calendar', x.orgId, x.year] as const, getCalendar, q);
