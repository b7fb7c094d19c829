import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  LIMITS,
  lengthMessage,
  GENDERS,
  MEMBER_EXIT_STATUSES,
  MEMBER_STATUSES,
  type CreateMemberRequest,
  type Gender,
  type MemberListQuery,
  type MemberStatus,
  type UpdateMemberRequest,
} from '@djzy/shared';
import { PageQueryDto, toBool, trim } from '../../core/dto';
import { IsId, IsIdCard, IsLocalDate, IsPhone } from '../../core/validators';

export class CreateMemberDto implements CreateMemberRequest {
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: '姓名不能为空' })
  @MaxLength(LIMITS.personName, { message: lengthMessage('姓名', LIMITS.personName) })
  name: string;

  @IsOptional()
  @IsIn(GENDERS, { message: '性别只能是 male 或 female' })
  gender?: Gender;

  @Transform(trim)
  @IsString()
  @IsIdCard()
  idCard: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsPhone()
  phone?: string;

  @IsString()
  @IsId('org')
  orgId: string;

  @IsIn(MEMBER_STATUSES, { message: '人员类别不正确' })
  status: MemberStatus;

  @IsOptional()
  @IsString()
  @IsLocalDate({ message: '入党日期格式应为 YYYY-MM-DD' })
  joinedAt?: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LIMITS.education, { message: lengthMessage('学历', LIMITS.education) })
  education?: string;

  @IsOptional()
  @IsBoolean()
  isMobile?: boolean;
}

export class UpdateMemberDto implements UpdateMemberRequest {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: '姓名不能为空' })
  @MaxLength(LIMITS.personName, { message: lengthMessage('姓名', LIMITS.personName) })
  name?: string;

  @IsOptional()
  @IsIn(GENDERS, { message: '性别只能是 male 或 female' })
  gender?: Gender;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsIdCard()
  idCard?: string;

  /** An empty string clears the phone. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsPhone({ allowEmpty: true })
  phone?: string;

  @IsOptional()
  @IsString()
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @IsIn(MEMBER_STATUSES, { message: '人员类别不正确' })
  status?: MemberStatus;

  @IsOptional()
  @IsString()
  @IsLocalDate({ message: '入党日期格式应为 YYYY-MM-DD' })
  joinedAt?: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LIMITS.education, { message: lengthMessage('学历', LIMITS.education) })
  education?: string;

  @IsOptional()
  @IsBoolean()
  isMobile?: boolean;
}

export class MemberListQueryDto extends PageQueryDto implements MemberListQuery {
  @IsOptional()
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(LIMITS.search, { message: '搜索内容过长' })
  q?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'mobile 只能是 true 或 false' })
  mobile?: boolean;

  @IsOptional()
  @IsIn([...MEMBER_STATUSES, ...MEMBER_EXIT_STATUSES], { message: '人员类别不正确' })
  status?: MemberStatus;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'reveal 只能是 true 或 false' })
  reveal?: boolean;
}

export class RevealQueryDto {
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'reveal 只能是 true 或 false' })
  reveal?: boolean;
}

export class ExportQueryDto {
  @IsOptional()
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'reveal 只能是 true 或 false' })
  reveal?: boolean;
}
