/**
 * Check-in and attendance (签到与考勤): the rotating QR token, the group-commit writer, members'
 * and organisers' check-ins, online study as attendance, leave, the attendance sheet and closing.
 */
export { CheckinService, type QrCodeDrawer } from './checkin.service';
export { AttendanceService } from './attendance.service';
export { CheckinTokens } from './checkin-token';
export { checkinAward } from './checkin-writer';
export { checkinRoutes } from './checkin.routes';
