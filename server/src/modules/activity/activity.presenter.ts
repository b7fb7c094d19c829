import { toIsoLocal, type AttendeesView, type AttendeeStanding, type ActivityMaterialView, type ActivityView, type StudyPairView, type CheckInView, type CheckinMode, type MyActivityStatus } from '@djzy/shared';
import type { Activity } from './activity.entity';

export function presentActivity(
  a: Activity,
  extra: {
    orgName: string;
    canManage: boolean;
    myStatus: MyActivityStatus | null;
    myStanding: AttendeeStanding | null;
    attendees: AttendeesView | null;
    myCheckIn: CheckInView | null;
    checkedInCount: number;
    materials: ActivityMaterialView[];
    pairs: StudyPairView[];
  },
): ActivityView {
  return {
    id: a.id,
    title: a.title,
    kind: a.kind,
    orgId: a.orgId,
    orgName: extra.orgName,
    startsAt: toIsoLocal(a.startsAt),
    endsAt: toIsoLocal(a.endsAt),
    location: a.lat != null && a.lng != null ? { name: a.locationName ?? '', lat: a.lat, lng: a.lng, radiusM: a.radiusM ?? 0 } : null,
    place: a.locationName || null,
    checkinModes: a.checkinModes.split(',').filter(Boolean) as CheckinMode[],
    studyMode: a.studyMode,
    description: a.description,
    lecturer: a.lecturer,
    topic: a.topic,
    materials: extra.materials,
    pairs: extra.pairs,
    allowRemote: !!a.allowRemote,
    status: a.status,
    publishedAt: a.publishedAt ? toIsoLocal(a.publishedAt) : null,
    attendanceClosed: !!a.attendanceClosedAt,
    createdAt: toIsoLocal(a.createdAt),
    canManage: extra.canManage,
    myStatus: extra.myStatus,
    myStanding: extra.myStanding,
    attendees: extra.attendees,
    myCheckIn: extra.myCheckIn,
    checkedInCount: extra.checkedInCount,
  };
}
