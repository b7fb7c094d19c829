import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  LIMITS,
  lengthMessage,
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  CHECKIN_MODES,
  GEOFENCE_MAX_RADIUS_M,
  GEOFENCE_MIN_RADIUS_M,
  MAX_ACTIVITY_MATERIALS,
  MAX_BATCH_ORGS,
  MAX_STUDY_PAIRS,
  MAX_ACTIVITY_INVITEES,
  ATTENDEE_SCOPE_INPUTS,
  STUDY_MODES,
  type AttendeeScopeInput,
  type AttendeesInput,
  type SetPairsRequest,
  type StudyPairInput,
  type ActivityKind,
  type ActivityListQuery,
  type ActivityLocation,
  type ActivityStatus,
  type CheckinMode,
  type BatchCreateActivitiesRequest,
  type CreateActivityRequest,
  type StudyMode,
  type UpdateActivityRequest,
} from '@djzy/shared';
import { PageQueryDto, toBool, trim } from '../../core/dto';
import { IsId, IsIsoDateTime } from '../../core/validators';

export class LocationDto implements ActivityLocation {
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: '请填写活动地点名称' })
  @MaxLength(LIMITS.placeName, { message: lengthMessage('地点名称', LIMITS.placeName) })
  name: string;

  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '纬度必须是数字' })
  @Min(-90, { message: '纬度应在 -90 到 90 之间' })
  @Max(90, { message: '纬度应在 -90 到 90 之间' })
  lat: number;

  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '经度必须是数字' })
  @Min(-180, { message: '经度应在 -180 到 180 之间' })
  @Max(180, { message: '经度应在 -180 到 180 之间' })
  lng: number;

  @IsInt({ message: '签到范围必须是整数米' })
  @Min(GEOFENCE_MIN_RADIUS_M, { message: `签到范围至少 ${GEOFENCE_MIN_RADIUS_M} 米` })
  @Max(GEOFENCE_MAX_RADIUS_M, { message: `签到范围不能超过 ${GEOFENCE_MAX_RADIUS_M} 米` })
  radiusM: number;
}

export class StudyPairDto implements StudyPairInput {
  @IsString({ message: '请选择结对的帮带党员' })
  @IsId('member')
  mentorId: string;

  @IsString({ message: '请选择结对的学习党员' })
  @IsId('member')
  menteeId: string;
}

export class SetPairsDto implements SetPairsRequest {
  @IsArray({ message: '结对名单格式不正确' })
  @ArrayMaxSize(MAX_STUDY_PAIRS, { message: `结对不能超过 ${MAX_STUDY_PAIRS} 组` })
  @ValidateNested({ each: true })
  @Type(() => StudyPairDto)
  pairs: StudyPairDto[];
}

export class AttendeesDto implements AttendeesInput {
  @IsOptional()
  @IsIn(ATTENDEE_SCOPE_INPUTS, { message: '参会范围只能是 default、org、committee、group 或 members' })
  scope?: AttendeeScopeInput;

  @IsOptional()
  @IsArray({ message: '参会人员格式不正确' })
  @ArrayMaxSize(MAX_ACTIVITY_INVITEES, { message: `参会人员不能超过 ${MAX_ACTIVITY_INVITEES} 人` })
  @IsId('member', { each: true })
  extraMemberIds?: string[];

  @IsOptional()
  @IsArray({ message: '列席人员格式不正确' })
  @ArrayMaxSize(MAX_ACTIVITY_INVITEES, { message: `列席人员不能超过 ${MAX_ACTIVITY_INVITEES} 人` })
  @IsId('member', { each: true })
  observerMemberIds?: string[];
}

/** Fields shared by create and update: the place, who attends, and those of study activities. */
class StudyFieldsDto {
  @IsOptional()
  @IsObject({ message: '参会人员格式不正确' })
  @ValidateNested()
  @Type(() => AttendeesDto)
  attendees?: AttendeesDto;

  @IsOptional()
  @Transform(trim)
  @IsString({ message: '活动地点必须是文本' })
  @MaxLength(LIMITS.placeName, { message: lengthMessage('活动地点', LIMITS.placeName) })
  place?: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LIMITS.lectureTopic, { message: lengthMessage('党课主题', LIMITS.lectureTopic) })
  topic?: string;

  @IsOptional()
  @IsArray({ message: '学习资料格式不正确' })
  @ArrayMaxSize(MAX_ACTIVITY_MATERIALS, { message: `一次网络学习最多关联 ${MAX_ACTIVITY_MATERIALS} 份资料` })
  @ArrayUnique({ message: '学习资料重复' })
  @IsId('material', { each: true })
  materialIds?: string[];

  @IsOptional()
  @IsArray({ message: '结对名单格式不正确' })
  @ArrayMaxSize(MAX_STUDY_PAIRS, { message: `结对不能超过 ${MAX_STUDY_PAIRS} 组` })
  @ValidateNested({ each: true })
  @Type(() => StudyPairDto)
  pairs?: StudyPairDto[];
}

export class CreateActivityDto extends StudyFieldsDto implements CreateActivityRequest {
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: '请填写活动名称' })
  @MaxLength(LIMITS.activityTitle, { message: lengthMessage('活动名称', LIMITS.activityTitle) })
  title: string;

  @IsIn(ACTIVITY_KINDS, { message: '活动类型不正确' })
  kind: ActivityKind;

  @IsString()
  @IsId('org')
  orgId: string;

  @IsIsoDateTime({ message: '开始时间格式应为 2026-11-27T09:00:00+08:00' })
  startsAt: string;

  @IsIsoDateTime({ message: '结束时间格式应为 2026-11-27T11:00:00+08:00' })
  endsAt: string;

  @IsOptional()
  @IsObject({ message: '活动地点格式不正确' })
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto;

  // At least one, except for online study (checked in the service).
  @IsArray({ message: '请选择签到方式' })
  @ArrayUnique({ message: '签到方式重复' })
  @IsIn(CHECKIN_MODES, { each: true, message: '签到方式只能是 qr 或 geo' })
  checkinModes: CheckinMode[];

  @IsOptional()
  @IsIn(STUDY_MODES, { message: '学习方式不正确' })
  studyMode?: StudyMode;

  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.activityDescription, { message: lengthMessage('活动说明', LIMITS.activityDescription) })
  description?: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LIMITS.lecturer, { message: lengthMessage('主讲人', LIMITS.lecturer) })
  lecturer?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500, { message: '额外邀请不能超过 500 人' })
  @IsId('member', { each: true })
  extraMemberIds?: string[];

  @IsOptional()
  @IsBoolean()
  allowRemote?: boolean;
}

export class UpdateActivityDto extends StudyFieldsDto implements UpdateActivityRequest {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: '请填写活动名称' })
  @MaxLength(LIMITS.activityTitle, { message: lengthMessage('活动名称', LIMITS.activityTitle) })
  title?: string;

  @IsOptional()
  @IsIn(ACTIVITY_KINDS, { message: '活动类型不正确' })
  kind?: ActivityKind;

  @IsOptional()
  @IsString()
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @IsIsoDateTime()
  startsAt?: string;

  @IsOptional()
  @IsIsoDateTime()
  endsAt?: string;

  @IsOptional()
  @IsObject({ message: '活动地点格式不正确' })
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto;

  @IsOptional()
  @IsArray({ message: '请选择签到方式' })
  @ArrayUnique({ message: '签到方式重复' })
  @IsIn(CHECKIN_MODES, { each: true, message: '签到方式只能是 qr 或 geo' })
  checkinModes?: CheckinMode[];

  @IsOptional()
  @IsIn(STUDY_MODES, { message: '学习方式不正确' })
  studyMode?: StudyMode;

  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.activityDescription, { message: lengthMessage('活动说明', LIMITS.activityDescription) })
  description?: string;

  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.lecturer, { message: lengthMessage('主讲人', LIMITS.lecturer) })
  lecturer?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsId('member', { each: true })
  extraMemberIds?: string[];

  @IsOptional()
  @IsBoolean()
  allowRemote?: boolean;
}

export class ActivityListQueryDto extends PageQueryDto implements ActivityListQuery {
  @IsOptional()
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @IsIsoDateTime()
  from?: string;

  @IsOptional()
  @IsIsoDateTime()
  to?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'mine 只能是 true 或 false' })
  mine?: boolean;

  @IsOptional()
  @IsIn(ACTIVITY_STATUSES, { message: '状态不正确' })
  status?: ActivityStatus;
}

export class UpdateRecordDto {
  @IsString({ message: '记实内容必须是文本' })
  @MaxLength(LIMITS.minutes, { message: lengthMessage('记实内容', LIMITS.minutes) })
  minutes: string;
}

/** The activity of a batch: as CreateActivityDto, with the org optional (each chosen org gets one). */
export class BatchActivityDto extends CreateActivityDto {
  @IsOptional()
  @IsString()
  @IsId('org')
  declare orgId: string;
}

/** `POST /activities/batch`: the activity as for one org (its orgId ignored), and the orgs. */
export class BatchCreateActivitiesDto implements BatchCreateActivitiesRequest {
  @IsObject({ message: '请填写活动内容' })
  @ValidateNested()
  @Type(() => BatchActivityDto)
  activity: BatchActivityDto;

  @IsArray({ message: '请选择要下发的组织' })
  @ArrayNotEmpty({ message: '请至少选择一个组织' })
  @ArrayMaxSize(MAX_BATCH_ORGS, { message: `一次最多下发到 ${MAX_BATCH_ORGS} 个组织` })
  @ArrayUnique({ message: '组织重复' })
  @IsId('org', { each: true })
  orgIds: string[];

  @IsOptional()
  @IsBoolean({ message: 'publish 只能是 true 或 false' })
  publish?: boolean;
}
