import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { DUES_CATEGORIES, DUES_LIMITS as L, DUES_METHODS, type CreateDuesPaymentRequest, type DuesCategory, type DuesMethod, type SetDuesBaseRequest } from '@djzy/shared';
import { IsText, IsYear } from '../../core/dto';
import { IsId, IsLocalDate } from '../../core/validators';

const cents = (label: string, max: number): PropertyDecorator[] => [IsInt({ message: `${label}必须是以分为单位的整数` }), Min(0, { message: `${label}不能为负数` }), Max(max, { message: `${label}过大` })];
const all =
  (...ds: PropertyDecorator[]): PropertyDecorator =>
  (t, k) =>
    ds.forEach((d) => d(t, k));

export class DuesQueryDto {
  @IsOptional()
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId?: string;

  @IsYear({ query: true })
  year: number;
}

export class MyDuesQueryDto {
  @IsOptional()
  @IsYear({ query: true })
  year?: number;
}

export class SetDuesBaseDto implements SetDuesBaseRequest {
  @IsString({ message: '请选择党员' })
  @IsId('member')
  memberId: string;

  @IsYear()
  year: number;

  @IsIn(DUES_CATEGORIES, { message: '党员类别不正确' })
  category: DuesCategory;

  @IsOptional()
  @all(...cents('党费计算基数', 100_000_000))
  baseCents?: number;

  @IsOptional()
  @all(...cents('每月党费', 10_000_000), Min(1, { message: '每月党费必须大于 0' }))
  monthlyCents?: number;

  @IsText('调整理由', L.reason, { optional: true })
  overrideReason?: string;
}

export class CreateDuesPaymentDto implements CreateDuesPaymentRequest {
  @IsString({ message: '请选择党员' })
  @IsId('member')
  memberId: string;

  @IsArray({ message: '请选择交纳的月份' })
  @ArrayNotEmpty({ message: '请至少选择一个月份' })
  @ArrayMaxSize(L.months, { message: `一次最多交纳 ${L.months} 个月` })
  @IsString({ each: true, message: '月份格式应为 2026-05' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { each: true, message: '月份格式应为 2026-05' })
  months: string[];

  @all(...cents('金额', 100_000_000), Min(1, { message: '金额必须大于 0' }))
  amountCents: number;

  @IsIn(DUES_METHODS, { message: '交纳方式应为 现金、银行转账、微信、支付宝 或 委托代交' })
  method: DuesMethod;

  @IsText('代交人姓名', L.name, { optional: true })
  proxyName?: string;

  @IsLocalDate({ message: '日期格式应为 2026-05-20' })
  paidOn: string;

  @IsText('交易单号', L.txn, { optional: true })
  externalTxnId?: string;

  @IsText('收据编号', L.receipt, { optional: true })
  receiptNo?: string;

  @IsText('备注', L.note, { optional: true })
  note?: string;
}
