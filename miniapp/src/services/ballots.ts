import type {
  AppraisalBallotFormView,
  BallotFormView,
  CastAppraisalBallotRequest,
  CastBallotRequest,
  CastBallotResponse,
} from '@djzy/shared';
import { request, type RequestOptions } from './request';

/**
 * 述职评议 ballots: no sign-in is sent (`anonymous`), so nothing on the way ties a ballot to
 * the person who cast it.
 */
export function getBallotForm(token: string, options?: RequestOptions): Promise<BallotFormView> {
  return request<BallotFormView>('GET', `/ballots/form?token=${encodeURIComponent(token)}`, undefined, { ...options, anonymous: true });
}

export function castBallot(body: CastBallotRequest, options?: RequestOptions): Promise<CastBallotResponse> {
  return request<CastBallotResponse, CastBallotRequest>('POST', '/ballots', body, { ...options, anonymous: true });
}

/** 民主评议党员's 民主测评 ballots: the same scheme, equally without sign-in. */
export function getAppraisalBallotForm(token: string, options?: RequestOptions): Promise<AppraisalBallotFormView> {
  return request<AppraisalBallotFormView>('GET', `/appraisal-ballots/form?token=${encodeURIComponent(token)}`, undefined, {
    ...options,
    anonymous: true,
  });
}

export function castAppraisalBallot(body: CastAppraisalBallotRequest, options?: RequestOptions): Promise<CastBallotResponse> {
  return request<CastBallotResponse, CastAppraisalBallotRequest>('POST', '/appraisal-ballots', body, { ...options, anonymous: true });
}
