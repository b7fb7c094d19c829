import type { MeResponse } from '@djzy/shared';
import { request } from './request';

/** `GET /me`: the signed-in member. */
export function getMe(): Promise<MeResponse> {
  return request<MeResponse>('GET', '/me');
}
