import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import {
  CARE_FORMS,
  CARE_FUND_SOURCES,
  CARE_LIMITS as L,
  CARE_OCCASIONS,
  HARDSHIP_REASONS,
  HARDSHIP_STATUSES,
  type CareForm,
  type CareFundSource,
  type CareOccasion,
  type CareWindowSettings,
  type CreateCareVisitRequest,
  type CreateHardshipRequest,
  type HardshipReason,
  type HardshipStatus,
  type ResolveHardshipRequest,
  type ReviewHardshipRequest,
} from '@djzy/shared';
import { IsText, IsYear, toInt } from '../../core/dto';
import { IsId, IsLocalDate } from '../../core/validators';

const DATE_MESSAGE = '日期格式应为 2026-06-28';

export class HardshipListQueryDto {
  @IsOptional()
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @IsIn(HARDSHIP_STATUSES, { message: '状态应为 困难 或 已脱困' })
  status?: HardshipStatus;
}

export class CreateHardshipDto implements CreateHardshipRequest {
  @IsString({ message: '请选择党员' })
  @IsId('member')
  memberId: string;

  @IsArray({ message: '请选择困难原因' })
  @ArrayNotEmpty({ message: '请至少选择一项困难原因' })
  @ArrayMaxSize(HARDSHIP_REASONS.length, { message: '困难原因过多' })
  @IsIn(HARDSHIP_REASONS, { each: true, message: '困难原因不正确' })
  reasons: HardshipReason[];

  @IsText('困难情况', L.note, { optional: true })
  note?: string;

  @IsLocalDate({ message: DATE_MESSAGE })
  assessedOn: string;
}

export class ReviewHardshipDto implements ReviewHardshipRequest {
  @IsLocalDate({ message: DATE_MESSAGE })
  on: string;

  @IsBoolean({ message: '请选择复核结果：仍然困难 或 已脱困' })
  stillInHardship: boolean;

  @IsText('复核情况', L.reviewNote, { optional: true })
  note?: string;
}

export class ResolveHardshipDto implements ResolveHardshipRequest {
  @IsLocalDate({ message: DATE_MESSAGE })
  on: string;

  @IsText('脱困情况', L.reviewNote, { optional: true })
  note?: string;
}

export class CareVisitListQueryDto {
  @IsOptional()
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @IsYear({ query: true })
  year?: number;

  @IsOptional()
  @IsIn(CARE_OCCASIONS, { message: '慰问时机应为 七一、春节 或 其他' })
  occasion?: CareOccasion;
}

export class CreateCareVisitDto implements CreateCareVisitRequest {
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId: string;

  @IsArray({ message: '请选择受慰问的党员' })
  @ArrayNotEmpty({ message: '请至少选择一名受慰问的党员' })
  @ArrayMaxSize(L.memberIds, { message: `一次最多登记 ${L.memberIds} 名党员` })
  @IsString({ each: true, message: '党员编号不正确' })
  @IsId('member', { each: true })
  memberIds: string[];

  @IsLocalDate({ message: DATE_MESSAGE })
  on: string;

  @IsIn(CARE_OCCASIONS, { message: '慰问时机应为 七一、春节 或 其他' })
  occasion: CareOccasion;

  @IsText('慰问人', L.visitors)
  visitors: string;

  @IsIn(CARE_FORMS, { message: '慰问形式应为 慰问金、慰问品 或 两者' })
  form: CareForm;

  @IsOptional()
  @IsInt({ message: '金额必须是以分为单位的整数' })
  @Min(1, { message: '金额必须大于 0' })
  @Max(100_000_000, { message: '金额过大' })
  amountCents?: number;

  @IsIn(CARE_FUND_SOURCES, { message: '经费来源不正确' })
  fundSource: CareFundSource;

  @IsText('备注', L.note, { optional: true })
  note?: string;
}

export class CareSettingsQueryDto {
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId: string;

  @IsOptional()
  @IsYear({ query: true })
  year?: number;
}

export class SetCareSettingsDto implements CareWindowSettings {
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId: string;

  @IsString({ message: '七一慰问开始日期应为 06-01 这样的月-日' })
  qiyiFrom: string;

  @IsString({ message: '七一慰问结束日期应为 07-10 这样的月-日' })
  qiyiTo: string;

  @Transform(toInt)
  @IsInt({ message: '春节慰问开始日应为腊月的第 10 至 29 天' })
  @Min(10, { message: '春节慰问开始日应为腊月的第 10 至 29 天' })
  @Max(29, { message: '春节慰问开始日应为腊月的第 10 至 29 天' })
  springFromLaYueDay: number;

  @Transform(toInt)
  @IsInt({ message: '春节慰问结束日应为正月的第 1 至 30 天' })
  @Min(1, { message: '春节慰问结束日应为正月的第 1 至 30 天' })
  @Max(30, { message: '春节慰问结束日应为正月的第 1 至 30 天' })
  springToZhengYueDay: number;
}
