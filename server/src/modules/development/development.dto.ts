import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import {
  DEVELOPMENT_CASE_STAGES,
  DEVELOPMENT_CASE_STATUSES,
  DEVELOPMENT_LIMITS as L,
  DEVELOPMENT_STEP_COUNT,
  PROBATION_OUTCOMES,
  type AddDevelopmentStepRequest,
  type CreateDevelopmentCaseRequest,
  type DevelopmentActorInput,
  type DevelopmentCaseStage,
  type DevelopmentCaseStatus,
  type DevelopmentVote,
  type ProbationOutcome,
} from '@djzy/shared';
import { IsText, IsYear } from '../../core/dto';
import { IsId, IsIdCard, IsLocalDate } from '../../core/validators';

const count = (label: string) => [
  IsInt({ message: `${label}必须是整数` }),
  Min(0, { message: `${label}不能为负数` }),
  Max(100_000, { message: `${label}过大` }),
];
const apply =
  (...ds: PropertyDecorator[]): PropertyDecorator =>
  (t, k) =>
    ds.forEach((d) => d(t, k));

export class CreateDevelopmentCaseDto implements CreateDevelopmentCaseRequest {
  @IsString({ message: '请选择党支部' })
  @IsId('org')
  branchOrgId: string;

  @IsText('姓名', L.name)
  name: string;

  @IsString({ message: '请填写身份证号' })
  @IsIdCard()
  idNumber: string;

  @IsLocalDate({ message: '出生日期格式应为 YYYY-MM-DD' })
  birthDate: string;

  @IsLocalDate({ message: '申请日期格式应为 YYYY-MM-DD' })
  appliedOn: string;

  @IsText('备注', L.note, { optional: true })
  note?: string;
}

export class VoteDto implements DevelopmentVote {
  @apply(...count('应到人数'))
  shouldAttend: number;

  @apply(...count('实到人数'))
  present: number;

  @apply(...count('赞成人数'))
  agree: number;

  @IsOptional()
  @apply(...count('书面赞成人数'))
  writtenAgree?: number;

  @IsOptional()
  @apply(...count('反对人数'))
  oppose?: number;

  @IsOptional()
  @apply(...count('弃权人数'))
  abstain?: number;
}

export class ActorDto implements DevelopmentActorInput {
  @IsOptional()
  @IsString({ message: '党员编号不正确' })
  @IsId('member')
  memberId?: string;

  @IsText('姓名', L.actorName, { optional: true })
  name?: string;
}

export class TrainingDto {
  @IsOptional()
  @IsInt({ message: '培训天数必须是整数' })
  @Min(0, { message: '培训天数不能为负数' })
  @Max(366, { message: '培训天数不正确' })
  days?: number;

  @IsOptional()
  @IsInt({ message: '培训学时必须是整数' })
  @Min(0, { message: '培训学时不能为负数' })
  @Max(10_000, { message: '培训学时不正确' })
  hours?: number;
}

export class NoticeDto {
  @IsLocalDate({ message: '公示开始日期格式应为 YYYY-MM-DD' })
  from: string;

  @IsLocalDate({ message: '公示结束日期格式应为 YYYY-MM-DD' })
  to: string;
}

export class AddDevelopmentStepDto implements AddDevelopmentStepRequest {
  @IsInt({ message: '步骤必须是 1 至 25 的整数' })
  @Min(1, { message: '步骤必须是 1 至 25 的整数' })
  @Max(DEVELOPMENT_STEP_COUNT, { message: '步骤必须是 1 至 25 的整数' })
  step: number;

  @IsLocalDate({ message: '日期格式应为 YYYY-MM-DD' })
  occurredOn: string;

  @IsOptional()
  @IsArray({ message: '参与人格式不正确' })
  @ArrayMaxSize(L.actors, { message: `参与人最多 ${L.actors} 名` })
  @ValidateNested({ each: true })
  @Type(() => ActorDto)
  actors?: ActorDto[];

  @IsOptional()
  @IsObject({ message: '表决情况格式不正确' })
  @ValidateNested()
  @Type(() => VoteDto)
  vote?: VoteDto;

  @IsOptional()
  @IsObject({ message: '培训情况格式不正确' })
  @ValidateNested()
  @Type(() => TrainingDto)
  training?: TrainingDto;

  @IsOptional()
  @IsIn(PROBATION_OUTCOMES, { message: '支部大会的决定只能是按期转正、延长预备期或取消预备党员资格' })
  outcome?: ProbationOutcome;

  @IsOptional()
  @IsInt({ message: '延长月数必须是整数' })
  @Min(1, { message: '延长月数不正确' })
  @Max(24, { message: '延长月数不正确' })
  extensionMonths?: number;

  @IsOptional()
  @IsObject({ message: '公示情况格式不正确' })
  @ValidateNested()
  @Type(() => NoticeDto)
  publicNotice?: NoticeDto;

  @IsText('材料', L.documents, { optional: true })
  documents?: string;

  @IsText('备注', L.note, { optional: true })
  note?: string;

  @IsOptional()
  @IsString({ message: '步骤记录编号不正确' })
  @IsId('step')
  supersedes?: string;
}

export class CaseListQueryDto {
  @IsOptional()
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @IsIn(DEVELOPMENT_CASE_STAGES, { message: '阶段不正确' })
  stage?: DevelopmentCaseStage;

  @IsOptional()
  @IsIn(DEVELOPMENT_CASE_STATUSES, { message: '状态不正确' })
  status?: DevelopmentCaseStatus;
}

export class PlanQueryDto {
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId: string;

  @IsYear({ query: true })
  year: number;
}

export class SetPlanDto {
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId: string;

  @IsYear()
  year: number;

  @IsInt({ message: '计划人数必须是整数' })
  @Min(0, { message: '计划人数不能为负数' })
  @Max(100_000, { message: '计划人数过大' })
  quota: number;
}

export class CalendarQueryDto {
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId: string;

  @IsOptional()
  @IsYear({ query: true })
  year?: number;
}

export class SetCalendarDayDto {
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId: string;

  @IsLocalDate()
  day: string;

  @IsBoolean({ message: '是否工作日只能是 是 或 否' })
  workday: boolean;

  @IsText('说明', 50, { optional: true })
  note?: string;
}

export class CalendarDayQueryDto {
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId: string;

  @IsLocalDate()
  day: string;
}

export class ImportQueryDto {
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId: string;
}
