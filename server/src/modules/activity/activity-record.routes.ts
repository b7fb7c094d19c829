import { MAX_PHOTO_BYTES, type ActivityPhotoView, type ActivityRecordView } from '@djzy/shared';
import { auditCtx, principalOf, queryString, type AppRouter, storedFileHeaders } from '../../core/http';
import { readUpload } from '../../core/upload';
import { validateInput } from '../../core/validate';
import { UpdateRecordDto } from './activity.dto';
import type { ActivityRecordService } from './activity-record.service';

export function activityRecordRoutes(router: AppRouter, records: ActivityRecordService) {
  router.get('/activities/:id/record', async (ctx) => {
    const body: ActivityRecordView = await records.get(principalOf(ctx), ctx.params.id);
    ctx.body = body;
  });

  router.put('/activities/:id/record', async (ctx) => {
    const input = validateInput(UpdateRecordDto, ctx.request.body);
    const body: ActivityRecordView = await records.saveMinutes(principalOf(ctx), ctx.params.id, input.minutes, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/activities/:id/photos', async (ctx) => {
    const p = principalOf(ctx);
    const file = await readUpload(ctx, 'file', MAX_PHOTO_BYTES, 'UPLOAD_INVALID');
    const body: ActivityPhotoView = await records.addPhoto(p, ctx.params.id, file.data, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.delete('/activities/:id/photos/:photoId', async (ctx) => {
    await records.deletePhoto(principalOf(ctx), ctx.params.id, ctx.params.photoId, auditCtx(ctx));
    ctx.status = 204;
  });

  // Signed URL: no token needed (an <image> tag cannot send one), the signature is the access.
  router.get('/activities/:id/photos/:photoId', async (ctx) => {
    const { data, contentType } = await records.photoBytes(
      ctx.params.id,
      ctx.params.photoId,
      queryString(ctx, 'exp') ?? '',
      queryString(ctx, 'sig') ?? '',
    );
    ctx.set('Content-Type', contentType);
    ctx.set('Cache-Control', 'private, max-age=3600');
    storedFileHeaders(ctx);
    ctx.body = data;
  });
}
