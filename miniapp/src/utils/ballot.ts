import type { ReviewSessionStatus } from '@djzy/shared';
import { decodeParam } from './params';

/** The token a slip carries: `?t=` (H5 link, or the mini-program opened from a plain QR link as `?q=<the link>`), or `?scene=` (a 小程序码). */
export function tokenOf(params: Record<string, string | undefined>): string {
  const direct = decodeParam(params.t) || decodeParam(params.scene);
  if (direct) return direct.trim();
  const link = decodeParam(params.q);
  const m = /[?&]t=([\w-]+)/.exec(link);
  return m ? m[1] : '';
}

/** Why voting is not possible now, in words for the person holding the slip. */
export function closedText(status: ReviewSessionStatus | string | undefined): string {
  if (status === 'planned' || status === 'reports_due') return '测评尚未开始，请等会议主持人宣布开始测评后再扫码。';
  return '本次测评已经结束，不能再投票。';
}

/** The same for a 民主评议党员 round: before voting opens, or once it is closed. */
export function appraisalClosedText(status: string | null | undefined): string {
  if (status === 'preparing' || status === 'self_review' || status === 'peer_review')
    return '民主测评尚未开始，请等会议主持人宣布开始测评后再扫码。';
  return '本次民主测评已经结束，不能再投票。';
}
