/** 发展党员 calls: the board's cases, one case with its steps, warnings and next steps, entering a step. Saves are silent: the form shows the rules broken. */
import type { AddDevelopmentStepRequest, CreateDevelopmentCaseRequest, DevelopmentImportResult, DevelopmentCaseStage, DevelopmentCaseSummary, DevelopmentCaseView } from '@djzy/shared';
import { download, request } from './client';
import { useQueryFor } from './query';

const enc = encodeURIComponent;

export const developmentKeys = {
  list: (q: { orgId: string; stage?: DevelopmentCaseStage }) => ['development-cases', q.orgId, q.stage ?? ''] as const,
  one: (id: string) => ['development-case', id] as const,
};

export const listCases = (q: { orgId: string; stage?: DevelopmentCaseStage }) => request<DevelopmentCaseSummary[]>('/development-cases', { query: { ...q } });
export const getCase = (id: string) => request<DevelopmentCaseView>(`/development-cases/${enc(id)}`);
export const createCase = (body: CreateDevelopmentCaseRequest) => request<DevelopmentCaseView>('/development-cases', { method: 'POST', body, silent: true });
export const addStep = (id: string, body: AddDevelopmentStepRequest) => request<DevelopmentCaseView>(`/development-cases/${enc(id)}/steps`, { method: 'POST', body, silent: true });

export const useCases = (q: { orgId: string; stage?: DevelopmentCaseStage } | null) => useQueryFor(developmentKeys.list, listCases, q);
export const useCase = (id: string | null) => useQueryFor(developmentKeys.one, getCase, id);

/** `POST /development-cases/import?orgId=`: every row or none (400 IMPORT_ROWS_INVALID names the wrong rows). */
export function importCases(orgId: string, file: File): Promise<DevelopmentImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<DevelopmentImportResult>('/development-cases/import', { method: 'POST', query: { orgId }, body: form, silent: true });
}
export const downloadCaseTemplate = () => download('/development-cases/import-template.xlsx', '发展党员导入模板.xlsx');
