import type { AttendanceResponse, BatchRosterCheckInResponse, CheckInResponse, CheckinCodeResponse, LeaveRequestView } from '@djzy/shared';
import { auditCtx, principalOf, type AppRouter } from '../../core/http';
import { validateInput } from '../../core/validate';
import type { AttendanceService } from './attendance.service';
import { BatchRosterCheckInDto, CheckInDto, LeaveDto, RosterCheckInDto } from './checkin.dto';
import type { CheckinService } from './checkin.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function checkinRoutes(router: AppRouter, checkins: CheckinService, attendance: AttendanceService) {
  router.get('/activities/:id/checkin-code', async (ctx) => {
    const body: CheckinCodeResponse = await checkins.checkinCode(principalOf(ctx), ctx.params.id);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  });

  router.post('/checkins', async (ctx) => {
    const input = validateInput(CheckInDto, ctx.request.body);
    const { created, body } = await checkins.checkIn(principalOf(ctx), input, { ip: ctx.ip });
    ctx.status = created ? 201 : 200;
    ctx.body = body satisfies CheckInResponse;
  });

  router.post('/activities/:id/checkins', async (ctx) => {
    const input = validateInput(RosterCheckInDto, ctx.request.body);
    const { created, body } = await checkins.rosterCheckIn(principalOf(ctx), ctx.params.id, input.memberId, auditCtx(ctx));
    ctx.status = created ? 201 : 200;
    ctx.body = body satisfies CheckInResponse;
  });

  router.post('/activities/:id/leave', async (ctx) => {
    const input = validateInput(LeaveDto, ctx.request.body);
    const { created, body } = await attendance.requestLeave(principalOf(ctx), ctx.params.id, input.reason);
    ctx.status = created ? 201 : 200;
    ctx.body = body satisfies LeaveRequestView;
  });

  router.post('/leave-requests/:id/approve', async (ctx) => {
    const body: LeaveRequestView = await attendance.decideLeave(principalOf(ctx), ctx.params.id, true, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/leave-requests/:id/reject', async (ctx) => {
    const body: LeaveRequestView = await attendance.decideLeave(principalOf(ctx), ctx.params.id, false, auditCtx(ctx));
    ctx.body = body;
  });

  router.get('/activities/:id/attendance', async (ctx) => {
    const body: AttendanceResponse = await attendance.attendance(principalOf(ctx), ctx.params.id);
    ctx.body = body;
  });

  router.get('/activities/:id/attendance.xlsx', async (ctx) => {
    const { filename, data } = await attendance.attendanceXlsx(principalOf(ctx), ctx.params.id);
    ctx.set('Content-Type', XLSX);
    ctx.set('Content-Disposition', `attachment; filename="attendance.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`);
    ctx.body = data;
  });

  // The 小程序码 for the projector (WeChat's own scanner opens the check-in page with it).
  router.get('/activities/:id/checkin-qr.png', async (ctx) => {
    const { contentType, data } = await checkins.checkinQrImage(principalOf(ctx), ctx.params.id);
    ctx.set('Content-Type', contentType);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = data;
  });

  router.post('/activities/:id/checkins/batch', async (ctx) => {
    const input = validateInput(BatchRosterCheckInDto, ctx.request.body);
    const body: BatchRosterCheckInResponse = await checkins.rosterCheckInMany(
      principalOf(ctx),
      ctx.params.id,
      input.memberIds,
      auditCtx(ctx),
    );
    ctx.body = body;
  });

  router.post('/activities/:id/close', async (ctx) => {
    ctx.body = await attendance.closeAsManager(principalOf(ctx), ctx.params.id, auditCtx(ctx));
  });
}
