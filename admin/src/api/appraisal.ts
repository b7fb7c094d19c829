/** 民主评议党员 and 组织处置 calls. Saves are silent: the screen shows the error. */
import type {
  AppraisalGradesRequest,
  AppraisalGradesResult,
  AppraisalMove,
  AppraisalRoundView,
  AppraisalTallyRequest,
  AppraisalVoteResults,
  CreateAppraisalRoundRequest,
  IssueAppraisalTokensResponse,
  MemberWarningsView,
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
export const createRound = (body: CreateAppraisalRoundRequest) =>
  request<AppraisalRoundView>('/appraisal-rounds', { method: 'POST', body, silent: true });
export const moveRound = (id: string, move: AppraisalMove) =>
  request<AppraisalRoundView>(`/appraisal-rounds/${enc(id)}/${move}`, { method: 'POST', silent: true });
export const setGrades = (id: string, body: AppraisalGradesRequest) =>
  request<AppraisalGradesResult>(`/appraisal-rounds/${enc(id)}/grades`, { method: 'PUT', body, silent: true });
export const giveFeedback = (id: string, memberId: string) =>
  request<AppraisalRoundView>(`/appraisal-rounds/${enc(id)}/feedback`, { method: 'POST', body: { memberId }, silent: true });
export const useRounds = (q: AppraisalScope | null) => useQueryFor(appraisalKeys.rounds, listRounds, q);

export const listDisposals = (q: { orgId: string }) => request<DisposalView[]>('/disposals', { query: { ...q } });
export const stepDisposal = (id: string, move: DisposalMove, body: object) =>
  request<DisposalView>(`/disposals/${enc(id)}/${move}`, { method: 'POST', body, silent: true });
export const useDisposals = (q: { orgId: string } | null) => useQueryFor(appraisalKeys.disposals, listDisposals, q);

// ── 民主测评 by phone ──────────────────────────────────────────────────────────────────────
export const issueAppraisalTokens = (id: string, count: number) =>
  request<IssueAppraisalTokensResponse>(`/appraisal-rounds/${enc(id)}/ballot-tokens`, { method: 'POST', body: { count }, silent: true });
export const setPaperTallies = (id: string, body: AppraisalTallyRequest) =>
  request<AppraisalRoundView>(`/appraisal-rounds/${enc(id)}/tallies`, { method: 'PUT', body, silent: true });
export const closeAppraisalVote = (id: string) =>
  request<AppraisalRoundView>(`/appraisal-rounds/${enc(id)}/close-vote`, { method: 'POST', silent: true });
export const appraisalVoteResults = (id: string) => request<AppraisalVoteResults>(`/appraisal-rounds/${enc(id)}/vote-results`);
/** The link an appraisal ballot slip's QR carries: the H5 民主测评 page, no sign-in. */
export function appraisalBallotUrl(token: string): string {
  return `${window.location.origin}/h5/#/pages/appraisal-ballot/index?t=${enc(token)}`;
}
export const appraisalSlipsKey = (roundId: string) => `djzy.appraisal-slips.${roundId}`;

// ── 建议关注 ──────────────────────────────────────────────────────────────────────────────
export const memberWarnings = (orgId: string) => request<MemberWarningsView>('/member-warnings', { query: { orgId } });
export const useMemberWarnings = (orgId: string | null) =>
  useQueryFor((id: string) => ['member-warnings', id] as const, memberWarnings, orgId);
