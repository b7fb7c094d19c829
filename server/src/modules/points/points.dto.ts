import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, NotEquals, ValidateIf } from 'class-validator';
import {
  LIMITS,
  lengthMessage,
  ADJUSTMENT_MAX_ABS,
  type AdjustmentRequest,
  type CreatePointsNoticeRequest,
  type RankingQuery,
  type ReversalRequest,
  type UpdatePointsNoticeRequest,
  type UpdatePointsRuleRequest,
} from '@djzy/shared';
import { Nullable } from '../../core/validate';
import { PageQueryDto, trim } from '../../core/dto';
import { IsId } from '../../core/validators';

export class PeriodQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.periodKey, { message: '统计周期格式应为 2026、2026-Q4 或 2026-11' })
  period?: string;
}

export class RankingQueryDto extends PageQueryDto implements RankingQuery {
  @IsOptional()
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.periodKey, { message: '统计周期格式应为 2026、2026-Q4 或 2026-11' })
  period?: string;

  @IsOptional()
  @IsIn(['desc', 'asc'], { message: '排序只能是 desc 或 asc' })
  order?: 'desc' | 'asc';
}

export class DistributionQueryDto {
  @IsOptional()
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.periodKey)
  period?: string;
}

const CAP_MESSAGE = '上限必须是 1 到 100000 的整数，或为空表示不设上限';

export class UpdatePointsRuleDto implements UpdatePointsRuleRequest {
  @IsInt({ message: '分值必须是整数' })
  @Min(-100, { message: '分值不能小于 -100' })
  @Max(100, { message: '分值不能大于 100' })
  points: number;

  @IsOptional()
  @Nullable()
  @ValidateIf((_o, v) => v !== null)
  @IsInt({ message: CAP_MESSAGE })
  @Min(1, { message: CAP_MESSAGE })
  @Max(100000, { message: CAP_MESSAGE })
  dailyCap?: number | null;

  @IsOptional()
  @Nullable()
  @ValidateIf((_o, v) => v !== null)
  @IsInt({ message: CAP_MESSAGE })
  @Min(1, { message: CAP_MESSAGE })
  @Max(100000, { message: CAP_MESSAGE })
  yearlyCap?: number | null;

  @IsBoolean({ message: 'enabled 只能是 true 或 false' })
  enabled: boolean;
}

export class AdjustmentDto implements AdjustmentRequest {
  @IsString()
  @IsId('member')
  memberId: string;

  @IsInt({ message: '调整分值必须是整数' })
  @NotEquals(0, { message: '调整分值不能为 0' })
  @Min(-ADJUSTMENT_MAX_ABS, { message: `调整分值不能小于 -${ADJUSTMENT_MAX_ABS}` })
  @Max(ADJUSTMENT_MAX_ABS, { message: `调整分值不能大于 ${ADJUSTMENT_MAX_ABS}` })
  delta: number;

  @Transform(trim)
  @IsString({ message: '请填写调整原因' })
  @IsNotEmpty({ message: '请填写调整原因' })
  @MaxLength(LIMITS.adjustmentReason, { message: lengthMessage('调整原因', LIMITS.adjustmentReason) })
  reason: string;
}

export class ReversalDto implements ReversalRequest {
  @Transform(trim)
  @IsString({ message: '请填写冲正原因' })
  @IsNotEmpty({ message: '请填写冲正原因' })
  @MaxLength(LIMITS.reversalReason, { message: lengthMessage('冲正原因', LIMITS.reversalReason) })
  reason: string;
}

export class PointsSettingsDto {
  @IsBoolean({ message: 'showMemberRanking 只能是 true 或 false' })
  showMemberRanking: boolean;
}

export class CreatePointsNoticeDto implements CreatePointsNoticeRequest {
  @IsString()
  @IsId('org')
  orgId: string;

  @IsString({ message: '请选择统计周期' })
  @MaxLength(LIMITS.periodKey)
  period: string;

  @IsOptional()
  @IsInt({ message: '人数必须是整数' })
  @Min(1, { message: '人数至少为 1' })
  @Max(50, { message: '人数不能超过 50' })
  size?: number;
}

export class UpdatePointsNoticeDto implements UpdatePointsNoticeRequest {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: '标题不能为空' })
  @MaxLength(LIMITS.noticeTitle, { message: lengthMessage('标题', LIMITS.noticeTitle) })
  title?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: '正文不能为空' })
  @MaxLength(LIMITS.noticeBody, { message: lengthMessage('正文', LIMITS.noticeBody) })
  body?: string;
}
