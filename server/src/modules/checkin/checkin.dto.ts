import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  LIMITS,
  MAX_BATCH_CHECKINS,
  lengthMessage,
  type BatchRosterCheckInRequest,
  type CheckInRequest,
  type LeaveRequestInput,
  type RosterCheckInRequest,
} from '@djzy/shared';
import { trim } from '../../core/dto';
import { IsId } from '../../core/validators';

export class CheckInDto implements CheckInRequest {
  @IsString()
  @IsId('activity')
  activityId: string;

  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.checkinToken, { message: '签到码无效' })
  token?: string;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '纬度必须是数字' })
  @Min(-90, { message: '纬度应在 -90 到 90 之间' })
  @Max(90, { message: '纬度应在 -90 到 90 之间' })
  lat?: number;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '经度必须是数字' })
  @Min(-180, { message: '经度应在 -180 到 180 之间' })
  @Max(180, { message: '经度应在 -180 到 180 之间' })
  lng?: number;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '定位精度必须是数字' })
  @Min(0)
  @Max(100000)
  accuracyM?: number;

  @IsOptional()
  @IsBoolean()
  remote?: boolean;

  @IsOptional()
  @IsString({ message: '签到码应为 6 位数字' })
  @Matches(/^\d{6}$/, { message: '签到码应为 6 位数字' })
  shortCode?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64, { message: '签到码无效' })
  scene?: string;
}

export class RosterCheckInDto implements RosterCheckInRequest {
  @IsString()
  @IsId('member')
  memberId: string;
}

export class LeaveDto implements LeaveRequestInput {
  @Transform(trim)
  @IsString({ message: '请填写请假事由' })
  @IsNotEmpty({ message: '请填写请假事由' })
  @MaxLength(LIMITS.leaveReason, { message: lengthMessage('请假事由', LIMITS.leaveReason) })
  reason: string;
}

/** `POST /activities/:id/checkins/batch`: 代签 of several members at once. */
export class BatchRosterCheckInDto implements BatchRosterCheckInRequest {
  @IsArray({ message: '请选择要代签的党员' })
  @ArrayNotEmpty({ message: '请至少选择一名党员' })
  @ArrayMaxSize(MAX_BATCH_CHECKINS, { message: `一次最多代签 ${MAX_BATCH_CHECKINS} 人` })
  @ArrayUnique({ message: '党员重复' })
  @IsId('member', { each: true })
  memberIds: string[];
}
