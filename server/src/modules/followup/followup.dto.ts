import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { LIMITS, lengthMessage, ORG_LIFE_KINDS, type OrgLifeCycle, type OrgLifeKind, type ResolveRectificationRequest } from '@djzy/shared';
import { PageQueryDto, toInt, trim } from '../../core/dto';
import { IsId } from '../../core/validators';
import { ValidateBy } from 'class-validator';

export class RectificationListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(['open', 'resolved'], { message: '状态只能是 open 或 resolved' })
  status?: 'open' | 'resolved';

  @IsOptional()
  @IsId('org')
  orgId?: string;
}

export class ResolveRectificationDto implements ResolveRectificationRequest {
  @Transform(trim)
  @IsString({ message: '请填写整改情况' })
  @IsNotEmpty({ message: '请填写整改情况' })
  @MaxLength(LIMITS.rectificationResolution, { message: lengthMessage('整改情况', LIMITS.rectificationResolution) })
  resolution: string;
}

export class FrequencyQueryDto {
  @IsOptional()
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: '年份必须是整数' })
  @Min(2000, { message: '年份不正确' })
  @Max(2100, { message: '年份不正确' })
  year?: number;
}

export class OrgLifePlanDto {
  @IsObject({ message: '计划格式不正确' })
  @ValidateBy({
    name: 'isOrgLifePlan',
    validator: {
      validate: (v) =>
        !!v &&
        typeof v === 'object' &&
        Object.entries(v as object).every(
          ([k, c]) => (ORG_LIFE_KINDS as readonly string[]).includes(k) && ['month', 'quarter', 'year'].includes(c as string),
        ),
      defaultMessage: () => '计划的活动类型或频次不正确（频次只能是 month、quarter、year）',
    },
  })
  plan: Partial<Record<OrgLifeKind, OrgLifeCycle>>;
}
