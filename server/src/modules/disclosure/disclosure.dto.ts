import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import {
  DISCLOSURE_AUDIENCES,
  DISCLOSURE_CADENCES,
  DISCLOSURE_KINDS,
  DISCLOSURE_LIMITS,
  DISCLOSURE_STATUSES,
  MAX_DISCLOSURE_CENTS,
  MAX_DISCLOSURE_ROWS,
  type CheckDisclosureSchedulesRequest,
  type CreateDisclosureRequest,
  type DisclosureAudience,
  type DisclosureCadence,
  type DisclosureKind,
  type DisclosureListQuery,
  type DisclosureSignRequest,
  type DisclosureStatus,
  type FinanceRowInput,
  type PublicFeedbackRequest,
  type ReplaceDisclosureRowsRequest,
  type ReturnDisclosureRequest,
  type SubsidyRowInput,
  type UpdateDisclosureRequest,
  type UpdateDisclosureScheduleRequest,
} from '@djzy/shared';
import { IsText, PageQueryDto } from '../../core/dto';
import { IsId, IsLocalDate } from '../../core/validators';

const amountMessage = `金额须是 0 到 ${MAX_DISCLOSURE_CENTS / 100} 元之间的整数分`;
function IsCents(optional = false): PropertyDecorator {
  return (target, key) => {
    if (optional) IsOptional()(target, key);
    IsInt({ message: amountMessage })(target, key);
    Min(0, { message: amountMessage })(target, key);
    Max(MAX_DISCLOSURE_CENTS, { message: amountMessage })(target, key);
  };
}

export class FinanceRowDto implements FinanceRowInput {
  @IsLocalDate({ message: '日期格式应为 YYYY-MM-DD' })
  on: string;

  @IsText('摘要', DISCLOSURE_LIMITS.item)
  item: string;

  @IsCents(true)
  incomeCents?: number;

  @IsCents(true)
  expenseCents?: number;

  @IsText('凭证号', DISCLOSURE_LIMITS.voucherNo, { optional: true })
  voucherNo?: string;
}

export class SubsidyRowDto implements SubsidyRowInput {
  @IsText('领取人', DISCLOSURE_LIMITS.beneficiary)
  beneficiary: string;

  @IsText('补贴项目', DISCLOSURE_LIMITS.item)
  item: string;

  @IsCents()
  amountCents: number;

  @IsLocalDate({ message: '发放日期格式应为 YYYY-MM-DD' })
  paidOn: string;
}

class RowsDto implements ReplaceDisclosureRowsRequest {
  @IsOptional()
  @IsArray({ message: '收支明细格式不正确' })
  @ArrayMaxSize(MAX_DISCLOSURE_ROWS, { message: `明细最多 ${MAX_DISCLOSURE_ROWS} 行` })
  @ValidateNested({ each: true })
  @Type(() => FinanceRowDto)
  financeRows?: FinanceRowDto[];

  @IsOptional()
  @IsArray({ message: '发放名单格式不正确' })
  @ArrayMaxSize(MAX_DISCLOSURE_ROWS, { message: `明细最多 ${MAX_DISCLOSURE_ROWS} 行` })
  @ValidateNested({ each: true })
  @Type(() => SubsidyRowDto)
  subsidyRows?: SubsidyRowDto[];
}

export class ReplaceDisclosureRowsDto extends RowsDto {}

export class CreateDisclosureDto extends RowsDto implements CreateDisclosureRequest {
  @IsString()
  @IsId('org')
  orgId: string;

  @IsIn(DISCLOSURE_KINDS, { message: '请选择公开类别（党务、村务、财务、惠农补贴）' })
  kind: DisclosureKind;

  @IsText('标题', DISCLOSURE_LIMITS.title)
  title: string;

  @IsLocalDate({ message: '公开期间的开始日期格式应为 YYYY-MM-DD' })
  periodFrom: string;

  @IsLocalDate({ message: '公开期间的结束日期格式应为 YYYY-MM-DD' })
  periodTo: string;

  @IsText('公开内容', DISCLOSURE_LIMITS.body, { optional: true })
  body?: string;

  @IsOptional()
  @IsIn(DISCLOSURE_AUDIENCES, { message: '公开范围不正确' })
  audience?: DisclosureAudience;
}

export class UpdateDisclosureDto implements UpdateDisclosureRequest {
  @IsText('标题', DISCLOSURE_LIMITS.title, { optional: true })
  title?: string;

  @IsOptional()
  @IsLocalDate({ message: '公开期间的开始日期格式应为 YYYY-MM-DD' })
  periodFrom?: string;

  @IsOptional()
  @IsLocalDate({ message: '公开期间的结束日期格式应为 YYYY-MM-DD' })
  periodTo?: string;

  @IsText('公开内容', DISCLOSURE_LIMITS.body, { optional: true })
  body?: string;

  @IsOptional()
  @IsIn(DISCLOSURE_AUDIENCES, { message: '公开范围不正确' })
  audience?: DisclosureAudience;
}

export class DisclosureSignDto implements DisclosureSignRequest {
  @IsText('意见', DISCLOSURE_LIMITS.note, { optional: true })
  note?: string;
}

export class ReturnDisclosureDto implements ReturnDisclosureRequest {
  @IsText('退回理由', DISCLOSURE_LIMITS.reason)
  reason: string;
}

export class DisclosureListQueryDto extends PageQueryDto implements DisclosureListQuery {
  @IsOptional()
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @IsIn(DISCLOSURE_KINDS, { message: '公开类别不正确' })
  kind?: DisclosureKind;

  @IsOptional()
  @IsIn(DISCLOSURE_STATUSES, { message: '状态不正确' })
  status?: DisclosureStatus;
}

export class ScheduleQueryDto {
  @IsOptional()
  @IsId('org')
  orgId?: string;
}

export class UpdateDisclosureScheduleDto implements UpdateDisclosureScheduleRequest {
  @IsOptional()
  @IsIn(DISCLOSURE_CADENCES, { message: '公开频次不正确' })
  cadence?: DisclosureCadence;

  @IsOptional()
  @IsBoolean({ message: 'lowActivity 只能是 true 或 false' })
  lowActivity?: boolean;

  @IsOptional()
  @IsLocalDate({ message: '应公开日期格式应为 YYYY-MM-DD' })
  nextDueOn?: string;
}

export class CheckDisclosureSchedulesDto implements CheckDisclosureSchedulesRequest {
  @IsOptional()
  @IsString()
  @IsId('org')
  orgId?: string;
}

export class PublicFeedbackDto implements PublicFeedbackRequest {
  @IsText('监督意见', DISCLOSURE_LIMITS.feedbackContent, { emptyMessage: '请填写您的意见或问题' })
  content: string;

  @IsText('联系方式', DISCLOSURE_LIMITS.feedbackContact, { optional: true })
  contact?: string;
}
