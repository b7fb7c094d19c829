import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsInt, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import {
  APPRAISAL_EXCLUSION_REASONS,
  APPRAISAL_GRADES,
  APPRAISAL_LIMITS as L,
  DISPOSAL_GROUNDS,
  DISPOSAL_KINDS,
  DISPOSAL_STATUSES,
  type AppraisalExclusionReason,
  type AppraisalGrade,
  type AppraisalGradesRequest,
  type AppraisalSelfReviewRequest,
  type AppraisalTallyRequest,
  type CreateAppraisalRoundRequest,
  type CreateDisposalRequest,
  type DisposalExpiryReviewRequest,
  type DisposalGround,
  type DisposalKind,
  type DisposalProposeRequest,
  type DisposalStatus,
  type DisposalStepRequest,
  type DisposalVoteRequest,
} from '@djzy/shared';
import { IsText, IsYear } from '../../core/dto';
import { IsId, IsLocalDate } from '../../core/validators';

const DATE = { message: '日期格式应为 2026-12-20' };
const count = (label: string) => [IsInt({ message: `${label}必须是整数` }), Min(0, { message: `${label}不能为负数` }), Max(100_000, { message: `${label}过大` })];
const Count = (label: string): PropertyDecorator => (t, k) => count(label).forEach((d) => d(t, k));

export class RoundListQueryDto {
  @IsOptional()
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @IsYear({ query: true })
  year?: number;
}

export class ExclusionDto {
  @IsString({ message: '请选择党员' })
  @IsId('member')
  memberId: string;

  @IsIn(APPRAISAL_EXCLUSION_REASONS, { message: '不参加评议的原因应为 因病、出国（境）、失去联系 或 其他' })
  reason: AppraisalExclusionReason;

  @IsText('说明', L.note, { optional: true })
  note?: string;
}

export class CreateRoundDto implements CreateAppraisalRoundRequest {
  @IsString({ message: '请选择党支部' })
  @IsId('org')
  orgId: string;

  @IsYear()
  year: number;

  @IsString({ message: '请选择民主评议党员会议' })
  @IsId('activity')
  meetingActivityId: string;

  @IsOptional()
  @IsArray({ message: '不参加评议的党员格式不正确' })
  @ArrayMaxSize(L.members, { message: '不参加评议的党员过多' })
  @ValidateNested({ each: true })
  @Type(() => ExclusionDto)
  exclusions?: ExclusionDto[];
}

export class SelfReviewDto implements AppraisalSelfReviewRequest {
  @IsString({ message: '请选择党员' })
  @IsId('member')
  memberId: string;

  @IsText('自评内容', L.selfReview)
  text: string;
}

export class TallyDto {
  @IsString({ message: '请选择党员' })
  @IsId('member')
  memberId: string;

  @Count('优秀票数')
  excellent: number;

  @Count('合格票数')
  qualified: number;

  @Count('基本合格票数')
  basicallyQualified: number;

  @Count('不合格票数')
  unqualified: number;
}

export class TalliesDto implements AppraisalTallyRequest {
  @IsArray({ message: '测评票数格式不正确' })
  @ArrayNotEmpty({ message: '请填写测评票数' })
  @ArrayMaxSize(L.members, { message: '测评票数过多' })
  @ValidateNested({ each: true })
  @Type(() => TallyDto)
  tallies: TallyDto[];
}

export class GradeDto {
  @IsString({ message: '请选择党员' })
  @IsId('member')
  memberId: string;

  @IsIn(APPRAISAL_GRADES, { message: '等次应为 优秀、合格、基本合格 或 不合格' })
  grade: AppraisalGrade;

  @IsOptional()
  @IsArray({ message: '依据格式不正确' })
  @ArrayMaxSize(DISPOSAL_GROUNDS.length, { message: '依据过多' })
  @IsIn(DISPOSAL_GROUNDS, { each: true, message: '依据不正确' })
  grounds?: DisposalGround[];

  @IsText('评定依据', L.note, { optional: true })
  basisNote?: string;
}

export class GradesDto implements AppraisalGradesRequest {
  @IsArray({ message: '等次格式不正确' })
  @ArrayNotEmpty({ message: '请评定等次' })
  @ArrayMaxSize(L.members, { message: '等次过多' })
  @ValidateNested({ each: true })
  @Type(() => GradeDto)
  grades: GradeDto[];
}

export class FeedbackDto {
  @IsString({ message: '请选择党员' })
  @IsId('member')
  memberId: string;
}

export class DisposalListQueryDto {
  @IsOptional()
  @IsString({ message: '请选择组织' })
  @IsId('org')
  orgId?: string;

  @IsOptional()
  @IsIn(DISPOSAL_STATUSES, { message: '状态不正确' })
  status?: DisposalStatus;
}

export class CreateDisposalDto implements CreateDisposalRequest {
  @IsString({ message: '请选择党员' })
  @IsId('member')
  memberId: string;

  @IsIn(DISPOSAL_KINDS, { message: '处置方式应为 限期改正、劝其退党 或 除名' })
  kind: DisposalKind;

  @IsArray({ message: '请选择处置依据' })
  @ArrayNotEmpty({ message: '请至少选择一项处置依据' })
  @ArrayMaxSize(DISPOSAL_GROUNDS.length, { message: '依据过多' })
  @IsIn(DISPOSAL_GROUNDS, { each: true, message: '依据不正确' })
  grounds: DisposalGround[];

  @IsText('说明', L.note, { optional: true })
  note?: string;
}

export class StepDto implements DisposalStepRequest {
  @IsLocalDate(DATE)
  on: string;

  @IsText('内容', L.text, { optional: true })
  text?: string;
}

export class ProposeDto extends StepDto implements DisposalProposeRequest {
  @IsOptional()
  @IsInt({ message: '改正期限应为 1 至 12 个月' })
  @Min(1, { message: '改正期限应为 1 至 12 个月' })
  @Max(12, { message: '改正期限最长 1 年（12 个月）' })
  rectifyMonths?: number;
}

export class VoteDto implements DisposalVoteRequest {
  @IsLocalDate(DATE)
  on: string;

  @Count('应到人数')
  shouldAttend: number;

  @Count('实到人数')
  present: number;

  @Count('赞成票数')
  agree: number;

  @Count('反对票数')
  against: number;

  @Count('弃权票数')
  abstain: number;

  @IsText('本人申辩情况', L.text, { optional: true })
  defenceNote?: string;
}

export class ExpiryReviewDto implements DisposalExpiryReviewRequest {
  @IsLocalDate(DATE)
  on: string;

  @IsIn(['changed', 'unchanged'], { message: '考察结果应为 已改正 或 仍无转变' })
  result: 'changed' | 'unchanged';

  @IsText('考察情况', L.text, { optional: true })
  text?: string;
}
