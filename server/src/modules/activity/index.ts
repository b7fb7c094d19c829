/**
 * Activities (组织生活 and study activities) and their 记实. Other modules read an activity and
 * who an activity is for (its audience, each person's standing) through ActivityAccess; attendance is the check-in module's.
 */
export { ActivityService, type AttendanceSummary } from './activity.service';
export { ActivityAccess, earnsAttendancePoints, type Attendee, type Audience, type LoadedActivity } from './activity.access';
export { ActivityRecordService } from './activity-record.service';
export type { Activity } from './activity.entity';
export { activityRoutes } from './activity.routes';
export { activityRecordRoutes } from './activity-record.routes';
