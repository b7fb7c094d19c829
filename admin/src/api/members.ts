/** Roster calls: list, detail, create, update, import and export. */
import type {
  CreateMemberRequest,
  ImportResult,
  ImportStreamLine,
  MemberDetail,
  MemberListQuery,
  MemberSummary,
  Page,
  UpdateMemberRequest,
} from '@djzy/shared';
import { ApiError } from '@djzy/shared';
import { download, request, requestLines } from './client';
import { usePageQuery, useQueryFor } from './query';

/** `GET /members`: a page of the roster; `reveal` (admins only) is audited by the server. */
export function listMembers(query: MemberListQuery): Promise<Page<MemberSummary>> {
  return request<Page<MemberSummary>>('/members', { query: { ...query } });
}

/** `GET /members/:id`; `reveal` asks for the full phone and ID number (admins, audited). */
export function getMember(id: string, reveal = false): Promise<MemberDetail> {
  return request<MemberDetail>(`/members/${encodeURIComponent(id)}`, {
    query: { reveal },
  });
}

/** `POST /members`; silent because the form shows field errors itself. */
export function createMember(body: CreateMemberRequest): Promise<MemberDetail> {
  return request<MemberDetail>('/members', {
    method: 'POST',
    body,
    silent: true,
  });
}

/** `PATCH /members/:id`; silent because the form shows field errors itself. */
export function updateMember(id: string, body: UpdateMemberRequest): Promise<MemberDetail> {
  return request<MemberDetail>(`/members/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body,
    silent: true,
  });
}

/** `POST /members/import`: uploads an .xlsx roster as multipart field `file`. */
export function importRoster(file: File): Promise<ImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<ImportResult>('/members/import', {
    method: 'POST',
    body: form,
    silent: true,
  });
}

/**
 * `POST /members/import` streamed: `onProgress` hears rows checked / written out of all rows while
 * the server works; resolves with the result (rejects with the error that stopped it).
 */
export async function importRosterWithProgress(
  file: File,
  onProgress: (p: Extract<ImportStreamLine, { type: 'progress' }>) => void,
): Promise<ImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  let result: ImportResult | null = null;
  let failure: ApiError | null = null;
  await requestLines<ImportStreamLine>('/members/import', { method: 'POST', body: form, silent: true }, (line) => {
    if (line.type === 'progress') onProgress(line);
    else if (line.type === 'result') result = line.result;
    else failure = ApiError.fromResponse(500, { error: line.error });
  });
  if (failure) throw failure;
  if (!result) throw ApiError.network();
  return result;
}

/** `GET /members/export.xlsx?orgId=&reveal=`, saved by the browser. */
export function exportRoster(orgId?: string, reveal = false): Promise<void> {
  return download('/members/export.xlsx', '党员名册.xlsx', { query: { orgId, reveal } });
}

/** `GET /members/import-template.xlsx`: the empty roster sheet with its headers. */
export function downloadImportTemplate(): Promise<void> {
  return download('/members/import-template.xlsx', '党员名册导入模板.xlsx');
}

/** Query keys of the roster; `memberKeys.all` covers every list and detail. */
export const memberKeys = {
  all: ['members'] as const,
  lists: ['members', 'list'] as const,
  list: (query: MemberListQuery) => ['members', 'list', query] as const,
  detail: (id: string, reveal: boolean) => ['members', 'detail', id, reveal] as const,
};

/** One page of the roster (the last page stays on screen while the next loads). */
export function useMembers(query: MemberListQuery | null) {
  return usePageQuery(memberKeys.list, listMembers, query);
}

/** One member's record (null: none open). */
export function useMember(id: string | null, reveal: boolean) {
  return useQueryFor(
    (i: string) => memberKeys.detail(i, reveal),
    (i) => getMember(i, reveal),
    id,
  );
}
