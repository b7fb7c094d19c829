/** Activity calls: list, create, edit, publish, cancel, 结对, check-in code, attendance, leave, 记实. */
import {
  MAX_PAGE_SIZE,
  type ActivityListQuery,
  type ActivityPhotoView,
  type ActivityRecordView,
  type ActivityView,
  type AttendanceResponse,
  type BatchCreateActivitiesRequest,
  type BatchRosterCheckInResponse,
  type CheckInResponse,
  type CheckinCodeResponse,
  type CreateActivityRequest,
  type LeaveRequestView,
  type Page,
  type StudyPairInput,
  type StudyPairView,
  type UpdateActivityRequest,
} from '@djzy/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { download, request, requestBlob } from './client';
import { usePageQuery } from './query';

const enc = encodeURIComponent;

/** `GET /activities`: a manager sees every activity of their scope, drafts included. */
export function listActivities(query: ActivityListQuery): Promise<Page<ActivityView>> {
  return request<Page<ActivityView>>('/activities', { query: { ...query } });
}

/** `GET /activities/:id`. */
export function getActivity(id: string): Promise<ActivityView> {
  return request<ActivityView>(`/activities/${enc(id)}`);
}

/** `POST /activities` → a draft; silent because the form shows field errors itself. */
export function createActivity(body: CreateActivityRequest): Promise<ActivityView> {
  return request<ActivityView>('/activities', { method: 'POST', body, silent: true });
}

/**
 * `POST /activities/batch` (下发到各支部): the same activity for each chosen org, all or none;
 * silent because the form shows field errors (`activity.<field>`, `orgIds`) itself.
 */
export function createActivities(body: BatchCreateActivitiesRequest): Promise<ActivityView[]> {
  return request<ActivityView[]>('/activities/batch', { method: 'POST', body, silent: true });
}

/** `PATCH /activities/:id` (drafts only, 409 ACTIVITY_NOT_DRAFT); silent: the form shows errors. */
export function updateActivity(id: string, body: UpdateActivityRequest): Promise<ActivityView> {
  return request<ActivityView>(`/activities/${enc(id)}`, { method: 'PATCH', body, silent: true });
}

/** `POST /activities/:id/publish` (活动预告): members of the org get a WeChat reminder. */
export function publishActivity(id: string): Promise<ActivityView> {
  return request<ActivityView>(`/activities/${enc(id)}/publish`, { method: 'POST' });
}

/** `POST /activities/:id/cancel`. */
export function cancelActivity(id: string): Promise<ActivityView> {
  return request<ActivityView>(`/activities/${enc(id)}/cancel`, { method: 'POST' });
}

/** `PUT /activities/:id/pairs` (结对, also after publish); silent: the form shows field errors itself. */
export function setPairs(id: string, pairs: StudyPairInput[]): Promise<StudyPairView[]> {
  return request<StudyPairView[]>(`/activities/${enc(id)}/pairs`, { method: 'PUT', body: { pairs }, silent: true });
}

/** `GET /activities/:id/checkin-code`: the rotating token the projected QR code encodes. */
export function getCheckinCode(id: string, silent = false): Promise<CheckinCodeResponse> {
  return request<CheckinCodeResponse>(`/activities/${enc(id)}/checkin-code`, { silent });
}

/**
 * `GET /activities/:id/checkin-qr.png`: the 小程序码 WeChat draws for the current code (its scan
 * with WeChat's own 扫一扫 opens the check-in page); 503 WECHAT_UNAVAILABLE without WeChat.
 */
export function getCheckinQrImage(id: string): Promise<Blob> {
  return requestBlob(`/activities/${enc(id)}/checkin-qr.png`, { silent: true });
}

/** `GET /activities/:id/attendance`. */
export function getAttendance(id: string, silent = false): Promise<AttendanceResponse> {
  return request<AttendanceResponse>(`/activities/${enc(id)}/attendance`, { silent });
}

/** `GET /activities/:id/attendance.xlsx`, saved by the browser. */
export function exportAttendance(id: string, fallbackName: string): Promise<void> {
  return download(`/activities/${enc(id)}/attendance.xlsx`, fallbackName);
}

/** `POST /activities/:id/checkins` (代签): checks a member in from the roster; idempotent. */
export function rosterCheckIn(activityId: string, memberId: string): Promise<CheckInResponse> {
  return request<CheckInResponse>(`/activities/${enc(activityId)}/checkins`, { method: 'POST', body: { memberId } });
}

/** `POST /activities/:id/checkins/batch` (批量代签, ≤ MAX_BATCH_CHECKINS): each member's outcome, refusals with the reason. */
export function rosterCheckInMany(activityId: string, memberIds: string[]): Promise<BatchRosterCheckInResponse> {
  return request<BatchRosterCheckInResponse>(`/activities/${enc(activityId)}/checkins/batch`, { method: 'POST', body: { memberIds } });
}

/** `POST /leave-requests/:id/approve|reject`. */
export function decideLeave(leaveId: string, approve: boolean): Promise<LeaveRequestView> {
  return request<LeaveRequestView>(`/leave-requests/${enc(leaveId)}/${approve ? 'approve' : 'reject'}`, { method: 'POST' });
}

/** `POST /activities/:id/close`: settles attendance after the end (absence points, notices). */
export function closeAttendance(id: string): Promise<{ absent: number; notices: number }> {
  return request<{ absent: number; notices: number }>(`/activities/${enc(id)}/close`, { method: 'POST' });
}

/** `GET /activities/:id/record` (记实: minutes and photos with signed URLs). */
export function getRecord(id: string): Promise<ActivityRecordView> {
  return request<ActivityRecordView>(`/activities/${enc(id)}/record`);
}

/** `PUT /activities/:id/record`. */
export function saveMinutes(id: string, minutes: string): Promise<ActivityRecordView> {
  return request<ActivityRecordView>(`/activities/${enc(id)}/record`, { method: 'PUT', body: { minutes } });
}

/** `POST /activities/:id/photos` (multipart `file`); silent: the uploader shows the server's message. */
export function uploadPhoto(id: string, file: File): Promise<ActivityPhotoView> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<ActivityPhotoView>(`/activities/${enc(id)}/photos`, { method: 'POST', body: form, silent: true });
}

/** `DELETE /activities/:id/photos/:photoId`. */
export function deletePhoto(id: string, photoId: string): Promise<void> {
  return request<void>(`/activities/${enc(id)}/photos/${enc(photoId)}`, { method: 'DELETE' });
}

/** Query keys of the activity screens; `activityKeys.all` covers them all. */
export const activityKeys = {
  all: ['activities'] as const,
  list: (query: ActivityListQuery) => ['activities', 'list', query] as const,
  between: (query: ActivityListQuery) => ['activities', 'between', query] as const,
  detail: (id: string) => ['activities', 'detail', id] as const,
  attendance: (id: string) => ['activities', 'attendance', id] as const,
  record: (id: string) => ['activities', 'record', id] as const,
};

/** One page of activities (the last page stays on screen while the next loads). */
export function useActivities(query: ActivityListQuery | null) {
  return usePageQuery(activityKeys.list, listActivities, query);
}

/** Every activity of a date range (at most 20 pages of 100). */
export async function listActivitiesBetween(query: Omit<ActivityListQuery, 'page' | 'pageSize'>): Promise<ActivityView[]> {
  const all: ActivityView[] = [];
  for (let page = 1; ; page++) {
    const p = await listActivities({ ...query, page, pageSize: MAX_PAGE_SIZE });
    all.push(...p.items);
    if (all.length >= p.total || !p.items.length || page >= 20) return all;
  }
}

/** Every activity of a date range, for the calendar. */
export function useActivitiesBetween(query: Omit<ActivityListQuery, 'page' | 'pageSize'> | null) {
  return useQuery({
    queryKey: activityKeys.between(query ?? {}),
    queryFn: () => listActivitiesBetween(query ?? {}),
    enabled: !!query,
    placeholderData: keepPreviousData,
  });
}

/** One activity. */
export function useActivity(id: string) {
  return useQuery({ queryKey: activityKeys.detail(id), queryFn: () => getActivity(id) });
}

/** An activity's attendance. */
export function useAttendance(id: string) {
  return useQuery({ queryKey: activityKeys.attendance(id), queryFn: () => getAttendance(id) });
}

/** An activity's 记实 (minutes and photos). */
export function useActivityRecord(id: string) {
  return useQuery({ queryKey: activityKeys.record(id), queryFn: () => getRecord(id) });
}

/**
 * The rotating check-in code, fetched again every `everyMs` (a number, or a function asked after
 * each fetch: the projector times its next fetch to just after the slot turns; silent: the QR page
 * says what failed).
 */
export function useCheckinCode(id: string, everyMs: number | (() => number)) {
  return useQuery({
    queryKey: ['activities', 'code', id] as const,
    queryFn: () => getCheckinCode(id, true),
    refetchInterval: everyMs,
    refetchIntervalInBackground: true,
  });
}

/**
 * The 小程序码 of one code (`scene` = activity and 6 digits, so a new image once per slot). Not
 * retried: on 503 the projector shows the plain QR code at once and asks again with the next code.
 * The previous image stays while the next one loads, so the wall never blinks.
 */
export function useCheckinQrImage(id: string, scene: string | null) {
  return useQuery({
    queryKey: ['activities', 'wxacode', id, scene] as const,
    queryFn: () => getCheckinQrImage(id),
    enabled: !!scene,
    staleTime: Infinity,
    retry: false,
    placeholderData: keepPreviousData,
  });
}

/** How many have signed in of how many expected, fetched again every `everyMs` (silent). */
export function useAttendanceCount(id: string, everyMs: number) {
  return useQuery({
    queryKey: ['activities', 'attendance-count', id] as const,
    queryFn: () => getAttendance(id, true),
    select: (a) => ({ present: a.present.length, expected: a.present.length + a.absent.length }),
    refetchInterval: everyMs,
    refetchIntervalInBackground: true,
  });
}
