/** Sign-in calls of the console. */
import type { AdminLoginRequest, AdminLoginResponse, AuthOptionsResponse, MeResponse } from '@djzy/shared';
import { useQuery } from '@tanstack/react-query';
import { request } from './client';

/** `POST /auth/admin`; the caller shows BAD_CREDENTIALS and RATE_LIMITED on the form. */
export function adminLogin(body: AdminLoginRequest): Promise<AdminLoginResponse> {
  return request<AdminLoginResponse>('/auth/admin', {
    method: 'POST',
    body,
    silent: true,
  });
}

/** `GET /auth/options`: whether demo mode is on, and its demo accounts. */
export function fetchAuthOptions(): Promise<AuthOptionsResponse> {
  return request<AuthOptionsResponse>('/auth/options', { silent: true });
}

/** `GET /me`: the signed-in console user. */
export function fetchMe(): Promise<MeResponse> {
  return request<MeResponse>('/me');
}

/** The sign-in options (silent: the demo hint is a convenience, the form works without it). */
export function useAuthOptions() {
  return useQuery({ queryKey: ['auth', 'options'] as const, queryFn: fetchAuthOptions });
}
