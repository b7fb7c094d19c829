/**
 * Activities (组织生活 and study activities) and their 记实. Other modules read an activity and
 * the invitation rule through ActivityAccess / whereInvited; attendance is the check-in module's.
 */
export { ActivityService, type AttendanceSummary } from './activity.service';
export { ActivityAccess, whereInvited, type LoadedActivity } from './activity.access';
export { ActivityRecordService } from './activity-record.service';
export type { Activity } from './activity.entity';
export { activityRoutes } from './activity.routes';
export { activityRecordRoutes } from './activity-record.routes';
