/** The one shape of each attendance answer: a check-in, a check-in outcome, a leave request. */
import { toIsoLocal, type CheckInResponse, type CheckInView, type LeaveRequestView } from '@djzy/shared';
import type { CheckInOutcome } from './checkin-writer';
import type { CheckIn, LeaveRequest } from './checkin.entity';

export function presentCheckIn(c: CheckIn, memberName: string): CheckInView {
  return {
    id: c.id,
    activityId: c.activityId,
    memberId: c.memberId,
    memberName,
    method: c.method,
    checkedInAt: toIsoLocal(c.checkedInAt),
    distanceM: c.distanceM,
    flagged: !!c.flagged,
  };
}

export function presentLeave(l: LeaveRequest, memberName: string): LeaveRequestView {
  return {
    id: l.id,
    activityId: l.activityId,
    memberId: l.memberId,
    memberName,
    reason: l.reason,
    status: l.status,
    createdAt: toIsoLocal(l.createdAt),
    decidedAt: l.decidedAt ? toIsoLocal(l.decidedAt) : null,
  };
}

/** `POST /checkins` and `POST /activities/:id/checkins`: 201 with the new check-in, 200 with the first one. */
export function presentOutcome(o: CheckInOutcome): { created: boolean; body: CheckInResponse } {
  return { created: o.created, body: { checkIn: presentCheckIn(o.checkIn, o.memberName), pointsAwarded: o.pointsAwarded } };
}
