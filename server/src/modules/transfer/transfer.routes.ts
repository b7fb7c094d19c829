import type { IncomingTransferView, MyTransfer, TransferRemindResult, TransferView } from '@djzy/shared';
import { auditCtx, principalOf, type AppRouter } from '../../core/http';
import { validateInput } from '../../core/validate';
import type { IncomingTransferService } from './incoming.service';
import {
  CreateIncomingTransferDto,
  CreateTransferDto,
  IncomingListQueryDto,
  IssueTransferDto,
  RemindTransfersDto,
  TransferListQueryDto,
  TransferStepDto,
} from './transfer.dto';
import type { TransferService } from './transfer.service';

export function transferRoutes(router: AppRouter, transfers: TransferService, incoming: IncomingTransferService) {
  router.post('/transfers/remind', async (ctx) => {
    const input = validateInput(RemindTransfersDto, ctx.request.body ?? {});
    const body: TransferRemindResult = await transfers.remind(principalOf(ctx), input.orgId, auditCtx(ctx));
    ctx.body = body;
  });

  router.get('/incoming-transfers', async (ctx) => {
    const q = validateInput(IncomingListQueryDto, ctx.query);
    const body: IncomingTransferView[] = await incoming.list(principalOf(ctx), q);
    ctx.body = body;
  });

  router.post('/incoming-transfers', async (ctx) => {
    const input = validateInput(CreateIncomingTransferDto, ctx.request.body);
    const body: IncomingTransferView = await incoming.register(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/incoming-transfers/:id', async (ctx) => {
    const body: IncomingTransferView = await incoming.get(principalOf(ctx), ctx.params.id);
    ctx.body = body;
  });

  router.post('/incoming-transfers/:id/receive', async (ctx) => {
    const input = validateInput(TransferStepDto, ctx.request.body);
    const body: IncomingTransferView = await incoming.receive(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/incoming-transfers/:id/cancel', async (ctx) => {
    const input = validateInput(TransferStepDto, ctx.request.body);
    const body: IncomingTransferView = await incoming.cancel(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.get('/transfers', async (ctx) => {
    const q = validateInput(TransferListQueryDto, ctx.query);
    const body: TransferView[] = await transfers.list(principalOf(ctx), q);
    ctx.body = body;
  });

  router.get('/transfers/mine', async (ctx) => {
    const body: MyTransfer[] = await transfers.mine(principalOf(ctx));
    ctx.body = body;
  });

  router.post('/transfers', async (ctx) => {
    const input = validateInput(CreateTransferDto, ctx.request.body);
    const body: TransferView = await transfers.create(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/transfers/:id', async (ctx) => {
    const body: TransferView = await transfers.get(principalOf(ctx), ctx.params.id);
    ctx.body = body;
  });

  router.post('/transfers/:id/approve', async (ctx) => {
    const input = validateInput(TransferStepDto, ctx.request.body);
    const body: TransferView = await transfers.approve(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/transfers/:id/issue', async (ctx) => {
    const input = validateInput(IssueTransferDto, ctx.request.body);
    const body: TransferView = await transfers.issue(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/transfers/:id/receive', async (ctx) => {
    const input = validateInput(TransferStepDto, ctx.request.body);
    const body: TransferView = await transfers.receive(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/transfers/:id/cancel', async (ctx) => {
    const input = validateInput(TransferStepDto, ctx.request.body);
    const body: TransferView = await transfers.cancel(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });
}
