import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type {
  AdminLoginRequest,
  BindRequest,
  CreateRoleGrantRequest,
  DevLoginRequest,
  EndRoleGrantRequest,
  GrantEndReason,
  PostRole,
  WechatLoginRequest,
} from '@djzy/shared';
import { GRANT_END_REASONS, LIMITS, POST_ROLES, RECORD_LIMITS } from '@djzy/shared';
import { IsText, toBool, trim } from '../../core/dto';
import { IsId } from '../../core/validators';

export class WechatLoginDto implements WechatLoginRequest {
  @IsString({ message: '缺少微信登录凭证' })
  @IsNotEmpty({ message: '缺少微信登录凭证' })
  @MaxLength(LIMITS.wechatCode, { message: '微信登录凭证格式不正确' })
  code: string;
}

export class BindDto implements BindRequest {
  @IsString()
  @IsNotEmpty({ message: '缺少绑定凭证' })
  @MaxLength(LIMITS.bindTicket, { message: '绑定凭证格式不正确' })
  bindTicket: string;

  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: '请填写姓名' })
  @MaxLength(LIMITS.personName, { message: '姓名过长' })
  name: string;

  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @Matches(/^\d{5}[\dX]$/, { message: '请填写身份证号后 6 位' })
  idCardLast6: string;
}

export class AdminLoginDto implements AdminLoginRequest {
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: '请填写用户名' })
  @MaxLength(LIMITS.username, { message: '用户名过长' })
  username: string;

  @IsString()
  @IsNotEmpty({ message: '请填写密码' })
  @MaxLength(LIMITS.password, { message: '密码过长' })
  password: string;
}

export class DevLoginDto implements DevLoginRequest {
  @IsOptional()
  @IsId('member')
  memberId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.username, { message: '用户名过长' })
  username?: string;
}

export class RoleGrantQueryDto {
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: '是否包含已离任只能是 true 或 false' })
  includeEnded?: boolean;
}

export class CreateRoleGrantDto implements CreateRoleGrantRequest {
  @IsString({ message: '请选择支部' })
  @IsId('org')
  orgId: string;

  @IsString({ message: '请选择党员' })
  @IsId('member')
  memberId: string;

  @IsIn(POST_ROLES, { message: '岗位应为 支部书记、支部委员、团支部书记 或 妇联主席' })
  role: PostRole;
}

export class EndRoleGrantDto implements EndRoleGrantRequest {
  @IsIn(GRANT_END_REASONS, { message: '离任原因应为 调整、辞职 或 其他' })
  reason: GrantEndReason;

  @IsText('说明', RECORD_LIMITS.endNote, { optional: true })
  note?: string;
}
