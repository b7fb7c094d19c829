import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import {
  DEED_SOURCES,
  DEED_STATUSES,
  LIAISON_KINDS,
  LIMITS,
  MAX_CONTACT_NEEDS,
  SERVICE_REQUEST_STATUSES,
  type ContactNeedInput,
  type CreateDeedRequest,
  type CreateLiaisonRequest,
  type CreateServiceRequestRequest,
  type DeedConfirmRequest,
  type DeedDeclineRequest,
  type DeedDoneRequest,
  type DeedFromSourceRequest,
  type DeedListQuery,
  type DeedSource,
  type DeedStatus,
  type HandleServiceRequestRequest,
  type LiaisonContactListQuery,
  type LiaisonHouseholdInput,
  type LiaisonKind,
  type LiaisonListQuery,
  type LogLiaisonContactRequest,
  type NeedToDeedRequest,
  type ServiceRequestListQuery,
  type ServiceRequestStatus,
} from '@djzy/shared';
import { IsText, IsYear, PageQueryDto, toBool } from '../../core/dto';
import { IsId, IsLocalDate } from '../../core/validators';

const DATE_MESSAGE = '日期格式应为 2026-12-31';

export class CreateDeedDto implements CreateDeedRequest {
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId: string;

  @IsText('事项', LIMITS.deedTitle)
  title: string;

  @IsText('类别', LIMITS.deedCategory)
  category: string;

  @IsText('服务对象', LIMITS.deedRequester)
  requester: string;

  @IsIn(DEED_SOURCES, { message: '来源只能是联户走访、便民服务、群众投诉建议或计划安排' })
  source: DeedSource;

  @IsOptional()
  @IsString()
  @IsId('record')
  sourceRef?: string;

  @IsString({ message: '请选择责任人' })
  @IsId('member')
  responsibleMemberId: string;

  @IsLocalDate({ message: DATE_MESSAGE })
  promisedBy: string;
}

export class DeedDoneDto implements DeedDoneRequest {
  @IsText('办理结果', LIMITS.deedResult, { emptyMessage: '请填写办理结果，办结须写明办了什么' })
  result: string;
}

export class DeedConfirmDto implements DeedConfirmRequest {
  @IsBoolean({ message: '回访是否满意只能是 是 或 否' })
  satisfied: boolean;

  @IsText('回访情况', LIMITS.deedNote, { optional: true })
  note?: string;
}

export class DeedDeclineDto implements DeedDeclineRequest {
  @IsText('不予办理的理由', LIMITS.deedReason)
  reason: string;
}

export class DeedFromSourceDto implements DeedFromSourceRequest {
  @IsText('事项', LIMITS.deedTitle, { optional: true })
  title?: string;

  @IsText('类别', LIMITS.deedCategory, { optional: true })
  category?: string;

  @IsString({ message: '请选择责任人' })
  @IsId('member')
  responsibleMemberId: string;

  @IsLocalDate({ message: DATE_MESSAGE })
  promisedBy: string;
}

export class NeedToDeedDto implements NeedToDeedRequest {
  @IsText('事项', LIMITS.deedTitle, { optional: true })
  title?: string;

  @IsText('类别', LIMITS.deedCategory, { optional: true })
  category?: string;

  @IsOptional()
  @IsString({ message: '请选择责任人' })
  @IsId('member')
  responsibleMemberId?: string;

  @IsOptional()
  @IsLocalDate({ message: DATE_MESSAGE })
  promisedBy?: string;
}

export class DeedListQueryDto extends PageQueryDto implements DeedListQuery {
  @IsOptional()
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @IsYear({ query: true })
  year?: number;

  @IsOptional()
  @IsIn(DEED_STATUSES, { message: '办理状态不正确' })
  status?: DeedStatus;

  @IsOptional()
  @IsIn(DEED_SOURCES, { message: '来源不正确' })
  source?: DeedSource;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'mine 只能是 true 或 false' })
  mine?: boolean;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'overdue 只能是 true 或 false' })
  overdue?: boolean;
}

// ── 便民服务 ──────────────────────────────────────────────────────────────────────────────────

export class CreateServiceRequestDto implements CreateServiceRequestRequest {
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId: string;

  @IsText('办事群众', LIMITS.deedRequester)
  requester: string;

  @IsText('联系方式', LIMITS.serviceContact, { optional: true })
  contact?: string;

  @IsText('办理事项', LIMITS.serviceMatter)
  matter: string;

  @IsOptional()
  @IsLocalDate({ message: DATE_MESSAGE })
  receivedOn?: string;
}

export class HandleServiceRequestDto implements HandleServiceRequestRequest {
  @IsIn(['handled', 'referred'], { message: '办理结果只能是当场办结或已转办' })
  status: 'handled' | 'referred';

  @IsText('办理情况', LIMITS.serviceNote)
  note: string;
}

export class ServiceRequestListQueryDto extends PageQueryDto implements ServiceRequestListQuery {
  @IsOptional()
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @IsYear({ query: true })
  year?: number;

  @IsOptional()
  @IsIn(SERVICE_REQUEST_STATUSES, { message: '办理状态不正确' })
  status?: ServiceRequestStatus;
}

// ── 联村联片联户 ──────────────────────────────────────────────────────────────────────────────

export class LiaisonHouseholdDto implements LiaisonHouseholdInput {
  @IsText('农户', LIMITS.householdName)
  name: string;

  @IsText('备注', LIMITS.householdNote, { optional: true })
  note?: string;
}

export class CreateLiaisonDto implements CreateLiaisonRequest {
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId: string;

  @IsString({ message: '请选择联系人' })
  @IsId('member')
  memberId: string;

  @IsIn(LIAISON_KINDS, { message: '联系方式只能是科级干部联村、支委联片或无职党员联户' })
  kind: LiaisonKind;

  @IsOptional()
  @IsString()
  @IsId('org')
  targetOrgId?: string;

  @IsText('片区', LIMITS.liaisonArea, { optional: true })
  areaName?: string;

  @IsOptional()
  @IsArray({ message: '联系户格式不正确' })
  @ArrayMaxSize(50, { message: '联系户最多 50 户' })
  @ValidateNested({ each: true })
  @Type(() => LiaisonHouseholdDto)
  households?: LiaisonHouseholdDto[];

  @IsLocalDate({ message: DATE_MESSAGE })
  from: string;

  @IsOptional()
  @IsLocalDate({ message: DATE_MESSAGE })
  to?: string;

  @IsOptional()
  @IsInt({ message: '提醒间隔必须是整数天' })
  @Min(1, { message: '提醒间隔至少 1 天' })
  @Max(366, { message: '提醒间隔不能超过 366 天' })
  contactIntervalDays?: number;
}

export class ContactNeedDto implements ContactNeedInput {
  @IsText('需求', LIMITS.contactNeed)
  text: string;

  @IsOptional()
  @IsBoolean({ message: '登记为办实事只能是 是 或 否' })
  toDeed?: boolean;
}

export class LogLiaisonContactDto implements LogLiaisonContactRequest {
  @IsLocalDate({ message: DATE_MESSAGE })
  on: string;

  @IsOptional()
  @IsString()
  @IsId('household')
  householdId?: string;

  @IsText('走访内容', LIMITS.contactWhat, { emptyMessage: '请简要记录走访了解的情况' })
  what: string;

  @IsOptional()
  @IsArray({ message: '需求格式不正确' })
  @ArrayMaxSize(MAX_CONTACT_NEEDS, { message: `一次最多登记 ${MAX_CONTACT_NEEDS} 条需求` })
  @ValidateNested({ each: true })
  @Type(() => ContactNeedDto)
  needs?: ContactNeedDto[];
}

export class LiaisonListQueryDto extends PageQueryDto implements LiaisonListQuery {
  @IsOptional()
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @IsIn(LIAISON_KINDS, { message: '联系方式不正确' })
  kind?: LiaisonKind;
}

export class LiaisonContactListQueryDto extends PageQueryDto implements LiaisonContactListQuery {
  @IsOptional()
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @IsId('liaison')
  liaisonId?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'mine 只能是 true 或 false' })
  mine?: boolean;
}
