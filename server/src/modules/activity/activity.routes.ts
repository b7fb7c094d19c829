import type { ActivityView, AttendanceResponse, CheckInResponse, CheckinCodeResponse, LeaveRequestView, Page, StudyPairView } from '@djzy/shared';
import { auditCtx, principalOf, type AppRouter } from '../../core/http';
import { validateInput } from '../../core/validate';
import { ActivityListQueryDto, CheckInDto, CreateActivityDto, LeaveDto, RosterCheckInDto, SetPairsDto, UpdateActivityDto } from './activity.dto';
import type { ActivityService } from './activity.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function activityRoutes(router: AppRouter, activities: ActivityService) {
  router.post('/activities', async (ctx) => {
    const input = validateInput(CreateActivityDto, ctx.request.body);
    const body: ActivityView = await activities.create(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/activities', async (ctx) => {
    const q = validateInput(ActivityListQueryDto, ctx.query);
    const body: Page<ActivityView> = await activities.list(principalOf(ctx), q);
    ctx.body = body;
  });

  router.get('/activities/:id', async (ctx) => {
    const body: ActivityView = await activities.get(principalOf(ctx), ctx.params.id);
    ctx.body = body;
  });

  router.patch('/activities/:id', async (ctx) => {
    const input = validateInput(UpdateActivityDto, ctx.request.body);
    const body: ActivityView = await activities.update(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/activities/:id/publish', async (ctx) => {
    const body: ActivityView = await activities.publish(principalOf(ctx), ctx.params.id, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/activities/:id/cancel', async (ctx) => {
    const body: ActivityView = await activities.cancel(principalOf(ctx), ctx.params.id, auditCtx(ctx));
    ctx.body = body;
  });

  router.get('/activities/:id/checkin-code', async (ctx) => {
    const body: CheckinCodeResponse = await activities.checkinCode(principalOf(ctx), ctx.params.id);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  });

  router.post('/checkins', async (ctx) => {
    const input = validateInput(CheckInDto, ctx.request.body);
    const { created, body } = await activities.checkIn(principalOf(ctx), input, { ip: ctx.ip });
    ctx.status = created ? 201 : 200;
    ctx.body = body satisfies CheckInResponse;
  });

  router.put('/activities/:id/pairs', async (ctx) => {
    const input = validateInput(SetPairsDto, ctx.request.body);
    const body: StudyPairView[] = await activities.setPairs(principalOf(ctx), ctx.params.id, input.pairs, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/activities/:id/checkins', async (ctx) => {
    const input = validateInput(RosterCheckInDto, ctx.request.body);
    const { created, body } = await activities.rosterCheckIn(principalOf(ctx), ctx.params.id, input.memberId, auditCtx(ctx));
    ctx.status = created ? 201 : 200;
    ctx.body = body satisfies CheckInResponse;
  });

  router.post('/activities/:id/leave', async (ctx) => {
    const input = validateInput(LeaveDto, ctx.request.body);
    const { created, body } = await activities.requestLeave(principalOf(ctx), ctx.params.id, input.reason);
    ctx.status = created ? 201 : 200;
    ctx.body = body satisfies LeaveRequestView;
  });

  router.post('/leave-requests/:id/approve', async (ctx) => {
    const body: LeaveRequestView = await activities.decideLeave(principalOf(ctx), ctx.params.id, true, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/leave-requests/:id/reject', async (ctx) => {
    const body: LeaveRequestView = await activities.decideLeave(principalOf(ctx), ctx.params.id, false, auditCtx(ctx));
    ctx.body = body;
  });

  router.get('/activities/:id/attendance', async (ctx) => {
    const body: AttendanceResponse = await activities.attendance(principalOf(ctx), ctx.params.id);
    ctx.body = body;
  });

  router.get('/activities/:id/attendance.xlsx', async (ctx) => {
    const { filename, data } = await activities.attendanceXlsx(principalOf(ctx), ctx.params.id);
    ctx.set('Content-Type', XLSX);
    ctx.set('Content-Disposition', `attachment; filename="attendance.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`);
    ctx.body = data;
  });
}
