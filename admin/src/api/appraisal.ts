/** 民主评议党员 and 组织处置 calls. Saves are silent: the screen shows the error. */
import type {
  AppraisalGradesRequest,
  AppraisalGradesResult,
  AppraisalMove,
  AppraisalRoundView,
  CreateAppraisalRoundRequest,
  DisposalMove,
  DisposalView,
} from '@djzy/shared';
import { request } from './client';
import { useQueryFor } from './query';

const enc = encodeURIComponent;

export interface AppraisalScope {
  orgId: string;
  year: number;
}

export const appraisalKeys = {
  rounds: (q: AppraisalScope) => ['appraisal-rounds', q.orgId, q.year] as const,
  disposals: (q: { orgId: string }) => ['disposals', q.orgId] as const,
};

export const listRounds = (q: AppraisalScope) => request<AppraisalRoundView[]>('/appraisal-rounds', { query: { ...q } });
export const createRound = (body: CreateAppraisalRoundRequest) => request<AppraisalRoundView>('/appraisal-rounds', { method: 'POST', body, silent: true });
export const moveRound = (id: string, move: AppraisalMove) => request<AppraisalRoundView>(`/appraisal-rounds/${enc(id)}/${move}`, { method: 'POST', silent: true });
export const setGrades = (id: string, body: AppraisalGradesRequest) => request<AppraisalGradesResult>(`/appraisal-rounds/${enc(id)}/grades`, { method: 'PUT', body, silent: true });
export const giveFeedback = (id: string, memberId: string) => request<AppraisalRoundView>(`/appraisal-rounds/${enc(id)}/feedback`, { method: 'POST', body: { memberId }, silent: true });
export const useRounds = (q: AppraisalScope | null) => useQueryFor(appraisalKeys.rounds, listRounds, q);

export const listDisposals = (q: { orgId: string }) => request<DisposalView[]>('/disposals', { query: { ...q } });
export const stepDisposal = (id: string, move: DisposalMove, body: object) => request<DisposalView>(`/disposals/${enc(id)}/${move}`, { method: 'POST', body, silent: true });
export const useDisposals = (q: { orgId: string } | null) => useQueryFor(appraisalKeys.disposals, listDisposals, q);
