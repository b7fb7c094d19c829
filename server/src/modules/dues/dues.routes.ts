import type { DuesBaseView, DuesDisclosureView, DuesPaymentView, MemberDuesYear, MyDues } from '@djzy/shared';
import { auditCtx, principalOf, type AppRouter } from '../../core/http';
import { validateInput } from '../../core/validate';
import {
  CreateDuesPaymentDto,
  DuesDisclosureQueryDto,
  DuesQueryDto,
  MyDuesQueryDto,
  PublishDuesDisclosureDto,
  SetDuesBaseDto,
} from './dues.dto';
import type { DuesService } from './dues.service';

export function duesRoutes(router: AppRouter, dues: DuesService) {
  router.get('/dues-disclosures', async (ctx) => {
    const q = validateInput(DuesDisclosureQueryDto, ctx.query);
    const body: DuesDisclosureView[] = await dues.disclosures(principalOf(ctx), q);
    ctx.body = body;
  });

  router.get('/dues-disclosures/mine', async (ctx) => {
    const q = validateInput(MyDuesQueryDto, ctx.query);
    const body: DuesDisclosureView[] = await dues.myDisclosures(principalOf(ctx), q.year);
    ctx.body = body;
  });

  router.post('/dues-disclosures', async (ctx) => {
    const input = validateInput(PublishDuesDisclosureDto, ctx.request.body);
    const body: DuesDisclosureView = await dues.publishDisclosure(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/dues', async (ctx) => {
    const q = validateInput(DuesQueryDto, ctx.query);
    const body: MemberDuesYear[] = await dues.year(principalOf(ctx), q);
    ctx.body = body;
  });

  router.get('/dues/mine', async (ctx) => {
    const q = validateInput(MyDuesQueryDto, ctx.query);
    const body: MyDues = await dues.mine(principalOf(ctx), q.year);
    ctx.body = body;
  });

  router.put('/dues-bases', async (ctx) => {
    const input = validateInput(SetDuesBaseDto, ctx.request.body);
    const body: DuesBaseView = await dues.setBase(principalOf(ctx), input, auditCtx(ctx));
    ctx.body = body;
  });

  router.get('/dues-payments', async (ctx) => {
    const q = validateInput(DuesQueryDto, ctx.query);
    const body: DuesPaymentView[] = await dues.payments(principalOf(ctx), q);
    ctx.body = body;
  });

  router.post('/dues-payments', async (ctx) => {
    const input = validateInput(CreateDuesPaymentDto, ctx.request.body);
    const body: DuesPaymentView = await dues.createPayment(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.delete('/dues-payments/:id', async (ctx) => {
    await dues.deletePayment(principalOf(ctx), ctx.params.id, auditCtx(ctx));
    ctx.status = 204;
  });
}
