import {
  API_BASE_PATH,
  toIsoLocal,
  type ActivityRecordView,
  type ActivityView,
  type AttendanceResponse,
  type CheckInRequest,
  type CheckInResponse,
  type CheckinCodeResponse,
  type LeaveRequestInput,
  type LeaveRequestView,
  type MyOrgLifeItem,
  type Page,
  type RectificationNoticeView,
  type RosterCheckInRequest,
} from '@djzy/shared';
import { API_BASE, request, type RequestOptions } from './request';

const enc = encodeURIComponent;

export interface MyActivitiesQuery {
  /** Only activities that end at or after this instant (oldest first). */
  from?: Date;
  /** Only activities that start before this instant (newest first). */
  to?: Date;
  page?: number;
  pageSize?: number;
}

/** `GET /activities?mine=true&from=&to=&page=`: the activities I am invited to. */
export function listMyActivities(q: MyActivitiesQuery = {}, options?: RequestOptions): Promise<Page<ActivityView>> {
  const params = ['mine=true'];
  if (q.from) params.push(`from=${enc(toIsoLocal(q.from))}`);
  if (q.to) params.push(`to=${enc(toIsoLocal(q.to))}`);
  params.push(`page=${q.page ?? 1}`, `pageSize=${q.pageSize ?? 20}`);
  return request<Page<ActivityView>>('GET', `/activities?${params.join('&')}`, undefined, options);
}

/** `GET /activities/:id`: one activity with my status in it. */
export function getActivity(id: string, options?: RequestOptions): Promise<ActivityView> {
  return request<ActivityView>('GET', `/activities/${enc(id)}`, undefined, options);
}

/**
 * `POST /checkins`: check myself in by QR token, location or remotely. The server answers a
 * repeat with the first check-in and no points, so a request lost on the network is simply resent.
 */
export function checkIn(body: CheckInRequest, options?: RequestOptions): Promise<CheckInResponse> {
  // A repeated check-in is answered with the first one: safe to send again.
  return request<CheckInResponse, CheckInRequest>('POST', '/checkins', body, { idempotent: true, ...options });
}

/** `POST /activities/:id/leave`: ask for leave before the start. */
export function requestLeave(activityId: string, reason: string, options?: RequestOptions): Promise<LeaveRequestView> {
  return request<LeaveRequestView, LeaveRequestInput>('POST', `/activities/${enc(activityId)}/leave`, { reason }, options);
}

/** `GET /activities/:id/record`: the 记实 (minutes and photos). */
export function getActivityRecord(activityId: string, options?: RequestOptions): Promise<ActivityRecordView> {
  return request<ActivityRecordView>('GET', `/activities/${enc(activityId)}/record`, undefined, options);
}

/** `GET /activities/:id/checkin-code` (organiser): the rotating token and the text the QR code encodes. */
export function getCheckinCode(activityId: string, options?: RequestOptions): Promise<CheckinCodeResponse> {
  return request<CheckinCodeResponse>('GET', `/activities/${enc(activityId)}/checkin-code`, undefined, options);
}

/** `GET /activities/:id/attendance` (organiser): present, excused, absent, pending leave, rate. */
export function getAttendance(activityId: string, options?: RequestOptions): Promise<AttendanceResponse> {
  return request<AttendanceResponse>('GET', `/activities/${enc(activityId)}/attendance`, undefined, options);
}

/** `POST /activities/:id/checkins` (organiser): 代签 a member without a phone, from the roster. */
export function rosterCheckIn(activityId: string, memberId: string, options?: RequestOptions): Promise<CheckInResponse> {
  return request<CheckInResponse, RosterCheckInRequest>('POST', `/activities/${enc(activityId)}/checkins`, { memberId }, options);
}

/** `POST /leave-requests/:id/approve` or `/reject` (organiser). */
export function decideLeave(leaveId: string, approve: boolean, options?: RequestOptions): Promise<LeaveRequestView> {
  return request<LeaveRequestView>('POST', `/leave-requests/${enc(leaveId)}/${approve ? 'approve' : 'reject'}`, undefined, options);
}

/** `GET /me/rectifications`: the 限期整改通知书 addressed to me. */
export function getMyRectifications(options?: RequestOptions): Promise<RectificationNoticeView[]> {
  return request<RectificationNoticeView[]>('GET', '/me/rectifications', undefined, options);
}

/**
 * A photo URL of the API (`/api/v1/activities/…?sig=`) made absolute for an <Image>: the
 * mini-program's API base is a full URL, the H5 build's is same-origin.
 */
export function apiAssetUrl(url: string): string {
  if (/^https?:\/\//.test(url)) return url;
  const origin = API_BASE.endsWith(API_BASE_PATH) ? API_BASE.slice(0, -API_BASE_PATH.length) : '';
  return `${origin}${url}`;
}

/** `GET /me/org-life`: my own attendance at the meetings that have ended, newest first. */
export function getMyOrgLife(page = 1, options?: RequestOptions): Promise<Page<MyOrgLifeItem>> {
  return request<Page<MyOrgLifeItem>>('GET', `/me/org-life?page=${page}&pageSize=50`, undefined, options);
}
