import { PassThrough } from 'node:stream';
import {
  ERRORS,
  type ImportResult,
  type ImportStreamLine,
  type MemberDetail,
  type MemberSummary,
  type OrgTreeResponse,
  type Page,
} from '@djzy/shared';
import { AppError } from '../../core/errors';
import { auditCtx, isDuplicateKey, principalOf, type AppRouter } from '../../core/http';
import { readUpload } from '../../core/upload';
import { validateInput } from '../../core/validate';
import { CreateMemberDto, ExportQueryDto, MemberListQueryDto, RevealQueryDto, UpdateMemberDto } from './member.dto';
import type { MemberService } from './member.service';
import type { RosterService } from './roster.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(filename: string): string {
  return `attachment; filename="roster.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

const NDJSON = 'application/x-ndjson';

export function memberRoutes(router: AppRouter, members: MemberService, roster: RosterService) {
  router.get('/orgs', async (ctx) => {
    const body: OrgTreeResponse = await members.orgTree(principalOf(ctx));
    ctx.body = body;
  });

  router.get('/members', async (ctx) => {
    const q = validateInput(MemberListQueryDto, ctx.query);
    const body: Page<MemberSummary> = await members.list(principalOf(ctx), q, auditCtx(ctx));
    ctx.body = body;
  });

  /**
   * The import answers with its result; asked with `Accept: application/x-ndjson` it streams its
   * progress first (ImportStreamLine a line) so the console can show a progress bar. A bad file is
   * a 4xx either way: the file is read before the stream starts.
   */
  router.post('/members/import', async (ctx) => {
    const p = principalOf(ctx);
    const file = await readUpload(ctx, 'file');
    const run = await roster.prepareImport(p, file.data, auditCtx(ctx));
    if (!(ctx.get('accept') ?? '').includes(NDJSON)) {
      const body: ImportResult = await run();
      ctx.body = body;
      return;
    }
    const out = new PassThrough();
    const send = (line: ImportStreamLine) => out.write(`${JSON.stringify(line)}\n`);
    let last = 0;
    ctx.set('Content-Type', `${NDJSON}; charset=utf-8`);
    ctx.set('Cache-Control', 'no-cache');
    // Tells nginx not to hold the lines back until the end.
    ctx.set('X-Accel-Buffering', 'no');
    ctx.body = out;
    const log = ctx.state.log;
    void run((phase, done, total) => {
      const now = Date.now();
      if (done < total && now - last < 100) return;
      last = now;
      send({ type: 'progress', phase, done, total });
    })
      .then((result) => send({ type: 'result', result }))
      .catch((err: unknown) => {
        if (err instanceof AppError && err.status < 500) send({ type: 'error', error: { code: err.code, message: err.message } });
        // Another import wrote the same new ID number first: this one wrote nothing.
        else if (isDuplicateKey(err)) send({ type: 'error', error: { code: 'CONFLICT', message: ERRORS.CONFLICT.message } });
        else {
          log?.error({ err: { name: (err as Error)?.name, message: (err as Error)?.message } }, 'roster import failed');
          send({ type: 'error', error: { code: 'INTERNAL', message: ERRORS.INTERNAL.message } });
        }
      })
      .finally(() => out.end());
  });

  router.get('/members/export.xlsx', async (ctx) => {
    const q = validateInput(ExportQueryDto, ctx.query);
    const file = await roster.export(principalOf(ctx), q.orgId, !!q.reveal, auditCtx(ctx));
    ctx.set('Content-Type', XLSX);
    ctx.set('Content-Disposition', attachment(file.filename));
    ctx.body = file.data;
  });

  router.get('/members/import-template.xlsx', async (ctx) => {
    principalOf(ctx);
    ctx.set('Content-Type', XLSX);
    ctx.set('Content-Disposition', attachment('党员名册导入模板.xlsx'));
    ctx.body = await roster.template();
  });

  router.post('/members', async (ctx) => {
    const input = validateInput(CreateMemberDto, ctx.request.body);
    const body: MemberDetail = await members.create(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/members/:id', async (ctx) => {
    const q = validateInput(RevealQueryDto, ctx.query);
    const body: MemberDetail = await members.get(principalOf(ctx), ctx.params.id, !!q.reveal, auditCtx(ctx));
    ctx.body = body;
  });

  router.patch('/members/:id', async (ctx) => {
    const input = validateInput(UpdateMemberDto, ctx.request.body);
    const body: MemberDetail = await members.update(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });
}
