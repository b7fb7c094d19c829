import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import {
  LIMITS,
  lengthMessage,
  CADRE_CONTACT_METHODS,
  MAX_CONTACT_INTERVAL_DAYS,
  MOBILITY_REPORT_STATUSES,
  MOBILITY_STATUSES,
  type CadreContactMethod,
  type ContactLogRequest,
  type MobileMemberListQuery,
  type MobilityReportRequest,
  type MobilityReportStatus,
  type MobilityStatus,
  type UpdateMobilitySettingsRequest,
  type UpsertMobilityRequest,
} from '@djzy/shared';
import { PageQueryDto, toBool, trim } from '../../core/dto';
import { IsId, IsIsoDateTime, IsLocalDate } from '../../core/validators';

export class MobileMemberListQueryDto extends PageQueryDto implements MobileMemberListQuery {
  @IsOptional()
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'overdue 只能是 true 或 false' })
  overdue?: boolean;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'escalated 只能是 true 或 false' })
  escalated?: boolean;

  @IsOptional()
  @IsIn(MOBILITY_STATUSES, { message: '状态不正确' })
  status?: MobilityStatus;

  @IsOptional()
  @IsId('cadre')
  cadreId?: string;
}

export class UpsertMobilityDto implements UpsertMobilityRequest {
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: '请填写外出地点' })
  @MaxLength(LIMITS.destination, { message: lengthMessage('外出地点', LIMITS.destination) })
  destination: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LIMITS.employer, { message: lengthMessage('工作单位', LIMITS.employer) })
  employer?: string;

  @IsLocalDate({ message: '外出时间格式应为 YYYY-MM-DD' })
  leftAt: string;

  @IsOptional()
  @IsLocalDate({ message: '预计返乡时间格式应为 YYYY-MM-DD' })
  expectedReturnAt?: string;

  @IsString()
  @IsId('cadre')
  contactCadreId: string;

  @IsInt({ message: '联系周期必须是整数天' })
  @Min(1, { message: '联系周期至少 1 天' })
  @Max(MAX_CONTACT_INTERVAL_DAYS, { message: `联系周期不能超过 ${MAX_CONTACT_INTERVAL_DAYS} 天` })
  intervalDays: number;

  @IsOptional()
  @IsIn(['away', 'returned'], { message: '状态只能是 away（外出）或 returned（已返乡）' })
  status?: MobilityStatus;
}

export class ContactLogDto implements ContactLogRequest {
  @IsIn(CADRE_CONTACT_METHODS, { message: '联系方式只能是电话、微信、走访或视频' })
  method: CadreContactMethod;

  @IsIsoDateTime({ message: '联系时间格式应为 2026-11-27T09:00:00+08:00' })
  contactedAt: string;

  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: '请简要记录谈了什么' })
  @MaxLength(LIMITS.contactSummary, { message: lengthMessage('联系内容', LIMITS.contactSummary) })
  summary: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LIMITS.contactNeeds, { message: lengthMessage('诉求', LIMITS.contactNeeds) })
  needs?: string;

  @IsOptional()
  @IsBoolean()
  followUpRequired?: boolean;
}

export class MobilityReportDto implements MobilityReportRequest {
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: '请填写所在地' })
  @MaxLength(LIMITS.reportLocation, { message: lengthMessage('所在地', LIMITS.reportLocation) })
  location: string;

  @IsIn(MOBILITY_REPORT_STATUSES, { message: '近况选项不正确' })
  status: MobilityReportStatus;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LIMITS.reportNote, { message: lengthMessage('补充说明', LIMITS.reportNote) })
  note?: string;
}

export class CadreFiguresQueryDto {
  @IsOptional()
  @IsId('org')
  orgId?: string;
}

export class MobilitySettingsDto implements UpdateMobilitySettingsRequest {
  @IsOptional()
  @IsInt({ message: '联系周期必须是整数天' })
  @Min(1, { message: '联系周期至少 1 天' })
  @Max(MAX_CONTACT_INTERVAL_DAYS, { message: `联系周期不能超过 ${MAX_CONTACT_INTERVAL_DAYS} 天` })
  defaultIntervalDays?: number;

  @IsOptional()
  @IsInt({ message: '失联天数必须是整数' })
  @Min(30, { message: '失联天数至少 30 天' })
  @Max(3650, { message: '失联天数不能超过 3650 天' })
  lostContactDays?: number;

  @IsOptional()
  @IsBoolean({ message: 'selfReportResets 只能是 true 或 false' })
  selfReportResets?: boolean;
}
